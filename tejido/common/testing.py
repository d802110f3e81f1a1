"""Shared test personas and small factories (healthchecks' alice/bob/charlie idea).

Zacapa (19) and Jutiapa (22) are the two departments scope tests play against."""

import datetime as dt
import itertools

from django_otp.plugins.otp_totp.models import TOTPDevice

from tejido.accounts.models import ApiToken, Program, Role, User
from tejido.centers.models import Center, CenterKind
from tejido.registry.cui import make_cui
from tejido.registry.models import Household, HouseholdMember, Person
from tejido.territory.models import Department, Municipality

ZACAPA, JUTIAPA = 19, 22
ZACAPA_TOWN, JUTIAPA_TOWN = 1901, 2201
PASSWORD = "Prueba-Segura-2026"
_serials = itertools.count(20_000_000)


def make_user(username: str, role: str, *, departments=(), centers=(), program: str = "") -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, role=role, program=program,
                                    is_staff=role == Role.ADMIN)
    user.departments.set(departments)
    user.centers.set(centers)
    return user


def make_center(municipality_id: int = ZACAPA_TOWN, kind: str = CenterKind.CADI, name: str = "CADI de prueba",
                **fields) -> Center:
    municipality = Municipality.objects.get(pk=municipality_id)
    return Center.objects.create(name=name, kind=kind, municipality=municipality,
                                 department_id=municipality.department_id, **fields)


def valid_cui(municipality_id: int = ZACAPA_TOWN) -> str:
    while True:
        cui = make_cui(next(_serials), municipality_id)
        if cui:
            return cui


def make_person(municipality_id: int = ZACAPA_TOWN, **fields) -> Person:
    """Inserted directly (not through services) so tests can set up any state quickly."""
    defaults = dict(given_names="María José", first_surname="Pérez", second_surname="Caal", sex="F",
                    birth_date=dt.date(1990, 5, 17))
    defaults.update(fields)
    municipality = Municipality.objects.get(pk=municipality_id)
    person = Person(municipality=municipality, **defaults)
    person.refresh_derived()
    person.save()
    return person


def make_household(municipality_id: int = ZACAPA_TOWN, members=(), name: str = "Familia Pérez") -> Household:
    municipality = Municipality.objects.get(pk=municipality_id)
    household = Household.objects.create(name=name, municipality=municipality,
                                         department_id=municipality.department_id)
    for person, relationship in members:
        HouseholdMember.objects.create(household=household, person=person, relationship=relationship)
    return household


def verify_second_factor(client, user: User) -> TOTPDevice:
    """Log an administrator in with a confirmed TOTP device, as after entering a code."""
    device = TOTPDevice.objects.create(user=user, name="prueba", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return device


def personas() -> dict[str, User]:
    zacapa_cadi = make_center(ZACAPA_TOWN, name="CADI Zacapa")
    jutiapa_cadi = make_center(JUTIAPA_TOWN, name="CADI Jutiapa")
    return {
        "admin": make_user("admin1", Role.ADMIN),
        "central": make_user("central1", Role.PROGRAM_STAFF, program=Program.CHILDCARE),
        "zacapa": make_user("zacapa1", Role.DEPARTMENT_OFFICER, departments=[ZACAPA]),
        "jutiapa": make_user("jutiapa1", Role.DEPARTMENT_OFFICER, departments=[JUTIAPA]),
        "clerk": make_user("clerk1", Role.CENTER_CLERK, centers=[zacapa_cadi]),
        "planner": make_user("planner1", Role.PLANNER),
        "auditor": make_user("auditor1", Role.AUDITOR),
        "zacapa_cadi": zacapa_cadi,
        "jutiapa_cadi": jutiapa_cadi,
    }


def territory_loaded() -> bool:
    return Department.objects.count() == 22


def client_for(user):
    """A test client logged in as `user` (no password hashing)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def api_client_for(user):
    """A test client that calls the API with a fresh token of `user`."""
    from django.test import Client

    _token, key = ApiToken.issue(user, "pruebas", device=second_factor_device(user))
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def second_factor_device(user) -> TOTPDevice | None:
    """For a user who needs a second factor, a confirmed device (made if she has none), as when a
    token is created from a verified session; None for everyone else."""
    if not user.needs_second_factor:
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="prueba", confirmed=True)


def post_json(client, url, payload):
    import json

    return client.post(url, json.dumps(payload, default=str), content_type="application/json")
