import pytest

from tejido.common.testing import JUTIAPA_TOWN, make_person, valid_cui
from tejido.registry.selectors import person_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(people):
    rows = {
        "maria": make_person(given_names="María José", first_surname="Pérez", second_surname="Cúmes"),
        "jose": make_person(given_names="José", first_surname="Xol", second_surname="Pérez", sex="M"),
        "ana": make_person(given_names="Ana", first_surname="Q'eqchi'", second_surname="López",
                           cui=valid_cui()),
        "far": make_person(JUTIAPA_TOWN, given_names="María", first_surname="Pérez"),
    }
    return rows


def _names(user, q):
    return sorted(p.given_names for p in person_list(user=user, q=q))


def test_search_ignores_accents_and_case(people, registry):
    assert _names(people["zacapa"], "MARIA PEREZ") == ["María José"]
    assert _names(people["zacapa"], "maría cumes") == ["María José"]


def test_search_matches_partial_names_and_either_surname(people, registry):
    assert _names(people["zacapa"], "pere") == ["José", "María José"]  # first or second surname
    assert _names(people["zacapa"], "jos xol") == ["José"]
    assert _names(people["zacapa"], "qeqchi") == ["Ana"]


def test_search_by_cui_prefix(people, registry):
    cui = registry["ana"].cui
    assert _names(people["zacapa"], cui) == ["Ana"]
    assert _names(people["zacapa"], f"{cui[:4]} {cui[4:9]}") == ["Ana"]


def test_search_never_crosses_scope(people, registry):
    assert _names(people["jutiapa"], "maria perez") == ["María"]
    assert _names(people["central"], "maria perez") == ["María", "María José"]
    assert _names(people["planner"], "maria") == []


def test_list_counts_up_to_the_cap_and_then_says_more_than(people, monkeypatch):
    """Past PERSON_COUNT_CAP matches the page says "Más de N" and still pages through all of them."""
    from django.test import Client

    from tejido.registry import selectors

    for n in range(4):
        make_person(JUTIAPA_TOWN, given_names=f"Tomasa{n}", first_surname="Capado")
    monkeypatch.setattr(selectors, "PERSON_COUNT_CAP", 3)
    client = Client()
    client.force_login(people["central"])
    page = client.get("/personas/?q=capado").content.decode()
    assert "Más de 3 personas" in page and page.count("Tomasa") == 4
    monkeypatch.setattr(selectors, "PERSON_COUNT_CAP", 4)
    assert "4 personas" in client.get("/personas/?q=capado").content.decode()
