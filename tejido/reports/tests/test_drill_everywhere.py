"""Every drillable count of the annual report leads to the records behind it: the list page
shows the same number as the cell, for a national user and for a departmental officer, and the
lists stay inside the viewer's scope. Runs on the demo data set (every program has records)."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.utils import timezone

from tejido.accounts.models import User
from tejido.common.models import AccessEvent
from tejido.demo.loader import load_demo
from tejido.reports.drill_sources import SOURCES

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="(/informes/(?:personas|registros)/\?[^"]+)">([\d,]+)</a>')


@pytest.fixture
def demo(territory):
    load_demo(families=40)


def _links(client) -> list[tuple[str, int]]:
    year = timezone.localdate().year
    page = client.get(f"/informes/?informe=annual&tipo=anio&anio={year}").content.decode()
    return [(url.replace("&amp;", "&"), int(shown.replace(",", ""))) for url, shown in LINK.findall(page)]


def _listed_total(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    if url.startswith("/informes/personas/"):
        return int(re.search(r"<strong>([\d,]+)</strong>", body).group(1).replace(",", ""))
    return int(re.search(r'data-total="(\d+)"', body).group(1))


NATIONAL_SOURCES = {"personas", "centros", "municipios", "eventos", "entregas", "recepciones", "albergados",
                    "donaciones", "convenios", "licencias", "derivaciones", "tamizajes", "evaluaciones", "puestos",
                    "priorizados", "cuidadoras", "egresos_preparados", "materiales", "centros_creados", "documentos",
                    "insumos_albergue"}


@pytest.mark.parametrize(("username", "expected"), [
    ("central.hogares", NATIONAL_SOURCES),
    ("delegada.zacapa", {"personas", "centros", "municipios", "eventos", "recepciones"}),
])
def test_every_linked_count_equals_the_records_listed_behind_it(demo, username, expected):
    client = Client()
    client.force_login(User.objects.get(username=username))
    links = _links(client)
    sources = {parse_qs(urlparse(url).query).get("fuente", ["personas"])[0] for url, _shown in links}
    # people, centers, municipalities, events, deliveries, migrant receptions and shelters all link
    assert sources >= expected, expected - sources
    for url, shown in links:
        assert _listed_total(client, url) == shown, url
    # the plan's executed values link through each output's counting rule
    assert any("desde=" in url and "fuente=" in url and ("tipo=" in url or "recepciones" in url)
               for url, _n in links)
    # the dashboard's figures, coverage cells and month-by-month execution link the same way
    board = client.get("/tableros/").content.decode()
    board_links = [(url.replace("&amp;", "&"), int(n.replace(",", ""))) for url, n in re.findall(
        r'<a (?:class="figure" )?href="(/informes/(?:personas|registros)/\?[^"]+)"[^>]*>([\d,]+)</a>', board)]
    assert len(board_links) > 5
    for url, shown in board_links:
        assert _listed_total(client, url) == shown, url


def test_lists_stay_in_scope_planners_get_only_non_personal_lists_and_personal_ones_are_logged(demo):
    zacapa = Client()
    zacapa.force_login(User.objects.get(username="delegada.zacapa"))
    national = Client()
    national.force_login(User.objects.get(username="central.hogares"))
    links = _links(national)
    # a national total of centers, followed by the Zacapa officer, lists only Zacapa's
    centers = next(url for url, _n in links if "fuente=centros" in url and "departamento=" not in url)
    page = zacapa.get(centers).content.decode()
    assert "Jutiapa" not in page
    # a row of another department followed by the officer shows nothing of it
    foreign = next((url for url, _n in links if "fuente=municipios" in url and "departamento=Zacapa" not in url
                    and "departamento=" in url), None)
    if foreign:
        assert 'data-total="0"' in zacapa.get(foreign).content.decode()
    # a totals cell narrowed to a department outside the officer's territory is refused
    assert zacapa.get(centers + "&en=Jutiapa").status_code in (302, 403, 404)
    # planners: counts of centers and events open; deliveries, receptions and people are personal
    planner = Client()
    planner.force_login(User.objects.get(username="planificacion"))
    for url, _n in links:
        source = parse_qs(urlparse(url).query).get("fuente", ["personas"])[0]
        personal = source == "personas" or SOURCES[source].personal
        assert (planner.get(url).status_code == 403) == personal, url
    assert national.get("/informes/registros/?fuente=nada").status_code == 404
    # opening a personal list is logged, a list of centers is not personal data
    url = next(url for url, _n in links if "fuente=entregas" in url)
    before = AccessEvent.objects.count()
    national.get(url)
    national.get(centers)
    assert AccessEvent.objects.filter(model="reports.Drill.entregas").count() == 1
    assert AccessEvent.objects.count() == before + 1
