import io

import pytest

from tejido.imports.services import batch_start


@pytest.fixture(autouse=True)
def _imports_inline(settings, tmp_path):
    settings.IMPORT_RUNNER = "inline"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run_import():
    def run(user, data: bytes, name="personas.xlsx", **options):
        return batch_start(user=user, kind=options.pop("kind", "personas"), upload=io.BytesIO(data),
                           file_name=name, **options)
    return run
