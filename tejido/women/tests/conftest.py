import datetime as dt

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.women.services import woman_enrol


@pytest.fixture
def women(people):
    """Zacapa unit (tejidos) with Rosa (1980) and Ana (2000); Jutiapa unit (dulces) with Juana (1950)."""
    zacapa = make_center(ZACAPA_TOWN, kind="productive_unit", name="Unidad Las Tejedoras", product_line="tejidos")
    jutiapa = make_center(JUTIAPA_TOWN, kind="productive_unit", name="Unidad Dulces de Jutiapa",
                          product_line="dulces_tipicos")
    person = {
        "rosa": make_person(given_names="Rosa", first_surname="Orellana", birth_date=dt.date(1980, 3, 1)),
        "ana": make_person(given_names="Ana", first_surname="Guerra", birth_date=dt.date(2000, 7, 1)),
        "juana": make_person(JUTIAPA_TOWN, given_names="Juana", first_surname="Morales",
                             birth_date=dt.date(1950, 1, 10)),
    }
    start = dt.date(2023, 2, 1)
    enrol = {
        "rosa": woman_enrol(person=person["rosa"], center=zacapa, start=start, acting_user=people["central"]),
        "ana": woman_enrol(person=person["ana"], center=zacapa, start=start, acting_user=people["central"]),
        "juana": woman_enrol(person=person["juana"], center=jutiapa, start=start, acting_user=people["central"]),
    }
    return {"zacapa": zacapa, "jutiapa": jutiapa, "person": person, "enrol": enrol}
