"""Demo activity of the migrant family units department: ~300 families received over the last
12 months at the three reception centers, destined to many departments, some referred to the
secretariat's programs or partner institutions, with answers and follow-up visits."""

import datetime as dt
import random

from django.utils import timezone

from tejido.centers.models import Center, CenterKind
from tejido.migrants.models import Care, Reception, Vulnerability
from tejido.migrants.services import PARTNER_INSTITUTIONS, MemberData, age_on, reception_create, reception_refer
from tejido.programs.referrals import referral_decide, referral_follow_up
from tejido.territory.models import Municipality

from .people import FamilyGenerator

# Where returned families go (seed 001 §6.4 names Huehuetenango, San Marcos, Quetzaltenango, Quiché).
DESTINATION_WEIGHTS = {13: 22, 12: 16, 14: 12, 9: 9, 16: 8, 1: 8, 7: 5, 20: 4, 4: 3, 17: 3, 11: 2, 10: 2, 21: 2,
                       18: 2, 19: 2, 22: 2, 5: 2, 6: 1, 8: 1, 15: 1, 2: 1, 3: 1}
CARE_RATES = {Care.HYGIENE_KIT: .95, Care.PHONE_CALL: .8, Care.TRANSPORT: .6, Care.FOOD: .7, Care.MEDICAL: .15,
              Care.PSYCHOSOCIAL: .2}


def _destinations(rng: random.Random) -> list[int]:
    ids = []
    for department_id, weight in DESTINATION_WEIGHTS.items():
        towns = list(Municipality.objects.filter(department_id=department_id).values_list("id", flat=True))
        ids += rng.sample(towns, min(len(towns), 4)) * weight
    return ids


def _members(family, rng: random.Random, on: dt.date) -> list[MemberData]:
    """Mostly mothers with children (seed 002: 1,279 men, 5,983 women, 8,444 minors)."""
    members = []
    for person in family.members:
        keep = person.relationship in ("jefe", "hijo") or (person.relationship == "conyuge" and rng.random() < 0.25)
        if not keep or person.birth_date > on:
            continue
        by_age = rng.random() < 0.6  # identity often incomplete: only the stated age
        members.append(MemberData(
            given_names=person.given_names, first_surname=person.first_surname,
            second_surname=person.second_surname, sex=person.sex, relationship=person.relationship,
            age_years=age_on(person.birth_date, on) if by_age else None,
            birth_date=None if by_age else person.birth_date))
    return members


def _refer(reception, admin, rng: random.Random, today: dt.date) -> int:
    members = list(reception.members.select_related("person"))
    made = 0
    for member in members:
        if member.age_years < 7 and rng.random() < 0.5:
            program, institution, reason = "childcare", "", "Cuidado diario de la niña o el niño en un CADI"
        elif member.is_head and member.person.sex == "F" and rng.random() < 0.35:
            program, institution, reason = "women", "", "Formación y emprendimiento para la madre"
        elif member.is_head and reception.vulnerabilities.exists() and rng.random() < 0.6:
            program, institution, reason = "", rng.choice(PARTNER_INSTITUTIONS), "Necesidad de protección"
        else:
            continue
        day = min(today, reception.date + dt.timedelta(days=rng.randint(0, 10)))
        referral = reception_refer(reception=reception, member=member, date=day, reason=reason, acting_user=admin,
                                   destination_program=program, destination_institution=institution)
        made += 1
        roll = rng.random()
        answer_day = min(today, day + dt.timedelta(days=rng.randint(3, 30)))
        if roll < 0.6:
            referral_decide(referral=referral, accepted=True, date=answer_day, acting_user=admin)
            if rng.random() < 0.5:
                referral_follow_up(referral=referral, date=min(today, answer_day + dt.timedelta(days=15)),
                                   notes="Visita en la comunidad: la familia se encuentra en su hogar y asiste.",
                                   acting_user=admin)
        elif roll < 0.75:
            referral_decide(referral=referral, accepted=False, date=answer_day, acting_user=admin,
                            reason=rng.choice(["No hay cupo en el centro más cercano",
                                               "La familia se trasladó a otro municipio"]))
    return made


def load_migrants_demo(admin, rng: random.Random, families: int = 300) -> int:
    if Reception.all_objects.exists():
        return 0
    centers = list(Center.objects.filter(kind=CenterKind.MIGRANT_RECEPTION).order_by("id"))
    if not centers:
        return 0
    today = timezone.localdate()
    generator = FamilyGenerator(_destinations(rng), seed=rng.randint(1, 10**6), today=today,
                                cui_serial_start=60_000_000)
    land = [c for c in centers if "Tecún" in c.name]
    air = [c for c in centers if c not in land] or centers
    created = 0
    for _ in range(families):
        family = generator.family()
        center = rng.choice(land) if land and rng.random() < 0.25 else rng.choice(air)
        by_land = center in land
        vulnerabilities = rng.sample(list(Vulnerability.values[:-1]), rng.randint(1, 2)) if rng.random() < 0.25 \
            else []
        day = today - dt.timedelta(days=rng.randint(1, 364))
        reception = reception_create(
            acting_user=admin, date=day, center=center,
            arrival_mode="terrestre" if by_land else "aerea",
            returned_from="mexico" if by_land or rng.random() < 0.35 else "estados_unidos",
            destination_municipality=Municipality.objects.get(pk=family.municipality_id),
            members=_members(family, rng, day), care=[c for c, rate in CARE_RATES.items() if rng.random() < rate],
            vulnerabilities=vulnerabilities)
        if rng.random() < 0.3:
            _refer(reception, admin, rng, today)
        created += 1
    return created
