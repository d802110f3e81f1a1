from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tejido.accounts"
    label = "accounts"
    verbose_name = "Usuarios y acceso"
