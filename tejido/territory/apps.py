from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "tejido.territory"
    label = "territory"
    verbose_name = "Territorio"
