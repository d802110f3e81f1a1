from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "tejido.registry"
    label = "registry"
    verbose_name = "Registro de personas"
