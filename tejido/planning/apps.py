from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "tejido.planning"
    label = "planning"
    verbose_name = "Planificación y presupuesto"
