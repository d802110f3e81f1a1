"""Each create form posted twice with the same one-time token creates one record; the second
POST is sent to what the first created. A POST refused for an error leaves the token usable."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tejido.common.testing import client_for, make_center, make_person
from tejido.donations.models import Donation
from tejido.donations.tests.conftest import don  # noqa: F401 (fixture)
from tejido.migrants.models import Reception
from tejido.migrants.tests.test_migrants import _post_data, setting  # noqa: F401 (fixture)
from tejido.programs.models import Enrolment
from tejido.registry.models import Person
from tejido.reliability.models import FormToken
from tejido.socialservice.models import SupportRequest
from tejido.socialservice.tests.conftest import ss  # noqa: F401 (fixture)
from tejido.web.tests.test_people_pages import _form

pytestmark = pytest.mark.django_db

ALREADY = "Este formulario ya se guardó; no se registró otra vez."


def _token(client, url: str) -> str:
    return re.search(r'name="once" value="([^"]+)"', client.get(url).content.decode()).group(1)


def _twice(client, url: str, data: dict, files=None):
    """Posts the same form twice (as a double click does) and returns both responses."""
    data = {**data, "once": _token(client, url)}
    first = client.post(url, {**data, **(files() if files else {})})
    second = client.post(url, {**data, **(files() if files else {})}, follow=True)
    return first, second


def test_person_form_twice_creates_one_person(people):
    client = client_for(people["zacapa"])
    first, second = _twice(client, "/personas/nueva/", _form())
    assert first.status_code == 302
    assert Person.objects.filter(first_surname="Ortiz").count() == 1
    assert second.redirect_chain == [(first["Location"], 302)]
    assert ALREADY in second.content.decode()


def test_an_error_does_not_use_up_the_token(people):
    client = client_for(people["zacapa"])
    token = _token(client, "/personas/nueva/")
    bad = client.post("/personas/nueva/", {**_form(birth_date=""), "once": token})
    assert bad.status_code == 200 and f'value="{token}"' in bad.content.decode()  # the form keeps its token
    assert not FormToken.objects.exists()
    assert client.post("/personas/nueva/", {**_form(), "once": token}).status_code == 302
    assert Person.objects.filter(first_surname="Ortiz").count() == 1


def test_another_officer_cannot_be_sent_to_a_record_by_a_token(people):
    zacapa = client_for(people["zacapa"])
    token = _token(zacapa, "/personas/nueva/")
    zacapa.post("/personas/nueva/", {**_form(), "once": token})
    ortiz = Person.objects.get()
    other = client_for(people["central"]).post("/personas/nueva/", {**_form(given_names="Otra"), "once": token})
    # the token is ignored: the form is handled as a new one and never leads to the first officer's record
    assert other.status_code == 302 and other["Location"] != f"/personas/{ortiz.pk}/"
    assert Person.objects.filter(given_names="Otra").count() == 1


def test_enrolment_twice_creates_one_enrolment(people):
    center = make_center(1901, kind="elderly_day", name="Centro Diurno Zacapa")
    elder = make_person(1901, birth_date=dt.date(1950, 1, 1))
    client = client_for(people["zacapa"])
    url = f"/adulto-mayor/centros/{center.pk}/"
    first, second = _twice(client, url, {"person_id": elder.pk, "start": "2024-02-01"})
    assert first.status_code == 302, first.content.decode()[:3000]
    assert Enrolment.objects.filter(person=elder).count() == 1
    assert ALREADY in second.content.decode()


def test_social_service_request_twice_creates_one_request(people, ss):  # noqa: F811
    person = make_person(given_names="Rosario", first_surname="Cordón")
    client = client_for(people["zacapa"])
    first, _second = _twice(client, "/servicio-social/solicitudes/nueva/", {
        "person_id": person.pk, "office": ss["zacapa"].pk, "date": "2023-03-01", "kind": "producto",
        "product": ss["products"]["silla_ruedas"].pk, "quantity": 1, "description": "Fractura de cadera"})
    assert first.status_code == 302
    assert SupportRequest.objects.filter(person=person).count() == 1


def test_migrant_reception_twice_creates_one_family(setting):  # noqa: F811
    client = client_for(setting["guate"])
    rows = [{"given_names": "Rosa", "first_surname": "Caal", "sex": "F", "age_years": "30"}]
    first, _second = _twice(client, "/migrantes/nueva/", _post_data(setting, rows))
    assert first.status_code == 302
    assert Reception.objects.count() == 1


def test_donation_twice_creates_one_donation(people, don, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    client = client_for(people["zacapa"])
    before = Donation.objects.count()
    data = {"received_on": "2023-03-01", "office": don["zacapa"].pk, "donor_name": "Fundación Esperanza",
            "donor_kind": "privado", "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "1", "items-MAX_NUM_FORMS": "200", "items-0-description": "kit de higiene",
            "items-0-quantity": "30", "items-0-unit": "kit", "items-0-category": "materiales",
            "items-0-value": "1500.50"}
    first, _second = _twice(client, "/donaciones/nueva/", data,
                            files=lambda: {"certificate": SimpleUploadedFile("acta.pdf", b"%PDF-1.4\n%test\n")})
    assert first.status_code == 302, first.content.decode()[:2000]
    assert Donation.objects.count() == before + 1
