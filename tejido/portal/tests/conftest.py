import datetime as dt

import pytest
from django.core.cache import cache

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person, valid_cui
from tejido.migrants.services import MemberData, reception_create
from tejido.programs.services import enrolment_create
from tejido.territory.models import Municipality

YEAR = 2023
# Names and CUIs that appear nowhere else: any of them in a portal response is a leak.
ELDER_NAMES = ["Zoraida", "Quintanilla", "Xicará", "Evaristo", "Tzunún", "Bartolomea"]
MIGRANT_NAMES = ["Anacleta", "Ixcoy", "Wenceslao"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def served(people):
    """Elders enrolled on 2023-02-01. Zacapa day center: 1 man, 2 women (3). Jutiapa day center:
    6 men, 7 women (13). Totals: 7 men, 9 women, 16. One returned family (2 people) to Zacapa."""
    zacapa = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa")
    jutiapa = make_center(JUTIAPA_TOWN, kind="elderly_day", name="Centro Diurno Jutiapa")
    cuis = []
    for center, men, women in ((zacapa, 1, 2), (jutiapa, 6, 7)):
        for i, sex in enumerate(["M"] * men + ["F"] * women):
            cui = valid_cui(center.municipality_id)
            cuis.append(cui)
            make_person(center.municipality_id, sex=sex, birth_date=dt.date(1950, 1, 1), cui=cui,
                        given_names=f"{ELDER_NAMES[0]} {ELDER_NAMES[3]}", first_surname=ELDER_NAMES[1],
                        second_surname=ELDER_NAMES[2 + (i % 2) * 2])
    from tejido.registry.models import Person

    for person in Person.objects.filter(cui__in=cuis):
        center = zacapa if person.municipality_id == ZACAPA_TOWN else jutiapa
        enrolment_create(person=person, center=center, program="elderly", start=dt.date(YEAR, 2, 1),
                         acting_user=people["central"])
    reception = make_center(ZACAPA_TOWN, kind="migrant_reception", name="Recepción Zacapa")
    family = reception_create(
        acting_user=people["zacapa"], date=dt.date(YEAR, 3, 5), center=reception, arrival_mode="terrestre",
        returned_from="mexico", destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
        members=[MemberData(given_names=MIGRANT_NAMES[0], first_surname=MIGRANT_NAMES[1], sex="F", age_years=30,
                            relationship="jefe"),
                 MemberData(given_names=MIGRANT_NAMES[2], first_surname=MIGRANT_NAMES[1], sex="M", age_years=7)])
    person_ids = list(Person.objects.values_list("pk", flat=True))
    return {"cuis": cuis, "family": family, "person_ids": person_ids}
