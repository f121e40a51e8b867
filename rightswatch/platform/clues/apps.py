from django.apps import AppConfig


class CluesConfig(AppConfig):
    name = "rightswatch.platform.clues"
    label = "clues"
    verbose_name = "Clues"
