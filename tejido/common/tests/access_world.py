"""A hand-built access log for the auditor's tests: a child (Lucía Cruz, Zacapa) with an
enrolment, a household and a protection case; another person in Jutiapa; and ten events, each
made to be picked out by one filter. `build(people)` returns a namespace with all of it."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from tejido.accounts.models import Role
from tejido.common.models import AccessEvent, AccessEventPerson
from tejido.common.testing import (
    JUTIAPA,
    JUTIAPA_TOWN,
    ZACAPA,
    make_household,
    make_person,
    make_user,
    valid_cui,
)


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def event(user, action, model, object_id="", *, at, department=None, channel="", ip=None, agent="", token="",
          carried=(), **detail) -> AccessEvent:
    """An event as the writers make it, but at a chosen moment (the table is append-only: `at`
    cannot be changed afterwards)."""
    made = AccessEvent.objects.create(user=user, action=action, model=model, object_id=str(object_id), at=at,
                                      department_id=department, channel=channel, ip_address=ip, user_agent=agent,
                                      api_token=token, detail=detail)
    AccessEventPerson.objects.bulk_create([AccessEventPerson(event=made, person_id=p) for p in carried])
    return made


def build(people) -> SimpleNamespace:
    from tejido.programs.services import enrolment_create
    from tejido.protection.services import case_report

    zacapa = people["zacapa"]
    zacapa.first_name, zacapa.last_name = "Zoila", "Xitumul"
    zacapa.save(update_fields=["first_name", "last_name"])
    protection = make_user("proteccion1", Role.PROTECTION_OFFICER)
    child = make_person(given_names="Lucía", first_surname="Cruz", second_surname="Tzul", sex="F",
                        birth_date=dt.date(2020, 4, 2), cui=valid_cui())
    other = make_person(JUTIAPA_TOWN, given_names="Pedro", first_surname="Ajú", sex="M")
    enrolment = enrolment_create(person=child, center=people["zacapa_cadi"], program="childcare",
                                 start=dt.date(2025, 1, 6), acting_user=zacapa)
    household = make_household(members=[(child, "hijo")], name="Familia Cruz Tzul")
    case = case_report(child=child, center=people["zacapa_cadi"], reported_on=dt.date(2026, 1, 10),
                       reporter_role="docente", reporter_name="Prof. Ana López", suspicion="fisica",
                       description="Moretones.", acting_user=protection)
    central, clerk, planner = people["central"], people["clerk"], people["planner"]
    e = SimpleNamespace()
    e.view_child = event(zacapa, "view", "registry.Person", child.pk, at=local(2026, 3, 5, 10), department=ZACAPA,
                         channel="web", ip="198.51.100.1", agent="Firefox 128 · Windows")
    e.export_child = event(central, "export", "registry.Person", at=local(2026, 3, 10, 9), channel="export",
                           ip="198.51.100.2", token="RENAP (tj_abcd1…)", carried=[child.pk], list="personas",
                           format="xlsx", filters={"q": "cruz"}, exported_people=1)
    e.api_enrolment = event(central, "api", "programs.Enrolment", enrolment.pk, at=local(2026, 3, 12, 15),
                            department=ZACAPA, channel="api", ip="198.51.100.2", token="RENAP (tj_abcd1…)",
                            agent="curl 8")
    e.view_household = event(zacapa, "view", "registry.Household", household.pk, at=local(2026, 4, 2, 8),
                             department=ZACAPA, channel="web", ip="198.51.100.1")
    e.view_other = event(people["jutiapa"], "view", "registry.Person", other.pk, at=local(2026, 4, 15, 11),
                         department=JUTIAPA, channel="web", ip="203.0.113.5")
    e.view_case = event(protection, "view", "protection.ProtectionCase", case.pk, at=local(2026, 3, 20, 16),
                        department=ZACAPA, channel="web", ip="198.51.100.9")
    e.search = event(clerk, "search", "registry.Person", at=local(2026, 2, 27, 12), channel="web", q="Cruz")
    e.denied = event(planner, "denied", "registry.Person", at=local(2026, 4, 30, 17), channel="export",
                     list="personas", format="csv")
    e.last_of_march = event(central, "view", "centers.Center", people["zacapa_cadi"].pk, at=local(2026, 3, 31, 23, 30),
                            department=ZACAPA, channel="web")
    e.old = event(zacapa, "view", "registry.Person", child.pk, at=local(2025, 12, 1, 9))  # before 0003: no where-from
    return SimpleNamespace(child=child, other=other, enrolment=enrolment, household=household, case=case,
                           protection=protection, events=e, zacapa=zacapa)
