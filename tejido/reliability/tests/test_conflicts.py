"""Two officers edit the same record: the second save is refused with the conflict message and
the current values, the first change is kept, and the history holds exactly one change."""

import re

import pytest

from tejido.accounts.models import Role
from tejido.centers.models import Center
from tejido.common.testing import ZACAPA_TOWN, api_client_for, client_for, make_center, make_user
from tejido.registry.models import Person
from tejido.web.tests.test_people_pages import _form

pytestmark = pytest.mark.django_db

CONFLICT = ("Otra persona modificó este registro mientras usted lo editaba: revise los datos actuales y "
            "vuelva a guardar.")


def _version(html: str) -> str:
    return re.search(r'name="version" value="([^"]+)"', html).group(1)


@pytest.fixture
def two_officers(people):
    second = make_user("zacapa2", Role.DEPARTMENT_OFFICER, departments=[people["zacapa"].departments.get()])
    return client_for(people["zacapa"]), client_for(second)


@pytest.fixture
def person(two_officers):
    two_officers[0].post("/personas/nueva/", _form())
    return Person.objects.get(first_surname="Ortiz")


def test_second_save_of_a_stale_form_is_refused_and_the_first_change_kept(two_officers, person):
    first, second = two_officers
    url = f"/personas/{person.pk}/modificar/"
    first_version = _version(first.get(url).content.decode())
    second_version = _version(second.get(url).content.decode())
    assert first_version == second_version
    assert first.post(url, _form(first_surname="Orellana", version=first_version)).status_code == 302

    response = second.post(url, _form(phone="55551234", version=second_version))
    html = response.content.decode()
    assert response.status_code == 200 and CONFLICT in html
    # the table: current value beside what this officer typed; the form itself now holds the current values
    assert "<td>Primer apellido</td><td>Orellana</td><td>Ortiz</td>" in html
    assert "<td>Teléfono</td><td>—</td><td>55551234</td>" in html
    assert 'name="first_surname" value="Orellana"' in html and 'name="phone" value="55551234"' not in html
    person.refresh_from_db()
    assert (person.first_surname, person.phone) == ("Orellana", "")
    assert list(person.history.values_list("history_type", flat=True).order_by("history_id")) == ["+", "~"]

    # the refused page carries the current version: saving again (knowingly) goes through
    again = second.post(url, _form(first_surname="Orellana", phone="55551234", version=_version(html)))
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.first_surname, person.phone) == ("Orellana", "55551234")


def test_api_update_with_a_stale_if_match_answers_409(people, person):
    api = api_client_for(people["zacapa"])
    version = api.get(f"/api/v1/personas/{person.pk}").json()["version"]
    ok = api.patch(f"/api/v1/personas/{person.pk}", {"phone": "11112222"}, content_type="application/json",
                   HTTP_IF_MATCH=f'"{version}"')
    assert ok.status_code == 200 and ok.json()["version"] != version
    stale = api.patch(f"/api/v1/personas/{person.pk}", {"phone": "33334444"}, content_type="application/json",
                      HTTP_IF_MATCH=version)
    assert stale.status_code == 409
    assert stale.json()["detail"] == CONFLICT and stale.json()["version"] == ok.json()["version"]
    person.refresh_from_db()
    assert person.phone == "11112222"


def test_center_edit_conflict(people):
    center = make_center(ZACAPA_TOWN, name="CADI El Jícaro")
    central = client_for(people["central"])
    url = f"/centros/{center.pk}/modificar/"
    html = central.get(url).content.decode()
    version = _version(html)
    Center.objects.filter(pk=center.pk).update(name="CADI Nuevo")  # someone saved meanwhile...
    center.refresh_from_db()
    center.save()  # ...renewing updated_at as every save does
    data = {"code": "", "name": "CADI Otro", "kind": center.kind, "municipality": str(ZACAPA_TOWN), "address": "",
            "status": center.status, "version": version}
    response = central.post(url, data)
    assert CONFLICT in response.content.decode()
    center.refresh_from_db()
    assert center.name == "CADI Nuevo"
