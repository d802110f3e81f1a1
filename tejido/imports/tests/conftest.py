import io

import pytest
from django.db.models import Max

from tejido.imports.services import batch_start


@pytest.fixture(autouse=True)
def _imports_inline(settings, tmp_path):
    settings.IMPORT_RUNNER = "inline"
    settings.MEDIA_ROOT = tmp_path / "media"


def _historied_models():
    from simple_history.models import registered_models

    return [model for model in registered_models.values() if hasattr(model, "history")]


def assert_created_records_have_history(before: dict, user) -> None:
    """Every record with history that the import created has its «+» row, by the importing user: the
    audit trail records who created every record, imported or typed (issue 15, item 7)."""
    problems = []
    for model, last in before.items():
        pk = model._meta.pk.attname
        created = set(model._base_manager.filter(pk__gt=last).values_list("pk", flat=True))
        if not created:
            continue
        creations = dict(model.history.filter(history_type="+", **{f"{pk}__in": created})
                         .values_list(pk, "history_user_id"))
        missing = sorted(created - set(creations))
        others = sorted(p for p, who in creations.items() if who != user.pk)
        if missing or others:
            problems.append(f"{model._meta.label}: sin «+» {missing[:5]}, de otro usuario {others[:5]}")
    assert problems == [], problems


@pytest.fixture
def run_import():
    def run(user, data: bytes, name="personas.xlsx", **options):
        before = {model: model._base_manager.aggregate(last=Max("pk"))["last"] or 0 for model in _historied_models()}
        batch = batch_start(user=user, kind=options.pop("kind", "personas"), upload=io.BytesIO(data),
                            file_name=name, **options)
        assert_created_records_have_history(before, user)
        return batch
    return run
