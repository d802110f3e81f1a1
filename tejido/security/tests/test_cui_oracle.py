"""A CUI that belongs to someone outside the officer's territory: the clash may be stated, but nothing
about that person may be confirmed or denied (issue 15, item 8). As the Jutiapa delegate, register or
import the CUI of a Zacapa person with her right name and with a wrong one: the answers are the same
bytes (once the CSRF and form tokens and the typed names are masked), carry no Zacapa fact, and point to
the duplicate review. Inside the territory the helpful answers stay (name mismatch, skip)."""

import datetime as dt
import io
import json
import re

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, api_client_for, client_for, make_person, valid_cui
from tejido.imports.models import ImportBatch
from tejido.imports.services import batch_start
from tejido.imports.tests.helpers import person_row, read_report, xlsx_bytes
from tejido.registry.models import Person

pytestmark = pytest.mark.django_db

RIGHT = ("Eva Sofía", "Morales")  # the Zacapa person's names
WRONG = ("Juana", "López")
ZACAPA_FACTS = ("Eva", "Sofía", "Morales", "Zacapa", "Estanzuela", "Gualán", "1901", "Cabañas")
REVIEW = "/duplicados/"


@pytest.fixture
def zacapa_cui(people):
    cui = valid_cui(ZACAPA_TOWN)
    make_person(ZACAPA_TOWN, cui=cui, given_names=RIGHT[0], first_surname=RIGHT[1], second_surname="Cabañas",
                birth_date=dt.date(1991, 3, 4))
    return cui


@pytest.fixture
def run_import(settings, tmp_path):
    settings.IMPORT_RUNNER = "inline"
    settings.MEDIA_ROOT = tmp_path / "media"

    def run(user, data: bytes, **options):
        return batch_start(user=user, kind="personas", upload=io.BytesIO(data), file_name="personas.xlsx", **options)
    return run


def _mask(text: str, names=()) -> str:
    """Without what differs by construction: the CSRF and one-time form tokens, the names typed."""
    text = re.sub(r'name="(csrfmiddlewaretoken|once)" value="[^"]*"', r'name="\1" value="…"', text)
    text = re.sub(r'"X-CSRFToken": "[^"]*"', '"X-CSRFToken": "…"', text)
    for name in names:
        text = text.replace(name, "NOMBRE")
    return text


def _no_zacapa_fact(text: str) -> None:
    """No word of the Zacapa person's record (the CUI typed holds digits such as 1901: not a word)."""
    for fact in ZACAPA_FACTS:
        assert not re.search(rf"\b{fact}\b", text), fact


def _form(names, cui):
    return {"given_names": names[0], "first_surname": names[1], "second_surname": "", "married_surname": "",
            "sex": "F", "birth_date": "04/03/1991", "cui": cui, "pueblo": "no_indica",
            "language_community": "no_indica", "disability": "no_indica", "poverty_status": "sin_estudio",
            "municipality": str(JUTIAPA_TOWN), "place": "", "address": "", "phone": "", "registered_center": ""}


def test_web_form_answers_the_same_bytes_for_the_right_and_a_wrong_name(people, zacapa_cui):
    client = client_for(people["jutiapa"])
    pages = []
    for names in (RIGHT, WRONG):
        response = client.post("/personas/nueva/", _form(names, zacapa_cui))
        assert response.status_code == 200  # the form again, nothing saved
        pages.append(_mask(response.content.decode(), names))
    assert pages[0] == pages[1]
    assert "Este CUI ya está registrado" in pages[0] and REVIEW in pages[0]
    _no_zacapa_fact(pages[0])
    assert Person.objects.filter(cui=zacapa_cui).count() == 1


def test_api_answers_the_same_bytes_for_the_right_and_a_wrong_name(people, zacapa_cui):
    client = api_client_for(people["jutiapa"])
    bodies = []
    for names in (RIGHT, WRONG):
        payload = {"given_names": names[0], "first_surname": names[1], "sex": "F", "birth_date": "1991-03-04",
                   "cui": zacapa_cui, "municipality_id": JUTIAPA_TOWN}
        response = client.post("/api/v1/personas", json.dumps(payload), content_type="application/json")
        bodies.append((response.status_code, response.content))
    assert bodies[0] == bodies[1]
    status, content = bodies[0]
    assert status == 400
    detail = json.loads(content)
    assert detail["field"] == "cui" and "Este CUI ya está registrado" in detail["detail"] and REVIEW in detail["detail"]
    _no_zacapa_fact(content.decode())


def test_dry_run_import_answers_the_same_for_the_right_and_a_wrong_name(people, zacapa_cui, run_import):
    outcomes = []
    for names in (RIGHT, WRONG):
        row = person_row(given_names=names[0], first_surname=names[1], second_surname="", cui=zacapa_cui,
                         municipality_id=str(JUTIAPA_TOWN))
        batch = run_import(people["jutiapa"], xlsx_bytes([row, person_row(given_names="Rosa",
                                                                           municipality_id=str(JUTIAPA_TOWN))]),
                           dry_run=True)
        assert batch.status == ImportBatch.Status.VALIDATED
        text = _mask(json.dumps(read_report(batch.report_path), ensure_ascii=False, default=str), names)
        outcomes.append(((batch.total_rows, batch.error_rows, batch.skipped_rows), batch.error_preview, text))
    assert outcomes[0] == outcomes[1]
    counts, preview, report = outcomes[0]
    assert counts == (2, 1, 0)  # an error both times: never «ya importada» for the right name only
    [[_row, message]] = preview
    assert message.startswith("CUI: Este CUI ya está registrado") and REVIEW in message
    _no_zacapa_fact(message)
    _no_zacapa_fact(report)


def test_inside_the_territory_the_helpful_answers_stay(people, zacapa_cui, run_import):
    """Zacapa's own delegate: the right name is skipped as already registered, a wrong one is told so."""
    right = run_import(people["zacapa"], xlsx_bytes([person_row(given_names=RIGHT[0], first_surname=RIGHT[1],
                                                                cui=zacapa_cui)]), dry_run=True)
    wrong = run_import(people["zacapa"], xlsx_bytes([person_row(given_names=WRONG[0], first_surname=WRONG[1],
                                                                cui=zacapa_cui)]), dry_run=True)
    assert (right.skipped_rows, right.error_rows) == (1, 0)
    assert (wrong.skipped_rows, wrong.error_rows) == (0, 1)
    assert "otro nombre" in wrong.error_preview[0][1]
    response = client_for(people["zacapa"]).post("/personas/nueva/", {
        **_form(WRONG, zacapa_cui), "municipality": str(ZACAPA_TOWN)})
    assert "Ese CUI ya pertenece a otra persona registrada." in response.content.decode()
