from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "rightswatch.platform.transfers"
    label = "transfers"
    verbose_name = "Transfers"
