from django.apps import AppConfig


class WomenConfig(AppConfig):
    name = "tejido.women"
    label = "women"
    verbose_name = "Mejoramiento Socioeconómico de la Mujer"
