import datetime as dt

import pytest

from tejido.centers.models import Center
from tejido.centers.services import center_close, center_create, center_update
from tejido.common.errors import ApplicationError
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db


def _create(user, **fields):
    data = dict(acting_user=user, municipality=Municipality.objects.get(pk=ZACAPA_TOWN), name="CADI Las Flores",
                kind="cadi", code="956-20")
    data.update(fields)
    return center_create(**data)


def test_center_gets_department_and_history(people):
    center = _create(people["zacapa"], opens_at=dt.time(8), closes_at=dt.time(16))
    assert center.department_id == 19 and center.schedule == "08:00–16:00"
    assert center.history.first().history_user == people["zacapa"]


@pytest.mark.parametrize("fields, field", [
    ({"opened_on": dt.date(2999, 1, 1)}, "opened_on"),
    ({"opened_on": dt.date(2020, 1, 1), "closed_on": dt.date(2019, 1, 1), "status": "closed"}, "closed_on"),
    ({"closed_on": dt.date(2021, 1, 1)}, "status"),
    ({"opens_at": dt.time(12), "closes_at": dt.time(8)}, "closes_at"),
    ({"kind": "castillo"}, "kind"),
    ({"name": "  "}, "name"),
])
def test_bad_center_data_is_refused(people, fields, field):
    with pytest.raises(ApplicationError) as error:
        _create(people["zacapa"], **fields)
    assert error.value.field == field
    assert not Center.objects.filter(code="956-20").exists()


def test_center_codes_are_unique(people):
    _create(people["zacapa"])
    with pytest.raises(ApplicationError, match="956-20"):
        _create(people["zacapa"], name="Otro")


def test_officers_and_clerks_limits(people):
    with pytest.raises(ApplicationError):
        _create(people["zacapa"], municipality=Municipality.objects.get(pk=JUTIAPA_TOWN))
    with pytest.raises(ApplicationError, match="digitadores"):
        _create(people["clerk"])
    center = _create(people["zacapa"])
    with pytest.raises(ApplicationError):
        center_update(center=center, acting_user=people["zacapa"],
                      municipality=Municipality.objects.get(pk=JUTIAPA_TOWN))
    center.refresh_from_db()
    assert center.municipality_id == ZACAPA_TOWN


def test_close_center(people):
    center = _create(people["zacapa"], opened_on=dt.date(2010, 1, 1))
    center_close(center=center, closed_on=dt.date(2023, 6, 30), acting_user=people["zacapa"])
    center.refresh_from_db()
    assert center.status == "closed" and center.closed_on == dt.date(2023, 6, 30)
