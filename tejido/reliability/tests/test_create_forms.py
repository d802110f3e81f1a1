"""Every create form carries the one-time token and its view is wrapped by `@once_per_token`
(docs/reliability.md). Three walks that fail when a new form forgets it:

1. every `<form method="post">` of every template holds the token (`reliability/_once.html`) or,
   for an edit form, the version (`version_field` / `reliability/_version.html`), unless it is in
   NOT_CREATE with the reason;
2. the views wrapped by `@once_per_token` are exactly CREATE_VIEWS (a create view not wrapped, or a
   wrapped view missing from the list, fails);
3. each create page without parameters shows the token, and posting it twice creates one record
   for the forms below (the rest: test_double_submit.py)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tejido.centers.models import Center
from tejido.common.testing import ZACAPA_TOWN, client_for
from tejido.registry.models import Household
from tejido.security.matrix import url_patterns
from tejido.shelters.models import Shelter
from tejido.shelters.tests.conftest import day

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [p for p in ROOT.rglob("*.html") if "templates" in p.parts]
FORM = re.compile(r'<form\b[^>]*method="post"[^>]*>(.*?)</form>', re.I | re.S)
MARKS = ("reliability/_once.html", "version_field", "reliability/_version.html")

NOT_CREATE = {  # template: why its POST forms carry neither a token nor a version
    "templates/base.html": "salir y cambiar de idioma",
    "templates/accounts/login.html": "inicio de sesión",
    "templates/accounts/two_factor.html": "código del segundo factor",
    "templates/accounts/api_tokens.html": "la clave nueva se muestra una sola vez en la misma respuesta (sin "
                                          "redirección que repetir); revocar no crea nada y solo revoca un "
                                          "token aún vigente (un segundo envío no cambia la fecha)",
    "templates/registry/person_delete.html": "eliminación lógica: un segundo envío encuentra el registro ya eliminado",
    "templates/registry/member_remove.html": "quitar a un miembro: idem",
    "dedup/templates/dedup/merge.html": "deshacer una fusión: solo una vez (la fila bloqueada dice quién ya la "
                                        "deshizo)",
    "protection/templates/protection/_merge_pending.html": "mover o dejar el caso tras una fusión: se decide una "
                                                           "vez (la decisión guardada rechaza la segunda)",
}

CREATE_VIEWS = {
    "person_create", "household_create", "household_detail", "center_create", "municipality",
    "agreements_create", "agreements_document_upload", "agreements_center_documents",
    "childcare_staff", "childcare_nutrition", "childcare_evaluations", "childcare_events",
    "elderly_activities", "elderly_deliveries", "elderly_home_visit", "elderly_refer",
    "staff_trainings", "referral_detail", "refer_person", "refer_household",
    "migrants_new", "migrants_reception", "migrants_referral",
    "donations_create", "donations_distribute", "planning_budget",
    "protection_case_report", "protection_case_action",
    "shelters_open", "shelters_family_new", "shelters_supply",
    "socialservice_request_new", "socialservice_outreach", "socialservice_outreach_day", "stock_office",
    "women_units", "women_trainings", "women_fairs", "women_fair", "women_income",
    "imports_home", "report_job_create", "dedup_run",
    # the enrolment form of each program's center page (programs.views.center, one per program)
    "childcare_center", "elderly_center", "women_center",
}


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_every_post_form_carries_a_token_or_a_version():
    missing = []
    for path in TEMPLATES:
        name = _relative(path)
        for body in FORM.findall(path.read_text()):
            if name not in NOT_CREATE and not any(mark in body for mark in MARKS):
                missing.append(name)
    assert missing == []
    assert all(any(_relative(p) == name for p in TEMPLATES) for name in NOT_CREATE)  # no stale exemption


def test_the_wrapped_views_are_exactly_the_create_views():
    from django.urls import get_resolver

    wrapped = set()

    def walk(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern)
            elif getattr(pattern.callback, "once_per_token", False):
                wrapped.add(pattern.name)

    walk(get_resolver())
    assert {name for _route, name in url_patterns()} >= CREATE_VIEWS  # every listed name exists
    assert wrapped == CREATE_VIEWS


SIMPLE_PAGES = ["person_create", "household_create", "center_create", "agreements_create", "childcare_events",
                "elderly_activities", "elderly_deliveries", "staff_trainings", "donations_create",
                "shelters_open", "socialservice_request_new", "socialservice_outreach", "imports_home"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", SIMPLE_PAGES)
def test_each_create_page_shows_the_token(people, name):
    user = people["central"] if name in {"center_create", "agreements_create"} else people["zacapa"]
    response = client_for(user).get(reverse(name))
    assert response.status_code == 200, name
    assert re.search(r'name="once" value="[\w-]{20,}"', response.content.decode()), name


def _twice(client, url: str, data: dict):
    token = re.search(r'name="once" value="([^"]+)"', client.get(url).content.decode()).group(1)
    first = client.post(url, {**data, "once": token})
    second = client.post(url, {**data, "once": token}, follow=True)
    return first, second


CASES = {  # name: (client, url, data, count of what it creates)
    "household": (lambda p: client_for(p["zacapa"]), "/hogares/nuevo/",
                  {"name": "Familia Toj", "kind": "hogar", "municipality": str(ZACAPA_TOWN)},
                  lambda: Household.objects.filter(name="Familia Toj").count()),
    "center": (lambda p: client_for(p["central"]), "/centros/nuevo/",
               {"code": "", "name": "CADI Nuevo", "kind": "cadi", "municipality": str(ZACAPA_TOWN), "address": "",
                "status": Center.Status.ACTIVE},
               lambda: Center.objects.filter(name="CADI Nuevo").count()),
    "shelter": (lambda p: client_for(p["zacapa"]), "/albergues/abrir/",
                {"event": "otro", "event_other": "Deslave", "opened_on": day(1).isoformat(), "capacity": "3",
                 "name": "Salón parroquial", "municipality": str(ZACAPA_TOWN)},
                lambda: Shelter.objects.filter(name="Salón parroquial").count()),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_posting_a_create_form_twice_creates_one_record(people, case):
    make_client, url, data, count = CASES[case]
    client = make_client(people)
    first, second = _twice(client, url, data)
    assert first.status_code == 302, re.findall(r'errorlist[^>]*>(.*?)</', first.content.decode(), re.S)
    assert count() == 1
    assert second.redirect_chain[0] == (first["Location"], 302)
    assert "Este formulario ya se guardó" in second.content.decode()
