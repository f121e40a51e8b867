from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "rightswatch.platform.suggestions"
    label = "suggestions"
    verbose_name = "Procuratorial suggestions"
