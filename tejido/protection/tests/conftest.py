import datetime as dt

import pytest

from tejido.accounts.models import Role
from tejido.common.testing import make_person, make_user
from tejido.protection import services


@pytest.fixture
def officer(people):
    return make_user("proteccion1", Role.PROTECTION_OFFICER)


@pytest.fixture
def child(people):
    return make_person(given_names="Lucía", first_surname="Cruz", sex="F", birth_date=dt.date(2019, 4, 2))


@pytest.fixture
def report(officer, child, people):
    """report(reported_on=..., **overrides) -> a case at the Zacapa CADI, through the service."""
    def make(reported_on=dt.date(2023, 3, 1), **overrides):
        fields = {"child": child, "center": people["zacapa_cadi"], "reported_on": reported_on,
                  "reporter_role": "docente", "reporter_name": "Prof. Ana López", "suspicion": "fisica",
                  "description": "Moretones en los brazos al llegar al centro.", "acting_user": officer}
        fields.update(overrides)
        return services.case_report(**fields)
    return make
