from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rightswatch.platform.accounts"
    label = "accounts"
    verbose_name = "Accounts"
