"""Every rule of the case services: a bad input gets a Spanish message on its field and
leaves nothing saved (no case, no action, no history row, no status change)."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.testing import make_center, make_person
from tejido.programs.services import enrolment_create
from tejido.protection import services
from tejido.protection.models import CaseAction, ProtectionCase

pytestmark = pytest.mark.django_db
# Two days ahead, not one: the value is computed at collection and must still be in the future
# if the run crosses midnight (Guatemala time).
TOMORROW = timezone.localdate() + dt.timedelta(days=2)


def counts():
    return (ProtectionCase.all_objects.count(), CaseAction.all_objects.count(),
            ProtectionCase.history.count(), CaseAction.history.count())


def rejected(call, field, fragment):
    before = counts()
    with pytest.raises(ApplicationError) as info:
        call()
    assert info.value.field == field
    assert fragment in info.value.message
    assert counts() == before
    return info.value


def test_report_saves_the_case_with_department_and_history(report, officer, people):
    case = report()
    assert case.status == "abierto" and case.department_id == people["zacapa_cadi"].department_id
    record = case.history.get()
    assert record.history_user == officer and record.history_change_reason == "Reporte del caso"


@pytest.mark.parametrize("overrides, field, fragment", [
    ({"reported_on": TOMORROW}, "reported_on", "futuro"),
    ({"reported_on": dt.date(2019, 4, 1)}, "reported_on", "anterior al nacimiento"),
    ({"reporter_role": "vecino"}, "reporter_role", "quién reporta"),
    ({"suspicion": ""}, "suspicion", "tipo de sospecha"),
    ({"description": "   "}, "description", "Describa"),
])
def test_report_rules(report, overrides, field, fragment):
    rejected(lambda: report(**overrides), field, fragment)


def test_report_needs_a_daycare_center(report):
    elderly = make_center(kind="elderly_day", name="Centro Diurno Zacapa")
    rejected(lambda: report(center=elderly), "center", "Hogar Comunitario o un CADI")


def test_report_of_an_adult_is_refused(report):
    adult = make_person(given_names="Marta", birth_date=dt.date(1990, 1, 1))
    rejected(lambda: report(child=adult), "child", "niñas y niños")


def test_without_a_center_the_enrolment_gives_it(report, child, people):
    rejected(lambda: report(center=None), "center", "indique el centro")
    enrolment_create(person=child, center=people["zacapa_cadi"], program="childcare", start=dt.date(2023, 1, 9),
                     acting_user=people["central"])
    assert report(center=None).center == people["zacapa_cadi"]
    # Enrolled only from January: a report dated before that still needs the center.
    rejected(lambda: report(center=None, reported_on=dt.date(2022, 12, 1)), "center", "indique el centro")


def add(case, officer, **overrides):
    fields = {"case": case, "date": dt.date(2023, 3, 3), "kind": "entrevista", "done_by": "Licda. Pérez",
              "notes": "Entrevista con la docente.", "acting_user": officer}
    fields.update(overrides)
    return services.case_action_add(**fields)


def test_first_action_puts_the_case_in_follow_up(report, officer):
    case = report()
    add(case, officer)
    case.refresh_from_db()
    assert case.status == "seguimiento"
    assert case.history.count() == 2


@pytest.mark.parametrize("overrides, field, fragment", [
    ({"date": dt.date(2023, 2, 28)}, "date", "anterior a la fecha del reporte (01/03/2023)"),
    ({"date": TOMORROW}, "date", "futuro"),
    ({"kind": "llamada"}, "kind", "tipo de acción"),
    ({"done_by": " "}, "done_by", "quién realizó"),
    ({"kind": "referencia", "authority": ""}, "authority", "autoridad"),
])
def test_action_rules(report, officer, overrides, field, fragment):
    case = report()
    rejected(lambda: add(case, officer, **overrides), field, fragment)
    case.refresh_from_db()
    assert case.status == "abierto"


def test_referral_marks_the_case_referred_and_it_stays_open(report, officer):
    case = report()
    services.case_refer(case=case, date=dt.date(2023, 3, 10), authority="pgn", done_by="Licda. Pérez",
                        acting_user=officer)
    add(case, officer, date=dt.date(2023, 3, 20), kind="visita_domiciliaria")
    case.refresh_from_db()
    assert (case.status, case.referred_on, case.closed_on) == ("referido", dt.date(2023, 3, 10), None)
    assert list(case.actions.values_list("kind", "authority")) == [("referencia", "pgn"), ("visita_domiciliaria", "")]


def test_closing_rules(report, officer):
    case = report()
    add(case, officer, date=dt.date(2023, 3, 15))
    close = {"case": case, "closed_on": dt.date(2023, 3, 31), "summary": "Se descartó la sospecha.",
             "acting_user": officer}
    rejected(lambda: services.case_close(**{**close, "summary": ""}), "closing_summary", "resumen")
    rejected(lambda: services.case_close(**{**close, "closed_on": TOMORROW}), "closed_on", "futuro")
    rejected(lambda: services.case_close(**{**close, "closed_on": dt.date(2023, 3, 14)}), "closed_on",
             "la última acción del caso (15/03/2023)")
    services.case_close(**close)
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("cerrado", dt.date(2023, 3, 31))
    rejected(lambda: services.case_close(**close), None, "ya está cerrado")


def test_closing_before_the_report_is_refused(report, officer):
    case = report()
    rejected(lambda: services.case_close(case=case, closed_on=dt.date(2023, 2, 1), summary="x", acting_user=officer),
             "closed_on", "anterior a la fecha del reporte")


def test_a_closed_case_accepts_no_actions(report, officer):
    case = report()
    services.case_close(case=case, closed_on=dt.date(2023, 4, 1), summary="Concluido.", acting_user=officer)
    error = rejected(lambda: add(case, officer, date=dt.date(2023, 4, 2)), None, "está cerrado")
    assert "01/04/2023" in error.message
    rejected(lambda: services.case_refer(case=case, date=dt.date(2023, 4, 2), authority="mp", done_by="X",
                                         acting_user=officer), None, "está cerrado")


@pytest.mark.parametrize("persona", ["admin", "central", "auditor", "zacapa", "clerk", "planner"])
def test_only_the_protection_officer_may_write(report, officer, people, child, persona):
    user = people[persona]
    before = counts()
    with pytest.raises(NotFoundOrOutOfScope):
        services.case_report(child=child, center=people["zacapa_cadi"], reported_on=dt.date(2023, 3, 1),
                             reporter_role="docente", suspicion="fisica", description="x", acting_user=user)
    assert counts() == before
    case = report()
    with pytest.raises(NotFoundOrOutOfScope):
        add(case, user)
    with pytest.raises(NotFoundOrOutOfScope):
        services.case_close(case=case, closed_on=dt.date(2023, 3, 5), summary="x", acting_user=user)
    case.refresh_from_db()
    assert case.status == "abierto" and not case.actions.exists()
