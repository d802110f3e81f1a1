from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "tejido.imports"
    label = "imports"
    verbose_name = "Importación masiva"

    def ready(self):
        from tejido.reliability.kinds import register

        register("import", run=_run, give_up=_give_up)


def _run(target_id: int) -> None:
    from .services import batch_run

    batch_run(target_id, job=True)  # job=True: under a memory ceiling


def _give_up(target_id: int, message: str) -> None:
    from .models import ImportBatch

    ImportBatch.objects.filter(pk=target_id).update(status=ImportBatch.Status.FAILED, message=message[:300])
