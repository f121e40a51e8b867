from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rightswatch.platform.core"
    label = "core"
    verbose_name = "RightsWatch"
