from django.apps import AppConfig


class CentersConfig(AppConfig):
    name = "tejido.centers"
    label = "centers"
    verbose_name = "Centros"
