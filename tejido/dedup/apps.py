from django.apps import AppConfig


class DedupConfig(AppConfig):
    name = "tejido.dedup"
    label = "dedup"
    verbose_name = "Duplicados de personas"

    def ready(self):
        from tejido.reliability.kinds import register

        from .jobs import give_up, job_run

        register("dedup", run=job_run, give_up=give_up)
