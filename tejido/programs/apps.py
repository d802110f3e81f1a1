from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tejido.programs"
    label = "programs"
    verbose_name = "Piezas comunes de los programas"
