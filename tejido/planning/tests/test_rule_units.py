"""Issue 17 item 4: a counting rule must count in the output's unit of measure; a «Persona» output
counted in families (or an event output counted in people) is refused on the page and in the
service, with nothing saved."""

import pytest
from django.test import Client

from tejido.common.errors import ApplicationError
from tejido.planning.models import Output, RuleKind, Unit
from tejido.planning.services import output_create

pytestmark = pytest.mark.django_db


def test_a_person_output_counted_in_families_is_refused_and_not_saved(people, plan):
    activity = plan.activities.get(code="servicio_social")
    before = Output.objects.count()
    with pytest.raises(ApplicationError) as refused:
        output_create(activity=activity, name="Personas migrantes", unit=Unit.PERSON, initial_target=20000,
                      rule=RuleKind.FAMILIES_RECEIVED, acting_user=people["planner"])
    assert refused.value.field == "kind" and "cuenta en «Familia»" in refused.value.message
    assert "se mide en «Persona»" in refused.value.message
    assert Output.objects.count() == before
    # the same output with a rule of its unit, a sum or typed values is fine
    for rule in (RuleKind.PERSONS_SERVED_SOCIAL_SERVICE, RuleKind.MANUAL, RuleKind.SUM_SUBOUTPUTS):
        output_create(activity=activity, name=f"Personas ({rule})", unit=Unit.PERSON, initial_target=1,
                      rule=rule, acting_user=people["planner"])


def test_the_page_shows_the_refusal_next_to_the_rule(people, records, plan):
    training = plan.activities.get(code="mujer").outputs.get(name="Formación")  # measured in events
    web = Client()
    web.force_login(people["planner"])
    form = {"initial_target": 4, "current_target": 4, "kind": "unique_persons_enrolled", "program": "women",
            "category": "", "center_kind": "", "note": "", **{f"month_{m}": 0 for m in range(1, 13)}}
    page = web.post(f"/planificacion/productos/{training.pk}/", form)
    assert page.status_code == 200
    body = page.content.decode()
    assert "cuenta en «Persona» y el producto se mide en «Evento»" in body
    training.refresh_from_db()
    assert training.indicator.kind == RuleKind.EVENTS_HELD  # nothing changed
