import datetime as dt

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.services import enrolment_create


@pytest.fixture
def elderly(people):
    """Zacapa day center: Rosa (F, 72) and Pedro (M, 65); Jutiapa residential center: Juana (F, 80)."""
    day_center = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa")
    residence = make_center(JUTIAPA_TOWN, kind="elderly_residential", name="CAP Jutiapa")
    central = people["central"]
    kids = {
        "rosa": make_person(given_names="Rosa", sex="F", birth_date=dt.date(1951, 2, 1)),
        "pedro": make_person(given_names="Pedro", sex="M", birth_date=dt.date(1958, 1, 1)),
        "juana": make_person(JUTIAPA_TOWN, given_names="Juana", sex="F", birth_date=dt.date(1943, 5, 1)),
    }
    start = dt.date(2023, 2, 1)
    enrol = {
        "rosa": enrolment_create(person=kids["rosa"], center=day_center, program="elderly", start=start,
                                 acting_user=central),
        "pedro": enrolment_create(person=kids["pedro"], center=day_center, program="elderly", start=start,
                                  acting_user=central),
        "juana": enrolment_create(person=kids["juana"], center=residence, program="elderly", start=start,
                                  acting_user=central),
    }
    return {"day_center": day_center, "residence": residence, "people": kids, "enrol": enrol}
