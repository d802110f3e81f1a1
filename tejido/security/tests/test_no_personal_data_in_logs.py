"""No name, CUI or query string reaches a log line, whatever the request does."""

import io
import logging
import re
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tejido.common.testing import JUTIAPA_TOWN, client_for, make_person, valid_cui
from tejido.security.log_filters import PersonalDataFilter
from tejido.security.tests.boom_urls import CUI as BOOM_CUI
from tejido.security.tests.boom_urls import NAME as BOOM_NAME

pytestmark = pytest.mark.django_db
DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


@pytest.fixture
def emitted_logs():
    """Everything the configured handlers write, with every logger at DEBUG."""
    root = logging.getLogger()
    stream = io.StringIO()
    handlers = [h for h in root.handlers if any(isinstance(f, PersonalDataFilter) for f in h.filters)]
    assert handlers, "settings.LOGGING must put the personal-data filter on the console handler"
    old = [(h, h.setStream(stream)) for h in handlers]
    old_level = root.level
    root.setLevel(logging.DEBUG)
    yield stream
    root.setLevel(old_level)
    for handler, previous in old:
        handler.setStream(previous)


@override_settings(ROOT_URLCONF="tejido.security.tests.boom_urls", DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_searches_404_403_invalid_forms_and_500_log_no_personal_data(people, emitted_logs):
    cui = valid_cui(JUTIAPA_TOWN)
    other = make_person(JUTIAPA_TOWN, given_names="Eleuteria", first_surname="Quiñónez", cui=cui)
    officer = client_for(people["zacapa"])
    officer.raise_request_exception = False
    assert officer.get("/personas/", {"q": "Eleuteria Quiñónez"}).status_code == 200
    assert officer.get(f"/personas/{other.pk}/").status_code == 404  # Jutiapa: out of scope
    assert officer.get(f"/historial/persona/{other.pk}/?q={cui}").status_code == 403
    planner = client_for(people["planner"])
    assert planner.get("/personas/", {"q": "Eleuteria", "cui": cui}).status_code == 403
    invalid = officer.post("/personas/nueva/", {"given_names": "Eleuteria", "first_surname": "Quiñónez",
                                                "cui": cui[:-1] + "0", "birth_date": "no es fecha"})
    assert invalid.status_code == 200
    boom = Client(raise_request_exception=False)
    boom.force_login(people["zacapa"])
    assert boom.get("/prueba-500/", {"q": "Eleuteria"}).status_code == 500
    text = emitted_logs.getvalue()
    # the requests were logged (so the test would see a leak) ...
    assert "Not Found: /personas/" in text and "Internal Server Error: /prueba-500/" in text
    assert "Forbidden" in text and "RuntimeError" in text
    # ... and no personal value is in them
    for secret in ("Eleuteria", "Quiñónez", "Quinonez", cui, cui[:-1] + "0", BOOM_NAME, BOOM_CUI):
        assert secret not in text, secret


def test_filter_masks_query_strings_cuis_and_exception_messages():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Error en %s", ("/p/?q=Ana",), None)
    name, cui = "Ana", "2345678901901"  # not literal in the raise: the traceback quotes source lines
    try:
        raise ValueError(f"CUI {cui} de {name}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert PersonalDataFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "Ana" not in formatted and "2345678901901" not in formatted
    assert "?[…]" in formatted and "builtins.ValueError" in formatted
    sql = logging.LogRecord("django.db.backends", logging.DEBUG, __file__, 1, "%s", ("SELECT 'Ana'",), None)
    assert PersonalDataFilter().filter(sql) is False


def test_access_log_formats_drop_query_strings():
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text()
    access_format = re.search(r"access_log_format = '(.*)'", gunicorn).group(1)
    assert "%(U)s" in access_format  # path without query
    for with_query in ("%(r)s", "%(q)s", "%({", "%(f)s"):
        assert with_query not in access_format
    nginx = (DEPLOY / "nginx" / "tejido.conf").read_text()
    log_format = re.search(r"log_format tejido '([^;]*)';", nginx).group(1)
    assert "$uri" in log_format
    for with_query in ("$request_uri", "$args", "$query_string", '"$request"', "$http_referer"):
        assert with_query not in log_format
