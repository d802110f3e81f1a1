"""Issue 16 item 10: the printed reception record of a migrant family unit (A4, black and white):
the family with its members, center, date, care given, destination and signature lines; the
same scope as the record's page, logged."""

import datetime as dt

import pytest

from tejido.accounts.models import Role
from tejido.common.models import AccessEvent
from tejido.common.testing import client_for, make_center, make_user
from tejido.migrants.services import MemberData, reception_create
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
GUATEMALA, MIXCO = 1, 108


@pytest.fixture
def family(people):
    fag = make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados, FAG")
    officer = make_user("guate1", Role.DEPARTMENT_OFFICER, departments=[GUATEMALA])
    members = [MemberData(given_names="Rosa Amelia", first_surname="Choc", sex="F", age_years=34, relationship="jefe"),
               MemberData(given_names="Juan", first_surname="Xol", sex="M", age_years=36, relationship="conyuge"),
               MemberData(given_names="Sofía", first_surname="Xol", sex="F", birth_date=dt.date(2022, 6, 1),
                          relationship="hijo")]
    reception = reception_create(acting_user=officer, date=dt.date(2024, 3, 5), center=fag, arrival_mode="aerea",
                                 returned_from="estados_unidos", destination_municipality=Municipality.objects.get(
                                     pk=MIXCO), members=members, care=["kit_higiene", "transporte"],
                                 vulnerabilities=["amenazas"])
    return {"reception": reception, "officer": officer}


def test_reception_record_prints_the_family(people, family):
    reception = family["reception"]
    client = client_for(family["officer"])
    url = f"/migrantes/{reception.pk}/imprimir/"
    page = client.get(f"/migrantes/{reception.pk}/").content.decode()
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Rosa Amelia Choc", "Juan Xol", "Sofía Xol"):
        assert name in html
    assert "Centro de Recepción de Retornados, FAG" in html and "05/03/2024" in html
    assert "Kit de higiene" in html and "Transporte" in html and "Mixco" in html
    assert "Firma" in html and html.count('class="signature"') >= 2
    assert "Amenazas" not in html  # vulnerability reasons stay on the screen, not on paper
    assert "tejido/print.css" in html and 'class="site"' not in html
    assert AccessEvent.objects.filter(model="migrants.Reception", object_id=str(reception.pk),
                                      detail__imprimir="recepcion").exists()


def test_reception_record_scope(people, family):
    url = f"/migrantes/{family['reception'].pk}/imprimir/"
    assert client_for(people["zacapa"]).get(url).status_code == 404
    assert client_for(people["planner"]).get(url).status_code == 403
    assert client_for(people["admin"]).get(url).status_code in (200, 302)  # admin: second factor first
