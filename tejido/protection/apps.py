from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "tejido.protection"
    label = "protection"
    verbose_name = "Casos de protección infantil"
