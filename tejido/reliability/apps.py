from django.apps import AppConfig


class ReliabilityConfig(AppConfig):
    name = "tejido.reliability"
    label = "reliability"
    verbose_name = "Confiabilidad"
