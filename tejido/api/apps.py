from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tejido.api"
    label = "api"
    verbose_name = "API"
