"""Exports of every list: scope (a Zacapa officer never gets a Jutiapa row), formula
neutralisation, accents, logging, planners refused personal lists, flat memory."""

import csv
import datetime as dt
import inspect
import io
import tracemalloc
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from tejido.accounts.models import Role
from tejido.common.exports import all_exports, safe_cell
from tejido.common.models import AccessEvent
from tejido.common.testing import (
    ZACAPA_TOWN,
    api_client_for,
    client_for,
    make_person,
    make_user,
    verify_second_factor,
)
from tejido.registry.models import Person
from tejido.territory.models import Municipality

from .export_world import BUILDERS, JMARK, ZMARK

pytestmark = pytest.mark.django_db


def export_url(slug, fmt, kwargs):
    if "code" in kwargs:
        return f"/exportar/{slug}/{kwargs['pk']}/{kwargs['code']}.{fmt}"
    if "pk" in kwargs:
        return f"/exportar/{slug}/{kwargs['pk']}.{fmt}"
    return f"/exportar/{slug}.{fmt}"


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # so Excel reads the accents as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_cells(response):
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for sheet in book.worksheets for row in sheet.iter_rows()]


def as_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def same_number(text: str) -> str:
    """150.50 (CSV, from a Decimal) and 150.5 (XLSX, a float) are the same amount."""
    try:
        return format(Decimal(text).normalize(), "f")
    except ArithmeticError:
        return text


def test_every_registered_list_has_a_scope_test():
    """A new export without a world here would escape the scope test below."""
    # these have their own tests
    tested = set(BUILDERS) | {"casos-proteccion", "plan", "presupuesto", "asistencia-mensual",
                              "accesos"}  # accesos: web/tests/test_access_log_page.py
    assert set(all_exports()) == tested


@pytest.mark.parametrize("slug", sorted(BUILDERS))
def test_zacapa_export_holds_the_page_rows_and_no_jutiapa_row(people, slug):
    page_url, kwargs, zacapa_rows = BUILDERS[slug](people)
    officer = client_for(people["zacapa"])
    page = officer.get(page_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert ZMARK in html and JMARK not in html
    assert f"/exportar/{slug}" in html  # the page offers its export
    query = page_url.partition("?")[2]

    csv_response = officer.get(f"{export_url(slug, 'csv', kwargs)}?{query}")
    assert csv_response.status_code == 200 and csv_response.streaming
    header, *rows = csv_rows(csv_response)
    assert len(rows) == zacapa_rows
    flat = "\n".join(";".join(r) for r in rows)
    assert ZMARK in flat and JMARK not in flat

    xlsx_response = officer.get(f"{export_url(slug, 'xlsx', kwargs)}?{query}")
    assert xlsx_response.status_code == 200
    assert xlsx_response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = xlsx_cells(xlsx_response)
    assert [as_text(c) for c in sheet[0]] == header
    # both formats hold the same rows
    assert [[same_number(as_text(c)) for c in row] for row in sheet[1:]] == [[same_number(v) for v in r] for r in rows]

    logged = AccessEvent.objects.filter(user=people["zacapa"], action="export", detail__list=slug)
    assert logged.count() == 2
    assert sorted(logged.values_list("detail__format", flat=True)) == ["csv", "xlsx"]
    if query:
        assert logged.first().detail["filters"]  # the filters used are in the log

    if "other" in kwargs:  # guessing the id of a Jutiapa center, office or shelter answers "not found"
        guessed = officer.get(export_url(slug, "csv", {**kwargs, "pk": kwargs["other"]}))
        assert guessed.status_code == 404


def test_person_export_follows_the_search_and_filters(people):
    make_person(ZACAPA_TOWN, given_names="Lucía", first_surname="Ramírez", sex="F")
    make_person(ZACAPA_TOWN, given_names="Lucas", first_surname="Ramírez", sex="M")
    make_person(ZACAPA_TOWN, given_names="Marta", first_surname="Solís", sex="F")
    make_person(2201, given_names="Lucía", first_surname="Ramírez", sex="F")  # Jutiapa
    officer = client_for(people["zacapa"])
    header, *rows = csv_rows(officer.get("/exportar/personas.csv?q=ramirez&sex=F"))
    assert [(r[1], r[2], r[9]) for r in rows] == [("Lucía", "Ramírez", "Zacapa")]
    header, *rows = csv_rows(officer.get("/exportar/personas.csv?q=ramirez"))
    assert sorted(r[1] for r in rows) == ["Lucas", "Lucía"]
    event = AccessEvent.objects.filter(action="export").first()
    assert event.detail["filters"] == {"q": "ramirez"} and event.model == "registry.Person"


DANGEROUS = {"given_names": '=HYPERLINK("http://x.example","clic")', "first_surname": "+1",
             "second_surname": "-1+1", "address": "@SUM(1)"}


def test_formulas_are_neutralised_in_csv_and_xlsx(people):
    person = make_person(ZACAPA_TOWN, **DANGEROUS)
    officer = client_for(people["zacapa"])
    header, row = csv_rows(officer.get("/exportar/personas.csv"))
    by_header = dict(zip(header, row, strict=True))
    assert by_header["Nombres"] == '\'=HYPERLINK("http://x.example","clic")'
    assert by_header["Primer apellido"] == "'+1"
    assert by_header["Segundo apellido"] == "'-1+1"
    assert by_header["Dirección"] == "'@SUM(1)"

    header_cells, cells = xlsx_cells(officer.get("/exportar/personas.xlsx"))
    by_header = {h.value: c for h, c in zip(header_cells, cells, strict=True)}
    for column in ("Nombres", "Primer apellido", "Segundo apellido", "Dirección"):
        assert by_header[column].data_type == "s"  # text, never a formula ("f")
        assert by_header[column].value.startswith("'")
    assert by_header["Registro"].value == person.pk and by_header["Registro"].data_type == "n"
    assert by_header["Fecha de nacimiento"].is_date


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+502 5555", "'+502 5555"), ("-5", "'-5"), ("@A1", "'@A1"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("Ana-María", "Ana-María"), (-5, -5), (Decimal("-1.50"), Decimal("-1.50")),
    (None, ""), (True, "Sí"), (dt.date(2026, 5, 17), dt.date(2026, 5, 17)),
])
def test_safe_cell_keeps_numbers_and_dates_and_quotes_dangerous_text(value, expected):
    assert safe_cell(value) == expected


def test_accents_survive_both_formats(people):
    make_person(ZACAPA_TOWN, given_names="María José", first_surname="Núñez", second_surname="Q'eqchi'")
    officer = client_for(people["zacapa"])
    header, row = csv_rows(officer.get("/exportar/personas.csv"))
    assert row[1:4] == ["María José", "Núñez", "Q'eqchi'"]
    assert header[8] == "Comunidad lingüística"
    _header, cells = xlsx_cells(officer.get("/exportar/personas.xlsx"))
    assert [c.value for c in cells[1:4]] == ["María José", "Núñez", "Q'eqchi'"]


def _needs(export) -> dict:
    """URL arguments a list of one record takes (the record need not exist: refused first)."""
    parameters = inspect.signature(export.rows).parameters
    return {"pk": 1, "code": "x"} if "code" in parameters else {"pk": 1} if "pk" in parameters else {}


def test_planner_is_refused_every_personal_list_and_gets_the_others(people):
    BUILDERS["centros"](people)
    planner = client_for(people["planner"])
    personal = [e for e in all_exports().values() if e.personal]
    assert {"personas", "hogares", "solicitudes-apoyo", "recepciones-migrantes", "familias-albergadas",
            "inscripciones-childcare", "derivaciones", "casos-proteccion"} <= {e.slug for e in personal}
    for export in personal:
        response = planner.get(export_url(export.slug, "csv", _needs(export)))
        assert response.status_code == (404 if export.slug == "casos-proteccion" else 403), export.slug
    assert not AccessEvent.objects.filter(user=people["planner"], action="export").exists()
    refused = AccessEvent.objects.filter(user=people["planner"], action="denied").values_list("detail__list", flat=True)
    assert sorted(refused) == sorted(e.slug for e in personal)  # each refusal is logged
    response = planner.get("/exportar/centros.csv")
    assert response.status_code == 200
    assert len(csv_rows(response)) == 1 + 4  # header; the personas' two CADIs and the builder's two centers


def test_protection_cases_export_only_for_the_protection_officer(people):
    from tejido.protection.services import case_report

    officer = make_user("proteccion1", Role.PROTECTION_OFFICER)
    child = make_person(ZACAPA_TOWN, given_names="Niña", first_surname="Protegida", birth_date=dt.date(2021, 1, 5))
    case_report(child=child, reported_on=dt.date.today(), reporter_role="madre_cuidadora", suspicion="fisica",
                description="Descripción confidencial", center=people["zacapa_cadi"], acting_user=officer)
    for who in ("admin", "zacapa", "central", "auditor"):
        client = Client()
        verify_second_factor(client, people[who])
        response = client.get("/exportar/casos-proteccion.csv")
        assert response.status_code == 404, who  # as if it did not exist
        assert AccessEvent.objects.filter(user=people[who], action="denied").exists()  # the attempt is logged
    client = Client()
    verify_second_factor(client, officer)
    header, row = csv_rows(client.get("/exportar/casos-proteccion.csv"))
    assert row[3] == "Protegida Caal, Niña" and "Descripción confidencial" not in ",".join(row)
    assert AccessEvent.objects.filter(user=officer, action="export", model="protection.ProtectionCase").exists()


def test_the_api_exports_with_the_same_scope_filters_and_log(people):
    make_person(ZACAPA_TOWN, given_names="Lucía", first_surname="Ramírez")
    make_person(2201, given_names="Lucía", first_surname="Ramírez")
    api = api_client_for(people["zacapa"])
    catalogue = api.get("/api/v1/exportaciones").json()
    assert {"slug": "personas", "title": "Personas", "personal": True} in catalogue
    response = api.get("/api/v1/exportaciones/personas?formato=csv&q=lucia")
    assert response.status_code == 200
    header, *rows = csv_rows(response)
    assert [r[9] for r in rows] == ["Zacapa"]
    response = api.get("/api/v1/exportaciones/personas?formato=xlsx&q=lucia")
    assert len(xlsx_cells(response)) == 2
    assert AccessEvent.objects.filter(user=people["zacapa"], action="export", detail__list="personas").count() == 2
    assert api_client_for(people["planner"]).get("/api/v1/exportaciones/personas").status_code == 403
    planner_catalogue = {e["slug"] for e in api_client_for(people["planner"]).get("/api/v1/exportaciones").json()}
    assert "centros" in planner_catalogue and "personas" not in planner_catalogue
    assert api.get("/api/v1/exportaciones/no-existe").status_code == 404
    wrong = api.get("/api/v1/exportaciones/personas?formato=pdf")
    assert wrong.status_code == 422 and wrong.json()["detail"] == "formato: Valor no permitido."


def test_a_large_export_streams_with_bounded_memory(people):
    municipality = Municipality.objects.get(pk=ZACAPA_TOWN)
    batch = []
    for n in range(20_000):
        person = Person(given_names=f"Persona {n}", first_surname="Grande", sex="F", birth_date=dt.date(1990, 1, 1),
                        municipality=municipality, address="Barrio El Centro, casa " + "x" * 60)
        person.refresh_derived()
        batch.append(person)
    Person.objects.bulk_create(batch, batch_size=2000)
    officer = client_for(people["zacapa"])
    for fmt in ("csv", "xlsx"):
        tracemalloc.start()
        response = officer.get(f"/exportar/personas.{fmt}")
        size = sum(len(chunk) for chunk in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        # 20,000 rows are ~3 MB of CSV; a list held whole as model objects would take far more.
        assert size > (1_500_000 if fmt == "csv" else 500_000)
        assert peak < 40 * 1024 * 1024, f"{fmt}: peak {peak / 1e6:.1f} MB"
    assert AccessEvent.objects.filter(action="export", model="registry.Person").count() == 2


def test_department_officer_links_carry_the_page_filters(people):
    html = client_for(people["zacapa"]).get("/personas/?q=ana&sex=F").content.decode()
    assert 'href="/exportar/personas.xlsx?q=ana&amp;sex=F"' in html
    assert 'href="/exportar/personas.csv?q=ana&amp;sex=F"' in html
    planner_html = client_for(people["planner"]).get("/centros/").content.decode()
    assert "/exportar/centros.xlsx" in planner_html


def test_legacy_csv_addresses_still_work(people):
    assert client_for(people["zacapa"]).get("/personas/exportar.csv").streaming
    assert client_for(people["zacapa"]).get("/centros/exportar.csv").streaming


# The lists exported since issue 8: their headers and what one Zacapa row holds.
NEW_LISTS = {
    "asistentes-jornada": (["Registro de la persona", "Nombres", "Apellidos", "CUI", "Sexo", "Fecha de nacimiento",
                            "Municipio", "Departamento"], {"Apellidos": f"{ZMARK} Caal", "Sexo": "Mujer",
                                                           "Departamento": "Zacapa"}),
    "entregas-jornada": (["Fecha", "Constancia", "Producto", "Cantidad", "Observación"],
                         {"Cantidad": "1", "Observación": f"Entrega 0 {ZMARK}"}),
    "bienes-donacion": (["Donación", "Descripción", "Categoría", "Unidad", "Cantidad", "Distribuido", "Saldo",
                         "Valor en quetzales", "Valor del saldo", "Producto de inventario"],
                        {"Descripción": f"sillas {ZMARK}", "Cantidad": "5", "Distribuido": "0", "Saldo": "5"}),
    "distribuciones-donacion": (["Fecha", "Bien", "Cantidad", "Destino", "Detalle del destino",
                                 "Registro del beneficiario", "Beneficiario", "Constancia", "Observación"],
                                {"Bien": f"sillas {ZMARK}", "Beneficiario": f"María José {ZMARK} Caal",
                                 "Observación": f"Nota {ZMARK}"}),
    "puestos-docentes": (["Asignado por", "Registro de la persona", "Docente", "CUI", "Desde", "Centro"],
                         {"Docente": f"María José {ZMARK} Caal"}),
    "cuadro-albergues": (["N.º", "Albergue", "Departamento", "Ubicación", "Inicio de cobertura", "Fin de cobertura",
                          "Personas beneficiadas"], {"Albergue": f"Escuela {ZMARK}", "Departamento": "Zacapa",
                                                     "Personas beneficiadas": "0", "Fin de cobertura": ""}),
    "ventas-feria": (["Registro de la persona", "Nombres", "Apellidos", "CUI", "Ventas (Q)"],
                     {"Apellidos": f"{ZMARK} Caal", "Ventas (Q)": "130.25"}),
    "ingresos-mujer": (["Mes", "Registro de la persona", "Nombres", "Apellidos", "CUI", "Unidad productiva",
                        "Ventas propias (Q)", "Eventos comerciales (Q)", "Total (Q)"],
                       {"Apellidos": f"{ZMARK} Caal", "Ventas propias (Q)": "300.00", "Total (Q)": "300.00"}),
    "documentos-centro": (["Centro", "Documento", "Descripción", "Número", "Emisión", "Vencimiento",
                           "Entidad emisora", "Estado"],
                          {"Documento": "Licencia sanitaria", "Entidad emisora": f"Área de salud {ZMARK}"}),
    "movimientos-sede": (["Fecha", "Sede", "Producto", "Movimiento", "Otra sede", "Cantidad", "Documento",
                          "Registró"], {"Cantidad": "7", "Documento": f"Factura {ZMARK}"}),
}


@pytest.mark.parametrize("slug", sorted(NEW_LISTS))
def test_new_list_exports_have_their_headers_and_row_values(people, slug):
    expected_header, expected_values = NEW_LISTS[slug]
    page_url, kwargs, _rows = BUILDERS[slug](people)
    query = page_url.partition("?")[2]
    officer = client_for(people["zacapa"])
    header, first, *_rest = csv_rows(officer.get(f"{export_url(slug, 'csv', kwargs)}?{query}"))
    assert header == expected_header
    row = dict(zip(header, first, strict=True))
    assert {k: row[k] for k in expected_values} == expected_values
    # officers of another department: "not found" for a record of Zacapa, none of its rows in a list
    jutiapa = client_for(people["jutiapa"])
    response = jutiapa.get(f"{export_url(slug, 'csv', kwargs)}?{query}")
    if "pk" in kwargs:
        assert response.status_code == 404
    else:
        assert ZMARK not in "\n".join(",".join(r) for r in csv_rows(response))


def test_planner_gets_donation_distributions_without_the_beneficiary(people):
    _page, kwargs, _rows = BUILDERS["distribuciones-donacion"](people)
    header, row = csv_rows(client_for(people["planner"]).get(export_url("distribuciones-donacion", "csv", kwargs)))
    assert "Registro del beneficiario" not in header
    assert dict(zip(header, row, strict=True))["Beneficiario"] == "(persona registrada)"
    assert f"María José {ZMARK}" not in ",".join(row)
