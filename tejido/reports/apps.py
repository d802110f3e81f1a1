from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tejido.reports"
    label = "reports"
    verbose_name = "Informes"

    def ready(self):
        # Each program's report tables register themselves on import.
        from tejido.reliability.kinds import register

        from . import catalogue  # noqa: F401
        from .jobs import give_up, run_for_job_system

        register("report", run=run_for_job_system, give_up=give_up)
