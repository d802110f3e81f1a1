"""Demo activity of the risk-management unit: the three community shelters of seed 003 (cold
wave in Guatemala department, closed), a storm shelter at a Zacapa school (closed) and a
migrant-caravan shelter in Jutiapa that is still open (the demo officers see it and its alert),
with families of partial identity, stays of a few nights and supplies handed out."""

import datetime as dt
import random

from django.utils import timezone

from tejido.centers.models import CenterKind
from tejido.centers.services import center_create
from tejido.shelters.models import Shelter, SupplyItem
from tejido.shelters.services import (
    MemberData,
    family_register,
    shelter_close,
    shelter_open,
    stay_check_out,
    supply_record,
)
from tejido.territory.models import Municipality

from .names import FEMALE_NAMES, HISPANIC_SURNAMES, MALE_NAMES

# Seed 003: ALBERGUES / UBICACIÓN, cold wave 9-11-2020 to 29-03-2021.
COLD_WAVE_CENTERS = [("Albergue Barrio El Gallito", "Barrio El Gallito, zona 3", "Guatemala", 120),
                     ("Albergue Hipódromo del Norte", "Hipódromo del Norte, zona 2", "Guatemala", 120),
                     ("Albergue Polideportivo Santo Domingo", "Zona 1 de Mixco", "Mixco", 200)]


def _municipality(department_id: int, name: str) -> Municipality:
    return (Municipality.objects.filter(department_id=department_id, name=name).first()
            or Municipality.objects.filter(department_id=department_id).order_by("id").first())


def _family(rng: random.Random) -> list[MemberData]:
    surname, second = rng.choice(HISPANIC_SURNAMES), rng.choice(HISPANIC_SURNAMES)
    head_sex = "F" if rng.random() < 0.55 else "M"
    members = [MemberData(given_names=rng.choice(FEMALE_NAMES if head_sex == "F" else MALE_NAMES),
                          first_surname=surname, second_surname=second, sex=head_sex,
                          age_years=rng.randint(19, 75), relationship="jefe")]
    if rng.random() < 0.3:  # people alone: many sleep in the cold-wave shelters
        return members
    if rng.random() < 0.5:
        sex = "M" if head_sex == "F" else "F"
        members.append(MemberData(given_names=rng.choice(MALE_NAMES if sex == "M" else FEMALE_NAMES),
                                  first_surname=rng.choice(HISPANIC_SURNAMES), sex=sex,
                                  age_years=rng.randint(19, 60), relationship="conyuge"))
    for _ in range(rng.randint(0, 4)):
        sex = rng.choice("MF")
        members.append(MemberData(given_names=rng.choice(MALE_NAMES if sex == "M" else FEMALE_NAMES),
                                  first_surname=surname, sex=sex, age_years=rng.randint(0, 17), relationship="hijo"))
    return members


def _run(shelter: Shelter, admin, rng: random.Random, *, families: int, last_day: dt.date,
         nights: tuple[int, int]) -> int:
    """Families arrive over the coverage, stay a few nights (some until the end), get a kit on
    arrival; rations and blankets every few days."""
    span = (last_day - shelter.opened_on).days
    people = 0
    for _ in range(families):
        arrival = shelter.opened_on + dt.timedelta(days=rng.randint(0, max(span - 1, 0)))
        family = family_register(shelter=shelter, acting_user=admin, check_in=arrival, members=_family(rng),
                                 confirm_over_capacity=True)
        size = family.stays.count()
        people += size
        supply_record(shelter=shelter, family=family, item=SupplyItem.HYGIENE_KIT, quantity=1, date=arrival,
                      acting_user=admin)
        leave = arrival + dt.timedelta(days=rng.randint(*nights))
        if leave < last_day and rng.random() < 0.85:
            stay_check_out(shelter=shelter, stays=family.stays.all(), check_out=leave, acting_user=admin)
    day = shelter.opened_on
    while day <= last_day:
        supply_record(shelter=shelter, item=SupplyItem.FOOD_RATION, quantity=rng.randint(40, 160), date=day,
                      acting_user=admin)
        if rng.random() < 0.3:
            supply_record(shelter=shelter, item=rng.choice([SupplyItem.BLANKET, SupplyItem.MATTRESS]),
                          quantity=rng.randint(5, 30), date=day, acting_user=admin)
        day += dt.timedelta(days=rng.randint(2, 5))
    return people


def load_shelters_demo(admin, rng: random.Random) -> int:
    if Shelter.all_objects.exists():
        return 0
    today = timezone.localdate()
    people = 0
    cold_open, cold_close = today - dt.timedelta(days=150), today - dt.timedelta(days=30)
    for name, address, town, capacity in COLD_WAVE_CENTERS:
        center = center_create(acting_user=admin, municipality=_municipality(1, town), name=name, address=address,
                               kind=CenterKind.SHELTER, opened_on=dt.date(2019, 6, 1), capacity=capacity,
                               operating_partner="OIM (remozamiento y equipamiento)")
        shelter = shelter_open(acting_user=admin, event="frente_frio", opened_on=cold_open, capacity=None,
                               center=center, notes="Techo, abrigo y alimentación a personas de escasos recursos")
        people += _run(shelter, admin, rng, families=rng.randint(40, 70), last_day=cold_close, nights=(1, 20))
        shelter_close(shelter=shelter, closed_on=cold_close, acting_user=admin)
    storm = shelter_open(acting_user=admin, event="tormenta", opened_on=today - dt.timedelta(days=75), capacity=80,
                         municipality=_municipality(19, "Gualán"), name="Escuela Oficial Rural Mixta El Lobo",
                         address="Aldea El Lobo")
    people += _run(storm, admin, rng, families=18, last_day=today - dt.timedelta(days=62), nights=(2, 8))
    shelter_close(shelter=storm, closed_on=today - dt.timedelta(days=62), acting_user=admin)
    caravan = shelter_open(acting_user=admin, event="caravana", opened_on=today - dt.timedelta(days=6), capacity=60,
                           municipality=_municipality(22, "Jutiapa"), name="Salón Comunal Barrio La Federación",
                           address="Barrio La Federación")
    people += _run(caravan, admin, rng, families=22, last_day=today, nights=(1, 4))
    return people
