"""Counting rules against a hand-built data set (conftest.py): executed values and percents
written by hand, for the national view and a Zacapa officer's."""

import datetime as dt
from decimal import Decimal

import pytest

from tejido.common.errors import ApplicationError
from tejido.planning import figures
from tejido.planning.indicators import clean_params, months_in
from tejido.planning.models import Indicator, RuleKind
from tejido.planning.services import output_update

from .conftest import PERIOD

pytestmark = pytest.mark.django_db
D = Decimal


def _table(data):
    return [(r["kind"], r["output"], r["target"], r["executed"], r["percent"]) for r in data["rows"]]


def test_physical_targets_national(people, records):
    data = figures.physical_targets(people["planner"], *PERIOD)
    assert _table(data) == [
        ("output", "Documentos", 12, 3, D("25.00")),            # 3 months typed in the period (not August)
        ("suboutput", "Documentos", 12, 3, D("25.00")),
        ("heading", "DIRECCIÓN DE SERVICIO SOCIAL", None, None, None),
        ("output", "Personas atendidas en servicio social", 5, 2, D("40.00")),  # families are not people
        ("suboutput", "Personas con productos ortopédicos", 5, 2, D("40.00")),
        ("suboutput", "Familias migrantes", 2, 1, D("50.00")),
        ("heading", "DIRECCIÓN DE LA MUJER", None, None, None),
        ("output", "Mujeres capacitadas", 10, 1, D("10.00")),
        ("suboutput", "Unidades productivas", 2, 1, D("50.00")),    # the Jutiapa unit opened in 2023
        ("suboutput", "Formación", 4, 2, D("50.00")),               # the July training is outside
        ("suboutput", "Comercialización", 1, 1, D("100.00")),
        ("heading", "DIRECCIÓN DE MIS AÑOS DORADOS", None, None, None),
        ("output", "Adultos mayores", 4, 3, D("75.00")),            # Tomás left in 2023
        ("suboutput", "En centros diurnos", 3, 2, D("66.67")),
        ("suboutput", "En centros permanentes", 2, 1, D("50.00")),
    ]
    # People products only: targets 5 + 10 + 4 = 19, executed 2 + 1 + 3 = 6.
    assert data["total"]["target"] == 19 and data["total"]["executed"] == 6
    assert data["total"]["percent"] == D("31.58")
    assert data["note"] == ""


def test_zacapa_officer_sees_executed_in_zacapa_only(people, records):
    data = figures.physical_targets(people["zacapa"], *PERIOD)
    executed = {(r["kind"], r["output"]): r["executed"] for r in data["rows"] if r["kind"] != "heading"}
    assert executed == {
        ("output", "Documentos"): None, ("suboutput", "Documentos"): None,   # manual values are national
        ("output", "Personas atendidas en servicio social"): 1, ("suboutput", "Personas con productos ortopédicos"): 1,
        ("suboutput", "Familias migrantes"): 0,   # received in Guatemala, destined to Jutiapa
        ("output", "Mujeres capacitadas"): 1, ("suboutput", "Unidades productivas"): 1,
        ("suboutput", "Formación"): 1, ("suboutput", "Comercialización"): 1,
        ("output", "Adultos mayores"): 2, ("suboutput", "En centros diurnos"): 2,
        ("suboutput", "En centros permanentes"): 0,
    }
    # Targets stay national.
    assert [r["target"] for r in data["rows"] if r["kind"] == "output"] == [12, 5, 10, 4]
    assert (data["total"]["executed"], data["total"]["percent"]) == (4, D("21.05"))
    assert "nacionales" in data["note"]
    jutiapa = {r["output"]: r["executed"] for r in figures.physical_targets(people["jutiapa"], *PERIOD)["rows"]}
    assert jutiapa["Familias migrantes"] == 1 and jutiapa["En centros permanentes"] == 1


def test_a_shorter_period_counts_less(people, records):
    data = figures.physical_targets(people["central"], dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    executed = {r["output"]: r["executed"] for r in data["rows"] if r["kind"] == "suboutput"}
    assert executed["Formación"] == 1 and executed["Comercialización"] == 0 and executed["Familias migrantes"] == 0
    assert executed["Documentos"] == 3 and executed["Personas con productos ortopédicos"] == 2


def test_rule_edited_as_data_changes_the_count(people, records):
    """Planning staff switch "Formación" to count fairs too: no code change."""
    training = Indicator.objects.get(output__name="Formación").output
    output_update(output=training, acting_user=people["planner"], initial_target=4, current_target=6,
                  monthly_targets=[0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0], rule=RuleKind.EVENTS_HELD,
                  params={"program": "women", "event_kinds": ["capacitacion", "comercializacion"]})
    row = next(r for r in figures.physical_targets(people["planner"], *PERIOD)["rows"] if r["output"] == "Formación")
    assert (row["target"], row["executed"], row["percent"], row["programmed"]) == (6, 3, D("50.00"), 4)


def test_bad_rules_and_targets_are_refused_in_spanish(people, records):
    training = Indicator.objects.get(output__name="Formación").output
    with pytest.raises(ApplicationError, match="Falta el parámetro") as error:
        clean_params(RuleKind.EVENTS_HELD, {"program": "women"})
    assert error.value.field == "event_kinds"
    with pytest.raises(ApplicationError, match="no es un valor permitido"):
        clean_params(RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": "otro"})
    with pytest.raises(ApplicationError, match="deben coincidir") as error:
        output_update(output=training, acting_user=people["planner"], initial_target=4, current_target=4,
                      monthly_targets=[1] * 12, rule=RuleKind.MANUAL, params={})
    assert error.value.field == "monthly_targets"
    training.refresh_from_db()
    assert training.indicator.kind == RuleKind.EVENTS_HELD and training.monthly_targets == []


def test_months_in_period():
    assert months_in(2024, dt.date(2024, 1, 15), dt.date(2024, 3, 1)) == [1, 2, 3]
    assert months_in(2024, dt.date(2023, 11, 1), dt.date(2024, 1, 31)) == [1]
    assert months_in(2024, dt.date(2025, 1, 1), dt.date(2025, 2, 1)) == []
