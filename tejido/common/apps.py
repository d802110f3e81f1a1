from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "tejido.common"
    label = "common"
    verbose_name = "Común"
