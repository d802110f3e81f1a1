"""Issue 16 item 2, light on the wire: pages compressed, static files with hashed names kept by the
browser for a year (so a second page costs the HTML alone)."""

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tejido.common.testing import client_for

pytestmark = pytest.mark.django_db


def test_pages_and_api_answers_are_compressed(people):
    web = client_for(people["zacapa"])
    page = web.get("/personas/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert page["Content-Encoding"] == "gzip"
    html = gzip.decompress(page.content).decode()
    assert "Personas" in html
    assert len(page.content) < len(html) / 2


def test_static_files_have_hashed_names_and_a_year_of_cache(people, tmp_path):
    with override_settings(STATIC_ROOT=tmp_path / "static"):
        call_command("collectstatic", "--no-input", verbosity=0)
        html = client_for(people["zacapa"]).get("/").content.decode()
        css = re.search(r'href="(/static/tejido/tejido\.[0-9a-f]{12}\.css)"', html)
        script = re.search(r'src="(/static/tejido/tejido\.[0-9a-f]{12}\.js)"', html)
        assert css and script, "the page links the hashed names"
        response = Client().get(css.group(1), HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        cache = response["Cache-Control"]
        assert "immutable" in cache and int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 3600
        response.close()
