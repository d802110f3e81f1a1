"""Retention rules, one day before and one day after each threshold (defaults: 5, 10, 5 years)."""

import datetime as dt

import pytest
from django.core.management import call_command

from tejido.accounts.models import Program
from tejido.common.retention import ANONYMISED, PSEUDONYM, REASON, apply_retention
from tejido.common.testing import ZACAPA, ZACAPA_TOWN, make_center, make_person, valid_cui
from tejido.migrants.models import ArrivalMode, Reception, ReceptionMember, ReturnedFrom
from tejido.programs.models import Enrolment
from tejido.protection.models import CaseStatus, ProtectionCase, ReporterRole, Suspicion
from tejido.registry.models import Person

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)
FIVE_YEARS_AGO, TEN_YEARS_AGO = dt.date(2021, 6, 15), dt.date(2016, 6, 15)
DAY = dt.timedelta(days=1)


def _child(center, *, born, ended, name):
    person = make_person(given_names=name, first_surname="Tuyuc", birth_date=born, cui=valid_cui())
    Enrolment.objects.create(person=person, center=center, program=Program.CHILDCARE, department_id=ZACAPA,
                             start=born + dt.timedelta(days=400), end=ended)
    return person


def test_children_pseudonymised_only_after_five_years_and_of_age(territory):
    center = make_center()
    adult = dt.date(2008, 6, 15)  # 18 today
    due = _child(center, born=adult, ended=FIVE_YEARS_AGO, name="Vencida")
    recent = _child(center, born=adult, ended=FIVE_YEARS_AGO + DAY, name="Reciente")
    minor = _child(center, born=adult + DAY, ended=FIVE_YEARS_AGO - DAY, name="Menor")
    assert apply_retention(today=TODAY, dry_run=True)["ninez"] == 1
    assert Person.objects.get(pk=due.pk).given_names == "Vencida"  # dry run changed nothing
    assert apply_retention(today=TODAY)["ninez"] == 1
    due.refresh_from_db()
    assert (due.given_names, due.cui, due.sex, due.birth_date) == (PSEUDONYM, None, "F", adult)
    assert due.history.latest().history_change_reason == REASON
    assert not due.history.filter(given_names="Vencida").exists()  # the history forgets the name too
    assert Person.objects.get(pk=recent.pk).given_names == "Reciente"
    assert Person.objects.get(pk=minor.pk).given_names == "Menor"
    assert apply_retention(today=TODAY)["ninez"] == 0  # applied once


def _case(child, closed_on):
    return ProtectionCase.objects.create(child=child, center=make_center(), department_id=ZACAPA,
                                         reported_on=closed_on - 30 * DAY,
                                         reporter_role=ReporterRole.TEACHER, reporter_name="Docente Ixcot",
                                         suspicion=Suspicion.PHYSICAL, description="Relato con detalles",
                                         status=CaseStatus.CLOSED, closed_on=closed_on, closing_summary="Cierre")


def test_protection_cases_anonymised_ten_years_after_closing(territory):
    child = make_person(birth_date=dt.date(2015, 1, 1))
    old, young = _case(child, TEN_YEARS_AGO), _case(child, TEN_YEARS_AGO + DAY)
    assert apply_retention(today=TODAY)["proteccion"] == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.description, old.reporter_name, old.closing_summary) == (ANONYMISED, "", "")
    assert (old.suspicion, old.department_id, old.closed_on) == (Suspicion.PHYSICAL, ZACAPA, TEN_YEARS_AGO)
    assert young.description == "Relato con detalles"


def _reception(person, day):
    center = make_center(name=f"Recepción {day}")
    reception = Reception.objects.create(date=day, center=center, department_id=ZACAPA,
                                         arrival_mode=ArrivalMode.values[0], returned_from=ReturnedFrom.values[0],
                                         destination_municipality_id=ZACAPA_TOWN, destination_department_id=ZACAPA)
    ReceptionMember.objects.create(reception=reception, person=person, relationship="jefe", age_years=30)


def test_migrants_pseudonymised_five_years_after_last_reception_without_later_service(territory):
    old = make_person(given_names="Antigua", cui=valid_cui())
    recent = make_person(given_names="Reciente", cui=valid_cui())
    served = make_person(given_names="Atendida", cui=valid_cui())
    _reception(old, FIVE_YEARS_AGO)
    _reception(recent, FIVE_YEARS_AGO + DAY)
    _reception(served, FIVE_YEARS_AGO - DAY)
    Enrolment.objects.create(person=served, center=make_center(), program=Program.WOMEN, department_id=ZACAPA,
                             start=FIVE_YEARS_AGO + DAY)
    assert apply_retention(today=TODAY)["migrantes"] == 1
    assert [p.given_names for p in Person.objects.filter(pk__in=[old.pk, recent.pk, served.pk]).order_by("pk")] == [
        PSEUDONYM, "Reciente", "Atendida"]


def test_command_dry_run_reports_and_changes_nothing(territory, capsys):
    _child(make_center(), born=dt.date(1990, 1, 1), ended=dt.date(2000, 1, 1), name="Vieja")
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "ninez (5 años): 1 se tratarían" in out
    assert Person.objects.filter(given_names="Vieja").exists()
    call_command("apply_retention")
    assert not Person.objects.filter(given_names="Vieja").exists()


def test_annual_report_figures_do_not_change_after_retention(people):
    from tejido.reports.builder import build_report
    from tejido.reports.period import Period

    center = make_center()
    births = [("F", dt.date(2007, 3, 1)), ("M", dt.date(2006, 7, 9)), ("F", dt.date(2008, 1, 2))]
    for n, (sex, born) in enumerate(births):
        person = make_person(given_names=f"Niña{n}", sex=sex, birth_date=born, cui=valid_cui())
        Enrolment.objects.create(person=person, center=center, program=Program.CHILDCARE, department_id=ZACAPA,
                                 start=dt.date(2010, 2, 1), end=dt.date(2011, 10, 30))
        _reception(person, dt.date(2011, 5, 5))
    _case(make_person(birth_date=dt.date(2008, 4, 4)), dt.date(2011, 8, 1))

    def tables():
        report = build_report("annual", user=people["auditor"], period=Period.year(2011))
        return [(t["id"], t.get("rows"), t.get("totals")) for t in report["tables"]]

    before = tables()
    counts = apply_retention(today=TODAY)
    assert counts == {"ninez": 3, "proteccion": 1, "migrantes": 3, "importaciones": 0}
    assert tables() == before
    assert any(rows for _id, rows, _totals in before), "the report must count these records at all"
