from django.apps import AppConfig


class OfflineConfig(AppConfig):
    name = "tejido.offline"
    label = "offline"
    verbose_name = "Captura sin conexión"
