"""The demo data set `make run` loads: one account per role, centers in every department,
families with children, adults and elders. Idempotent: running it twice changes nothing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from tejido.accounts.models import Program, Role, User
from tejido.centers.models import Center, CenterKind
from tejido.centers.services import center_create
from tejido.dedup.demo import load_dedup_demo
from tejido.registry.models import Person
from tejido.registry.services import household_add_member, household_create, person_create
from tejido.territory.models import Department, Municipality, Office, PriorityList

from .agreements import load_agreements_demo
from .childcare import load_childcare_demo
from .donations import load_donations_demo
from .elderly import load_elderly_demo
from .migrants import load_migrants_demo
from .people import FamilyGenerator
from .planning import load_planning_demo
from .shelters import load_shelters_demo
from .socialservice import load_socialservice_demo
from .women import load_women_demo

DEMO_PASSWORD = "Tejido-Demo-2026"
ZACAPA, JUTIAPA = 19, 22

DEMO_ACCOUNTS = [
    # username, first name, last name, role, program, departments, form of the title
    ("admin", "Ana", "Administradora", Role.ADMIN, "", [], "f"),
    ("central.hogares", "Carlos", "Central", Role.PROGRAM_STAFF, Program.CHILDCARE, [], "m"),
    ("delegada.zacapa", "Zoila", "Orellana", Role.DEPARTMENT_OFFICER, "", [ZACAPA], "f"),
    ("delegado.jutiapa", "Julio", "Monterroso", Role.DEPARTMENT_OFFICER, "", [JUTIAPA], "m"),
    ("digitadora.cadi", "Dina", "Cordón", Role.CENTER_CLERK, Program.CHILDCARE, [], "f"),
    ("planificacion", "Paula", "Estrada", Role.PLANNER, "", [], "f"),
    ("auditor", "Augusto", "Recinos", Role.AUDITOR, "", [], "m"),
    ("proteccion", "Patricia", "Lemus", Role.PROTECTION_OFFICER, Program.CHILDCARE, [], "f"),
]

MIGRANT_RECEPTION_CENTERS = [
    ("Centro de Recepción de Retornados, Fuerza Aérea Guatemalteca", 101),
    ("Sala de niñez migrante, Aeropuerto Internacional La Aurora", 101),
    ("Centro de Recepción de Retornados, Tecún Umán", 1217),
]


def ensure_accounts() -> list[tuple[str, str]]:
    rows = []
    for username, first, last, role, program, departments, title_form in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "role": role, "program": program,
                                         "title_form": title_form,
                                         "is_staff": role == Role.ADMIN, "is_superuser": role == Role.ADMIN},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.departments.set(departments)
        rows.append((username, user.role_label))
    return rows


def _admin() -> User:
    return User.objects.get(username="admin")


def _create_centers(admin: User, rng: random.Random) -> None:
    offices = {o.department_id: o for o in Office.objects.filter(code__startswith="sede-")}
    seq = 900
    for department in Department.objects.all():
        municipalities = list(Municipality.objects.filter(department=department).order_by("id"))
        for kind, count, opens, closes, capacity in [
            (CenterKind.CADI, rng.randint(2, 4), dt.time(8), dt.time(16), 40),
            (CenterKind.COMMUNITY_HOME, rng.randint(1, 2), dt.time(8), dt.time(12), 12),
            (CenterKind.ELDERLY_DAY_CENTER, 1, dt.time(8), dt.time(15), 60),
        ]:
            for _ in range(count):
                seq += 1
                municipality = rng.choice(municipalities)
                label = {CenterKind.CADI: "CADI", CenterKind.COMMUNITY_HOME: "Hogar Comunitario",
                         CenterKind.ELDERLY_DAY_CENTER: "Centro de Atención Diurna Mis Años Dorados"}[kind]
                center_create(
                    acting_user=admin, municipality=municipality, kind=kind,
                    name=f"{label} {municipality.name}" + (f" {seq}" if kind == CenterKind.COMMUNITY_HOME else ""),
                    code=f"{seq}-{department.id:02d}" if kind != CenterKind.ELDERLY_DAY_CENTER else "",
                    office=offices.get(department.id), opens_at=opens, closes_at=closes, capacity=capacity,
                    operating_partner=f"Municipalidad de {municipality.name}",
                    opened_on=_opened_on(kind, seq, dt.date(rng.randint(2005, 2023), rng.randint(1, 12), 1)),
                )
    for name, municipality_id in MIGRANT_RECEPTION_CENTERS:
        center_create(acting_user=admin, municipality=Municipality.objects.get(pk=municipality_id), name=name,
                      kind=CenterKind.MIGRANT_RECEPTION, opened_on=dt.date(2016, 1, 4))


def _opened_on(kind: str, seq: int, drawn: dt.date) -> dt.date:
    """One CADI in nine opened this January, so the table of centers opened in the year has rows
    (the drawn date is still drawn: the rest of the demo keeps its random sequence)."""
    if kind == CenterKind.CADI and seq % 9 == 0:
        return dt.date(timezone.localdate().year, 1, 5)
    return drawn


def _create_families(admin: User, families: int) -> int:
    municipalities = list(Municipality.objects.values_list("id", flat=True))
    generator = FamilyGenerator(municipalities, seed=2023, today=timezone.localdate())
    cadi_by_municipality = {}
    for center in Center.objects.filter(kind__in=[CenterKind.CADI, CenterKind.COMMUNITY_HOME]):
        cadi_by_municipality.setdefault(center.municipality_id, center)
    cadi_municipalities = list(cadi_by_municipality)
    created = 0
    for index in range(families):
        family = generator.family()
        # One family in three lives where a daycare center is, so centers have children.
        if index % 3 == 0:
            family.municipality_id = generator.rng.choice(cadi_municipalities)
        municipality = Municipality.objects.get(pk=family.municipality_id)
        household = household_create(acting_user=admin, name=family.name, municipality=municipality)
        for member in family.members:
            center = None
            if (timezone.localdate() - member.birth_date).days < 7 * 365:
                center = cadi_by_municipality.get(municipality.id)
            if member.cui and member.cui[9:] != f"{municipality.id:04d}":
                member.cui = None
            person = person_create(
                acting_user=admin, municipality=municipality, given_names=member.given_names,
                first_surname=member.first_surname, second_surname=member.second_surname,
                married_surname=member.married_surname, sex=member.sex, birth_date=member.birth_date,
                birth_date_estimated=member.birth_date_estimated, cui=member.cui, pueblo=member.pueblo,
                language_community=member.language_community, disability=member.disability,
                poverty_status=member.poverty_status, registered_center=center,
            )
            household_add_member(household=household, person=person, relationship=member.relationship,
                                 acting_user=admin)
            created += 1
    return created


# How many prioritised municipalities each department has in seed 001 table 2 (114 in all).
PRIORITY_COUNTS = {16: 12, 4: 7, 20: 5, 13: 28, 21: 3, 9: 9, 14: 18, 12: 11, 7: 13, 8: 8}
DEMO_PRIORITY_LIST = "Demostración: municipios priorizados (no es la lista oficial de la Gran Cruzada)"


def _demo_priority_list(rng: random.Random) -> None:
    """A stand-in with the seed's counts per department, clearly named as not official: the
    real list of 114 is loaded with `load_priority_list` when the secretariat provides it."""
    plist, created = PriorityList.objects.get_or_create(name=DEMO_PRIORITY_LIST)
    if created:
        chosen = []
        for department_id, count in PRIORITY_COUNTS.items():
            ids = list(Municipality.objects.filter(department_id=department_id).values_list("id", flat=True))
            chosen += rng.sample(ids, min(count, len(ids)))
        plist.municipalities.set(chosen)


@transaction.atomic
def load_demo(*, families: int = 700) -> dict:
    accounts = ensure_accounts()
    admin = _admin()
    rng = random.Random(7)
    if not Center.all_objects.exists():
        _create_centers(admin, rng)
    clerk = User.objects.get(username="digitadora.cadi")
    if not clerk.centers.exists():
        clerk.centers.set(Center.objects.filter(department_id=ZACAPA, kind=CenterKind.CADI).order_by("id")[:1])
    people = 0
    if not Person.all_objects.exists():
        people = _create_families(admin, families)
    _demo_priority_list(random.Random(3))
    enrolled = load_childcare_demo(admin, random.Random(11))
    enrolled += load_elderly_demo(admin, random.Random(13))
    enrolled += load_women_demo(admin, random.Random(19))
    load_migrants_demo(admin, random.Random(17), families=max(10, families // 2))
    load_socialservice_demo(admin, random.Random(23), requests=max(20, families // 5),
                            outreach_days=max(4, families // 70))
    load_planning_demo(admin, random.Random(29))
    load_shelters_demo(admin, random.Random(31))
    load_agreements_demo(admin, random.Random(37))
    load_donations_demo(admin, random.Random(41))
    load_dedup_demo(admin, random.Random(43))
    return {"accounts": accounts, "people_created": people, "people": Person.objects.count(),
            "centers": Center.objects.count(), "enrolled": enrolled}
