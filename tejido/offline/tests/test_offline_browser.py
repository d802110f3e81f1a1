"""Issue 16 items 8 and 9: the daily roll, a nutrition screening and a migrant family taken with no
connection, kept on the phone as «pendiente» (also after the page is closed and opened again),
sent once when the connection returns, with the officer who sent them and the time they were
taken; a day's list changed on the server meanwhile shows both lists and the officer decides."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import timezone

from tejido.api.models import IdempotencyKey
from tejido.childcare.models import NutritionScreening
from tejido.common.browser import login
from tejido.common.testing import make_center, make_person, make_user
from tejido.migrants.models import Reception
from tejido.programs.models import RollCall
from tejido.programs.services import enrolment_create, roll_call_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser):
    """A phone in Guatemala (its date is the server's date)."""
    context = browser.new_context(locale="es-GT", timezone_id=settings.TIME_ZONE, service_workers="allow")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield context, page
    context.close()


def _ready(page):
    """The service worker has kept this page (and the static files) for use offline."""
    page.wait_for_selector("html[data-offline-ready]", state="attached")


def _children(people, names=("Ana", "Beto", "Cata")):
    cadi = people["zacapa_cadi"]
    return [enrolment_create(person=make_person(given_names=name, first_surname="Tzul", second_surname="",
                                                birth_date=dt.date.today() - dt.timedelta(days=900)),
                             center=cadi, program="childcare", start=dt.date.today() - dt.timedelta(days=200),
                             acting_user=people["zacapa"]) for name in names]


def _pending(page):
    return page.locator("#sin-conexion .pending-row")


def test_roll_and_screening_taken_offline_arrive_once_with_their_user_and_time(phone, live_server, people):
    context, page = phone
    kids = _children(people)
    base = live_server.url
    roll_url = f"{base}/primera-infancia/centros/{people['zacapa_cadi'].pk}/asistencia/"
    nutrition_url = f"{base}/primera-infancia/inscripciones/{kids[0].pk}/nutricion/"
    login(page, base, "clerk1")
    _ready(page)
    page.goto(roll_url)
    _ready(page)
    day = page.locator("input[name=fecha][type=hidden]").input_value()
    page.goto(nutrition_url)
    _ready(page)

    context.set_offline(True)
    before = timezone.now()
    page.goto(f"{base}/personas/")  # a page never kept: the phone offers what works offline
    assert page.locator("h1").inner_text() == "Trabajo sin conexión"
    page.goto(roll_url)  # the phone's copy
    assert "Sin conexión" in page.locator("#sin-conexion").inner_text()
    page.get_by_label("Tzul, Ana").check()
    page.get_by_label("Tzul, Cata").check()
    page.get_by_role("button", name="Guardar lista").click()
    row = _pending(page).first
    assert "pendiente" in row.inner_text() and "Asistencia — CADI Zacapa" in row.inner_text()
    assert "2 presentes" in row.inner_text()

    page.goto(nutrition_url)
    page.get_by_text("Registrar tamizaje (peso y talla)").click()
    page.locator("#id_weight_kg").fill("11.4")
    page.locator("#id_height_cm").fill("86.5")
    page.get_by_role("button", name="Guardar tamizaje").click()
    expect_rows(page, 2)
    assert not RollCall.objects.exists() and not NutritionScreening.objects.exists()  # nothing reached the server
    after = timezone.now()

    page.close()  # the phone is put away; later the page is opened again, still without a connection
    page = context.new_page()
    page.goto(roll_url)
    expect_rows(page, 2)
    texts = _pending(page).all_inner_texts()
    assert all("pendiente" in t for t in texts), texts
    assert any("Tamizaje — Ana Tzul" in t for t in texts), texts
    assert all(re.search(r"tomado el \d\d/\d\d/\d{4}", t) for t in texts), texts
    assert page.get_by_label("Tzul, Ana").is_visible()

    context.set_offline(False)  # the link returns: the page sends what is pending
    expect_rows(page, 0, timeout=20000)
    assert "Se enviaron los registros pendientes: 2" in page.locator("#sin-conexion").inner_text()
    roll = RollCall.objects.get()
    assert (roll.center, roll.date.isoformat(), roll.taken_by) == (people["zacapa_cadi"], day, people["clerk"])
    assert before <= roll.captured_at <= after
    assert sorted(roll.marks.filter(present=True).values_list("enrolment_id", flat=True)) == [kids[0].pk, kids[2].pk]
    screening = NutritionScreening.objects.get()
    assert (screening.person_id, str(screening.weight_kg), str(screening.height_cm)) == (
        kids[0].person_id, "11.40", "86.5")
    assert screening.created_by == people["clerk"] and before <= screening.captured_at <= after
    assert IdempotencyKey.objects.filter(user=people["clerk"]).count() == 2

    page.reload()  # nothing is sent twice
    page.wait_for_timeout(1000)
    assert RollCall.objects.count() == 1 and NutritionScreening.objects.count() == 1


def expect_rows(page, n, timeout=10000):
    page.wait_for_function("n => document.querySelectorAll('#sin-conexion .pending-row').length === n", arg=n,
                           timeout=timeout)


def test_a_list_saved_on_the_server_meanwhile_shows_both_and_the_officer_decides(phone, live_server, people):
    context, page = phone
    kids = _children(people)
    cadi = people["zacapa_cadi"]
    base = live_server.url
    roll_url = f"{base}/primera-infancia/centros/{cadi.pk}/asistencia/"
    login(page, base, "clerk1")
    page.goto(roll_url)  # no list yet for the day
    _ready(page)
    day = dt.date.fromisoformat(page.locator("input[name=fecha][type=hidden]").input_value())

    context.set_offline(True)
    page.get_by_label("Tzul, Ana").check()
    page.get_by_label("Tzul, Cata").check()
    page.get_by_role("button", name="Guardar lista").click()
    expect_rows(page, 1)
    # meanwhile the department officer takes the day's list at the center: Beto and Cata came
    roll_call_save(center=cadi, program="childcare", day=day, present_ids={kids[1].pk, kids[2].pk},
                   acting_user=people["zacapa"])

    context.set_offline(False)
    page.wait_for_selector("#sin-conexion .pending-row article.conflict")
    row = _pending(page).first
    assert "conflicto" in row.inner_text()
    assert "Lista guardada por zacapa1" in row.inner_text()
    table = [[cell.strip() for cell in line.split("\t")] for line in
             row.locator("tbody").inner_text().strip().splitlines()]
    assert table == [["Tzul, Ana", "ausente", "presente"], ["Tzul, Beto", "presente", "ausente"],
                     ["Tzul, Cata", "presente", "presente"]], table
    roll = RollCall.objects.get()  # nothing was overwritten
    assert roll.taken_by == people["zacapa"]
    assert sorted(roll.marks.filter(present=True).values_list("enrolment_id", flat=True)) == [kids[1].pk, kids[2].pk]

    row.get_by_role("button", name="Enviar la mía (reemplaza la guardada)").click()
    expect_rows(page, 0)
    roll = RollCall.objects.get()
    assert roll.taken_by == people["clerk"] and roll.captured_at is not None
    assert sorted(roll.marks.filter(present=True).values_list("enrolment_id", flat=True)) == [kids[0].pk, kids[2].pk]

    # another day, the officer keeps the list already saved: nothing is sent
    previous = day - dt.timedelta(days=3 if day.weekday() == 0 else 1)
    page.goto(f"{roll_url}?fecha={previous.isoformat()}")
    _ready(page)
    context.set_offline(True)
    page.get_by_label("Tzul, Ana").check()
    page.get_by_role("button", name="Guardar lista").click()
    expect_rows(page, 1)
    roll_call_save(center=cadi, program="childcare", day=previous, present_ids={kids[1].pk},
                   acting_user=people["zacapa"])
    context.set_offline(False)
    page.wait_for_selector("#sin-conexion .pending-row article.conflict")
    page.get_by_role("button", name="Dejar la guardada (descartar la mía)").click()
    expect_rows(page, 0)
    kept = RollCall.objects.get(date=previous)
    assert kept.taken_by == people["zacapa"]
    assert list(kept.marks.filter(present=True).values_list("enrolment_id", flat=True)) == [kids[1].pk]


def test_a_record_for_a_center_no_longer_in_scope_is_refused_with_the_servers_message(phone, live_server, people):
    context, page = phone
    _children(people, names=("Ana",))
    base = live_server.url
    login(page, base, "clerk1")
    page.goto(f"{base}/primera-infancia/centros/{people['zacapa_cadi'].pk}/asistencia/")
    _ready(page)
    context.set_offline(True)
    page.get_by_label("Tzul, Ana").check()
    page.get_by_role("button", name="Guardar lista").click()
    expect_rows(page, 1)
    people["clerk"].centers.set([people["jutiapa_cadi"]])  # moved to another center meanwhile

    context.set_offline(False)
    page.wait_for_selector("#sin-conexion .pending-row[data-state-code=rechazado]")
    row = _pending(page).first
    assert "rechazado" in row.inner_text()
    assert "No se encontró el registro o no tiene acceso a él." in row.inner_text()
    assert not RollCall.objects.exists()
    row.get_by_role("button", name="Descartar").click()
    expect_rows(page, 0)


def _fill_family(page):
    """Rosa Amelia Xitumul (34) and Luis Xitumul (7), returned from the United States by air, to Mixco."""
    page.get_by_label("Aérea").check()
    page.get_by_label("Estados Unidos").check()
    page.get_by_label("Municipio de destino").select_option("108")
    page.get_by_label("Nombres, integrante 1").fill("Rosa Amelia")
    page.get_by_label("Primer apellido, integrante 1").fill("Xitumul")
    page.get_by_label("Sexo, integrante 1").select_option("F")
    page.get_by_label("Edad (años), integrante 1").fill("34")
    page.get_by_label("Nombres, integrante 2").fill("Luis")
    page.get_by_label("Primer apellido, integrante 2").fill("Xitumul")
    page.get_by_label("Sexo, integrante 2").select_option("M")
    page.get_by_label("Edad (años), integrante 2").fill("7")


def test_a_migrant_family_taken_offline_is_registered_once(phone, live_server, people):
    context, page = phone
    make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados, FAG")
    officer = make_user("guate1", "department_officer", departments=[1])
    base = live_server.url
    login(page, base, "guate1")
    page.goto(f"{base}/migrantes/nueva/")
    _ready(page)

    context.set_offline(True)
    page.reload()
    _fill_family(page)
    page.get_by_role("button", name="Guardar unidad familiar").click()
    expect_rows(page, 1)
    queued = _pending(page).first.inner_text()
    assert "Unidad familiar" in queued and "2 integrantes" in queued
    assert page.get_by_label("Nombres, integrante 1").input_value() == ""  # the form is ready for the next family
    assert not Reception.all_objects.exists()

    context.set_offline(False)
    expect_rows(page, 0, timeout=20000)
    reception = Reception.objects.get()
    assert reception.created_by == officer and reception.captured_at is not None
    assert sorted(m.person.given_names for m in reception.members.all()) == ["Luis", "Rosa Amelia"]


def test_a_family_taken_offline_that_is_already_registered_asks_before_creating_people(phone, live_server,
                                                                                         people):
    """Issue 16 item 6 offline: the server answers 409 with the matches; the officer says which member
    is a registered person and which is new; only then is the family sent (once)."""
    context, page = phone
    make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados, FAG")
    make_user("guate1", "department_officer", departments=[1])
    base = live_server.url
    login(page, base, "guate1")
    page.goto(f"{base}/migrantes/nueva/")
    _fill_family(page)
    page.get_by_role("button", name="Guardar unidad familiar").click()
    page.wait_for_url(re.compile(r"/migrantes/\d+/$"))
    rosa = Reception.objects.get().members.get(position=0).person
    page.goto(f"{base}/migrantes/nueva/")
    _ready(page)

    context.set_offline(True)
    page.reload()
    _fill_family(page)
    page.get_by_role("button", name="Guardar unidad familiar").click()
    expect_rows(page, 1)
    context.set_offline(False)
    row = _pending(page).first
    row.get_by_text("posible duplicado").wait_for(timeout=20000)
    assert "¿Esta familia ya está registrada?" in row.inner_text()
    assert Reception.objects.count() == 1
    row.get_by_role("button", name="Enviar con estas decisiones").click()
    assert row.get_by_text("Elija una opción para cada integrante.").is_visible()  # nothing decided yet
    row.get_by_role("group", name=re.compile("Integrante 1: Rosa Amelia")).get_by_label(
        re.compile("Es Rosa Amelia Xitumul")).check()
    row.get_by_role("group", name=re.compile("Integrante 2: Luis")).get_by_label(re.compile("Es otra persona")).check()
    row.get_by_role("button", name="Enviar con estas decisiones").click()
    expect_rows(page, 0, timeout=20000)
    second = Reception.objects.order_by("pk").last()
    members = list(second.members.order_by("position"))
    assert Reception.objects.count() == 2 and members[0].person == rosa
    first_luis = Reception.objects.order_by("pk").first().members.get(position=1).person
    assert members[1].person.given_names == "Luis" and members[1].person != first_luis


STORED = """async () => ({
  caches: (await caches.keys()).filter(n => n !== "tejido-static"),
  databases: (await indexedDB.databases()).map(d => d.name).filter(n => n.startsWith("tejido-")),
})"""


def test_logout_forgets_everything_and_the_next_user_of_the_phone_sees_nothing(phone, live_server, people):
    context, page = phone
    _children(people, names=("Ana",))
    base = live_server.url
    roll_url = f"{base}/primera-infancia/centros/{people['zacapa_cadi'].pk}/asistencia/"
    login(page, base, "clerk1")
    page.goto(roll_url)
    _ready(page)
    context.set_offline(True)
    page.get_by_label("Tzul, Ana").check()
    page.get_by_role("button", name="Guardar lista").click()
    expect_rows(page, 1)
    people["clerk"].centers.set([people["jutiapa_cadi"]])
    context.set_offline(False)  # refused: it stays on the phone until discarded
    page.wait_for_selector("#sin-conexion .pending-row[data-state-code=rechazado]")
    stored = page.evaluate(STORED)
    assert stored["caches"] and stored["databases"] == [f"tejido-sin-conexion-{people['clerk'].pk}"]

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator("header.site summary").last.click()
    page.get_by_role("button", name="Salir").click()
    page.wait_for_url(re.compile(r"/cuenta/ingresar/"))
    assert "Hay 1 registros tomados sin conexión" in asked[0]
    assert page.evaluate(STORED) == {"caches": [], "databases": []}

    login(page, base, "zacapa1")  # another officer on the same phone
    _ready(page)
    context.set_offline(True)
    page.goto(roll_url)  # the first officer's copy is gone: only the new officer's «Trabajo sin conexión»
    assert page.locator("h1").inner_text() == "Trabajo sin conexión"
    assert "Tzul" not in page.content() and _pending(page).count() == 0
    stored = page.evaluate(STORED)
    assert sorted(stored["caches"]) == ["tejido-meta", f"tejido-pages-{people['zacapa'].pk}"]
    assert stored["databases"] == []  # nothing taken offline: no database on the phone
