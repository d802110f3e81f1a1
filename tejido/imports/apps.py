from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "tejido.imports"
    label = "imports"
    verbose_name = "Importación masiva"
