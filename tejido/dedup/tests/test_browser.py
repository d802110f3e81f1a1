"""The officer's main path in a real browser: open the queue, compare a pair, merge, undo."""

import datetime as dt

import pytest

from tejido.common.browser import login
from tejido.common.testing import ZACAPA_TOWN, make_household, make_person, valid_cui
from tejido.dedup.models import DuplicateCandidate, PersonMerge
from tejido.registry.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_reviews_merges_and_undoes_a_pair(page, live_server, people):
    cui = valid_cui(ZACAPA_TOWN)
    first = make_person(ZACAPA_TOWN, given_names="María José", first_surname="Pérez", second_surname="Caal",
                        birth_date=dt.date(1990, 5, 17), cui=cui)
    again = make_person(ZACAPA_TOWN, given_names="MARIA JOSE", first_surname="Caal", second_surname="Perez",
                        birth_date=dt.date(1990, 5, 17))
    make_household(members=[(again, "jefe")], name="Familia Caal")
    DuplicateCandidate.objects.create(person_a=first, person_b=again, probability=0.998,
                                      matched_on=["nombres iguales", "apellidos invertidos"])
    base = live_server.url

    login(page, base, "zacapa1")
    page.get_by_role("link", name="Duplicados").click()
    page.get_by_role("link", name="Revisar", exact=True).click()
    assert page.locator("td.differs").count() == 8  # names, both surnames, CUI: A and B columns
    assert "1 miembros del hogar" in page.content()

    page.locator("input[name=keep][value=a]").check()
    page.locator("input[name=campo_given_names][value=a]").check()
    page.get_by_role("button", name="Fusionar").click()
    page.wait_for_url(f"{base}/duplicados/fusiones/*/")
    assert "Registros fusionados" in page.content()
    assert "registry.HouseholdMember" in page.content()
    assert first.households.count() == 1
    assert Person.all_objects.get(pk=again.pk).deletion_reason == f"fusionado con #{first.pk}"

    page.get_by_role("button", name="Deshacer la fusión").click()
    assert "Fusión deshecha" in page.content()
    assert PersonMerge.objects.get().undone_at is not None
    assert again.households.count() == 1 and Person.objects.filter(pk=again.pk).exists()
