from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "rightswatch.platform.consultations"
    label = "consultations"
    verbose_name = "Consultations"
