"""Issue 16 item 12: a page never offers a link its reader may not follow.

Every role, on the demo data, opens each page of its menu and follows every link on it (and the
links on the pages those reach, for the record pages: person, household, center, fair…): none may
answer 403 or 404. A link the role may not open is not shown, or the page that shows it agrees
with the scope rule."""

import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from tejido.accounts.models import User
from tejido.common.testing import verify_second_factor

pytestmark = pytest.mark.django_db

USERS = ["admin", "central.hogares", "delegada.zacapa", "digitadora.cadi", "planificacion", "auditor", "proteccion"]
HREF = re.compile(r'<a\s[^>]*href="(/[^"#]*)"')
PER_PATTERN = 3  # distinct addresses tried for each URL pattern and role
SKIP = ("/cuenta/salir/", "/static/", "/api/", "/i18n/", "/configuracion/")


def _client(username):
    user = User.objects.get(username=username)
    client = Client(raise_request_exception=False)
    if user.needs_second_factor:
        verify_second_factor(client, user)
    else:
        client.force_login(user)
    return client


def _links(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in HREF.findall(html) if not href.startswith(SKIP)]


def _pattern(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return path


def test_no_page_offers_a_link_its_reader_cannot_open(territory):
    from tejido.demo.loader import load_demo

    load_demo(families=40)
    dead = []
    for username in USERS:
        client = _client(username)
        home = client.get("/").content.decode()
        menu = home.split('id="menu-principal"', 1)[1].split("</nav>", 1)[0]
        tried, per_pattern, frontier = set(), defaultdict(int), ["/"] + _links(menu)
        for depth in range(3):
            found = []
            for path in frontier:
                pattern = _pattern(path)
                if path in tried or per_pattern[pattern] >= PER_PATTERN:
                    continue
                tried.add(path)
                per_pattern[pattern] += 1
                response = client.get(path)
                if response.status_code in (403, 404):
                    dead.append(f"{username}: {path} → {response.status_code} (enlazada)")
                    continue
                if depth < 2 and response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                    found += _links(response.content.decode())
            frontier = found
    assert dead == [], "\n".join(sorted(set(dead)))
