from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tejido.web"
    label = "web"
    verbose_name = "Interfaz web"
