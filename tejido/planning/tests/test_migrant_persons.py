"""Issue 17 items 4 and 6: seed 001 table 19 counts returned migrants in persons (20,000) and its
social-service product adds them to the people served (24,490 = 4,490 + 20,000). The rules
«Personas migrantes retornadas recibidas» and «… más personas migrantes» count that, in persons.

Hand-built (conftest `records`): two people served by social service in February (Luis, Marta);
one family of three received on 10/04/2024 plus a family of two received on 20/05/2024."""

import datetime as dt

import pytest

from tejido.centers.models import Center
from tejido.common.testing import make_person
from tejido.migrants.models import Reception, ReceptionMember
from tejido.planning.indicators import drill_params, executed, executed_series
from tejido.planning.models import RuleKind, Unit
from tejido.planning.services import output_create

pytestmark = pytest.mark.django_db
JAN_1, JUNE_30 = dt.date(2024, 1, 1), dt.date(2024, 6, 30)


@pytest.fixture
def migrants(records):
    first = Reception.objects.get()
    for position, name in enumerate(("Rosa", "Juan", "Ana")):
        ReceptionMember.objects.create(reception=first, person=make_person(given_names=name), position=position,
                                       age_years=30 if position < 2 else 8,
                                       relationship="jefe" if position == 0 else "hijo")
    second = Reception.objects.create(
        date=dt.date(2024, 5, 20), center=first.center, department_id=first.department_id, arrival_mode="terrestre",
        returned_from="mexico", destination_municipality=first.destination_municipality,
        destination_department_id=first.destination_department_id)
    for position, name in enumerate(("Luisa", "Pablo")):
        ReceptionMember.objects.create(reception=second, person=make_person(given_names=name), position=position,
                                       age_years=25, relationship="jefe" if position == 0 else "conyuge")
    return Center.objects.get(name="Centro de recepción FAG")


def test_persons_received_and_the_product_that_adds_them_as_table_19(people, plan, migrants):
    activity = plan.activities.get(code="servicio_social")
    planner = people["planner"]
    product = output_create(activity=activity, name="Personas en servicio social (2023)", unit=Unit.PERSON,
                            initial_target=28336, rule=RuleKind.SUM_SUBOUTPUTS, acting_user=planner)
    served = output_create(activity=activity, parent=product, name="Productos ortopédicos", unit=Unit.PERSON,
                           initial_target=8336, rule=RuleKind.PERSONS_SERVED_SOCIAL_SERVICE, acting_user=planner)
    received = output_create(activity=activity, parent=product, name="Personas migrantes", unit=Unit.PERSON,
                             initial_target=20000, rule=RuleKind.MIGRANT_PERSONS_RECEIVED, acting_user=planner)
    both = output_create(activity=activity, name="Personas atendidas (una sola regla)", unit=Unit.PERSON,
                         initial_target=28336, rule=RuleKind.PERSONS_SERVED_WITH_MIGRANTS, acting_user=planner)
    central = people["central"]
    assert executed(served, central, JAN_1, JUNE_30) == 2
    assert executed(received, central, JAN_1, JUNE_30) == 5        # 3 + 2 persons, not 2 families
    assert executed(product, central, JAN_1, JUNE_30) == 7         # as 24,490 = 4,490 + 20,000
    assert executed(both, central, JAN_1, JUNE_30) == 7
    assert executed(received, central, JAN_1, dt.date(2024, 4, 30)) == 3
    # month by month the series gives the same as counting each month
    ends = [dt.date(2024, m, 28) for m in range(1, 7)]
    assert executed_series(received, central, JAN_1, ends, {}) == [0, 0, 0, 3, 5, 5]
    assert executed_series(received, central, JAN_1, ends, {}) == [executed(received, central, JAN_1, e)
                                                                  for e in ends]
    # the drill-down counts the members of the receptions
    assert drill_params(received) == {"fuente": "recepciones", "medida": "people"}
    # a department officer counts the families received in or destined to their departments
    assert executed(received, people["zacapa"], JAN_1, JUNE_30) == 0
    assert executed(received, people["jutiapa"], JAN_1, JUNE_30) == 5


def test_a_migrant_persons_rule_on_a_family_output_is_refused(people, plan):
    from tejido.common.errors import ApplicationError

    with pytest.raises(ApplicationError, match="cuenta en «Persona»"):
        output_create(activity=plan.activities.get(code="servicio_social"), name="Familias", unit=Unit.FAMILY,
                      initial_target=10, rule=RuleKind.MIGRANT_PERSONS_RECEIVED, acting_user=people["planner"])
