"""Two administrators change the same record in /configuracion/: the second save is refused with
the conflict message and the first one's change stays (tejido/reliability/admin.py)."""

import pytest
from django.contrib import admin
from django.test import Client

from tejido.accounts.models import Role, User
from tejido.common.testing import make_user, personas, verify_second_factor
from tejido.reliability.admin import MESSAGE, VersionCheckedAdmin
from tejido.territory.models import Department, Office

pytestmark = pytest.mark.django_db

# Admin pages where nothing can be changed, so there is nothing to lose.
READ_ONLY = {
    "common.AccessEvent": "append-only audit log: no change permission",
    "centers.Center": "every field is read-only; centers change through their pages",
}


@pytest.fixture
def people():
    return personas()


def administrators(people) -> tuple[Client, Client]:
    """Two superusers (as the demo's administrator), each with the second factor done."""
    first, second = Client(), Client()
    for client, user in ((first, people["admin"]), (second, make_user("admin2", Role.ADMIN))):
        User.objects.filter(pk=user.pk).update(is_superuser=True)
        verify_second_factor(client, user)
    return first, second


def post_data(response, **changes) -> dict:
    """What the change form would send back unchanged, plus `changes`."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widgets = getattr(field.widget, "widgets", None)
        if widgets:  # split date and time
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    data.update(changes)
    return data


def test_every_editable_admin_page_checks_the_version():
    unchecked = [model._meta.label for model, model_admin in admin.site._registry.items()
                 if not isinstance(model_admin, VersionCheckedAdmin) and model._meta.label not in READ_ONLY
                 and not model._meta.label.startswith(("auth.", "otp_", "axes."))]
    assert unchecked == []


def test_second_administrator_saving_a_stale_user_is_refused(people):
    first, second = administrators(people)
    officer = people["zacapa"]
    url = f"/configuracion/accounts/user/{officer.pk}/change/"
    page_first, page_second = first.get(url), second.get(url)
    assert page_first.status_code == page_second.status_code == 200

    saved = first.post(url, post_data(page_first, first_name="Ana"))
    assert saved.status_code == 302
    refused = second.post(url, post_data(page_second, first_name="Berta"))
    assert refused.status_code == 200
    assert str(MESSAGE) in refused.content.decode()
    officer.refresh_from_db()
    assert officer.first_name == "Ana"

    # Opened again, the form carries the current version: the second change now goes through.
    again = second.get(url)
    assert second.post(url, post_data(again, first_name="Berta")).status_code == 302
    officer.refresh_from_db()
    assert officer.first_name == "Berta"


def test_a_scope_change_by_another_administrator_is_a_conflict_too(people):
    """Departments are a many-to-many field: the scope changes, the user's own row does not."""
    _first, second = administrators(people)
    officer = people["zacapa"]
    url = f"/configuracion/accounts/user/{officer.pk}/change/"
    page = second.get(url)
    jutiapa = Department.objects.get(name="Jutiapa")
    officer.departments.add(jutiapa)  # meanwhile, another administrator widens the scope

    refused = second.post(url, post_data(page, last_name="Cambiado"))
    assert str(MESSAGE) in refused.content.decode()
    officer = User.objects.get(pk=officer.pk)
    assert jutiapa in officer.departments.all() and officer.last_name != "Cambiado"


def test_stale_office_save_is_refused(people):
    first, second = administrators(people)
    zacapa = Department.objects.get(name="Zacapa")
    office = Office.objects.create(code="prueba-zacapa", name="Delegación Zacapa", department=zacapa,
                                   municipality=zacapa.municipalities.order_by("pk").first())
    url = f"/configuracion/territory/office/{office.pk}/change/"
    page_first, page_second = first.get(url), second.get(url)
    assert first.post(url, post_data(page_first, name="Delegación departamental de Zacapa")).status_code == 302
    refused = second.post(url, post_data(page_second, name="Oficina Zacapa"))
    assert str(MESSAGE) in refused.content.decode()
    office.refresh_from_db()
    assert office.name == "Delegación departamental de Zacapa"
