from django.apps import AppConfig


class ElderlyConfig(AppConfig):
    name = "tejido.elderly"
    label = "elderly"
    verbose_name = "Mis Años Dorados"
