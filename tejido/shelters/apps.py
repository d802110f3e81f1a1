from django.apps import AppConfig


class SheltersConfig(AppConfig):
    name = "tejido.shelters"
    label = "shelters"
    verbose_name = "Albergues temporales"
