import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def pdf(name="convenio.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def places(people):
    """Zacapa: CADI (people), elderly day center, community home; Jutiapa: CADI (people)."""
    return {
        "zacapa_cadi": people["zacapa_cadi"],
        "jutiapa_cadi": people["jutiapa_cadi"],
        "zacapa_elderly": make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa"),
        "zacapa_home": make_center(ZACAPA_TOWN, kind="community_home", name="Hogar Comunitario Zacapa"),
        "jutiapa_elderly": make_center(JUTIAPA_TOWN, kind="elderly_day", name="Centro Diurno Jutiapa"),
    }


YEAR_START, YEAR_END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
