import pytest

from tejido.territory.loader import load_territory
from tejido.territory.models import Department, Municipality, Office

pytestmark = pytest.mark.django_db


def test_territory_has_22_departments_340_municipalities_24_offices(territory):
    assert Department.objects.count() == 22
    assert Municipality.objects.count() == 340
    assert Office.objects.count() == 24
    assert Municipality.objects.get(pk=101).name == "Guatemala"
    assert Municipality.objects.get(pk=1609).name == "San Pedro Carchá"
    assert Municipality.objects.get(pk=1609).department.name == "Alta Verapaz"
    assert Office.objects.get(code="malacatan").municipality.name == "Malacatán"
    assert Office.objects.get(code="boca-costa").department.name == "Quetzaltenango"


def test_every_municipality_code_starts_with_its_department(territory):
    for municipality in Municipality.objects.all():
        assert municipality.id // 100 == municipality.department_id


def test_loading_twice_changes_nothing(territory):
    Municipality.objects.filter(pk=101).update(name="Cambiado a mano")
    counts = load_territory()
    assert counts == {"departments": 22, "municipalities": 340, "offices": 24}
    assert Municipality.objects.get(pk=101).name == "Guatemala"
