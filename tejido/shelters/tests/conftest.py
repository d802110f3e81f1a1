import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center
from tejido.shelters.services import MemberData, shelter_open
from tejido.territory.models import Municipality

# Everything happens a few weeks back: dates must never be in the future.
BASE = timezone.localdate() - dt.timedelta(days=40)


def day(n: int) -> dt.date:
    return BASE + dt.timedelta(days=n)


def member(given, sex, age, relationship="hijo", surname="Caal"):
    return MemberData(given_names=given, first_surname=surname, sex=sex, age_years=age, relationship=relationship)


@pytest.fixture
def shelters(people):
    """Zacapa: a shelter center (capacity 6) and an ad-hoc school (capacity 50); Jutiapa: an ad-hoc hall."""
    center = make_center(ZACAPA_TOWN, kind="shelter", name="Albergue Municipal Zacapa", capacity=6)
    at_center = shelter_open(acting_user=people["zacapa"], event="frente_frio", opened_on=day(0), capacity=None,
                             center=center)
    school = shelter_open(acting_user=people["zacapa"], event="tormenta", opened_on=day(2), capacity=50,
                          municipality=Municipality.objects.get(pk=ZACAPA_TOWN), name="Escuela Oficial Rural",
                          address="Barrio El Centro")
    hall = shelter_open(acting_user=people["jutiapa"], event="caravana", opened_on=day(1), capacity=100,
                        municipality=Municipality.objects.get(pk=JUTIAPA_TOWN), name="Salón comunal Jutiapa")
    return {"center": center, "at_center": at_center, "school": school, "hall": hall}
