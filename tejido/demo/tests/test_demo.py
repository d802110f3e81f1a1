import pytest
from django.db.models import Count, Q

from tejido.accounts.models import Role, User
from tejido.centers.models import Center
from tejido.demo.loader import load_demo
from tejido.registry.cui import validate_cui
from tejido.registry.models import Household, Person

pytestmark = pytest.mark.django_db


def test_demo_has_one_account_per_role_realistic_people_and_is_idempotent(territory):
    first = load_demo(families=40)
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert first["people_created"] > 80
    again = load_demo(families=40)
    assert again["people_created"] == 0 and again["people"] == first["people"]
    assert Center.objects.count() == first["centers"]

    # every CUI in the demo is valid and belongs to the person's municipality
    for cui, municipality_id in Person.objects.exclude(cui=None).values_list("cui", "municipality_id")[:50]:
        assert validate_cui(cui) == cui and int(cui[9:]) == municipality_id
    # pueblos follow the regions: no Garífuna outside Izabal, Maya present somewhere
    assert not Person.objects.filter(pueblo="garifuna").exclude(department_id=18).exists()
    assert Person.objects.filter(pueblo="maya").exists()
    # every household has exactly one head
    heads = Household.objects.annotate(n=Count("memberships", filter=Q(memberships__relationship="jefe")))
    assert set(heads.values_list("n", flat=True)) == {1}
    # the center clerk works at a Zacapa CADI that has registered children
    clerk = User.objects.get(username="digitadora.cadi")
    assert clerk.centers.get().department_id == 19

