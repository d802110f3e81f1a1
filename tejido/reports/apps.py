from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tejido.reports"
    label = "reports"
    verbose_name = "Informes"

    def ready(self):
        # Each program's report tables register themselves on import.
        from . import catalogue  # noqa: F401
