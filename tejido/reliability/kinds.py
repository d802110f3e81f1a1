"""The job kinds: each app registers what its jobs run and what they mark when a job is given up,
in its own AppConfig.ready() (reports, imports, dedup), so this shared layer imports none of them
and an app's jobs live with the app."""

from collections.abc import Callable

from django.utils.translation import gettext as _

# kind -> (run(target_id), give_up(target_id, message))
KINDS: dict[str, tuple[Callable[[int], None], Callable[[int, str], None]]] = {}


def register(kind: str, *, run: Callable[[int], None], give_up: Callable[[int, str], None]) -> None:
    """An app's job kind. `run` raises to be retried; `give_up` marks the target failed."""
    if kind in KINDS and KINDS[kind] != (run, give_up):
        raise ValueError(f"job kind {kind!r} registered twice")
    KINDS[kind] = (run, give_up)


def gave_up_message(attempts: int, error: str) -> str:
    return _("El proceso se interrumpió %(n)s veces y se abandonó: %(error)s") % {"n": attempts, "error": error}
