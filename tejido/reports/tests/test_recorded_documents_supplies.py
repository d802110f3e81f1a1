"""Issue 17 item 5: licences and certificates obtained in the period (seed 001 §4.5) and the
supplies handed out at shelters, recorded but never reported before; hand-counted."""

import datetime as dt

import pytest
from django.test import Client

from tejido.agreements.models import CenterDocument
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center
from tejido.reports.builder import build_report
from tejido.reports.drill import drill_url
from tejido.reports.period import Period

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)


def _table(report, table_id):
    return next(t for t in report["tables"] if t["id"] == table_id)


def _listed(user, report, table, row_index, column="count") -> str:
    client = Client()
    client.force_login(user)
    return client.get(drill_url(report, table, table["rows"][row_index], column, index=row_index)).content.decode()


def test_documents_obtained_in_the_period_by_program_and_kind(people):
    """Zacapa CADI: a sanitary licence (03/2023) and a habitability certificate (05/2023); Jutiapa
    CADI: a nomenclature certificate (08/2023) and a licence issued in 2022 (not counted); Zacapa
    elderly day center: a licence (06/2023). 2023: childcare 1 licence, 1 habitability, 1
    nomenclature; elderly 1 licence — 4 in all."""
    elderly = make_center(ZACAPA_TOWN, kind="elderly_day", name="Diurno Zacapa", opened_on=dt.date(2020, 1, 1))
    for center, kind, day in ((people["zacapa_cadi"], "licencia_sanitaria", dt.date(2023, 3, 1)),
                              (people["zacapa_cadi"], "habitabilidad", dt.date(2023, 5, 2)),
                              (people["jutiapa_cadi"], "nomenclatura", dt.date(2023, 8, 3)),
                              (people["jutiapa_cadi"], "licencia_sanitaria", dt.date(2022, 12, 30)),
                              (elderly, "licencia_sanitaria", dt.date(2023, 6, 4))):
        CenterDocument.objects.create(center=center, kind=kind, issued_on=day, expires_on=day.replace(year=2025))
    report = build_report("annual", user=people["central"], period=YEAR)
    table = _table(report, "agreements.documents_obtained")
    assert [(r["program"], r["document"], r["count"]) for r in table["rows"]] == [
        ("Hogares Comunitarios", "Licencia sanitaria", 1), ("Hogares Comunitarios", "Certificado de habitabilidad", 1),
        ("Hogares Comunitarios", "Certificado de nomenclatura municipal", 1),
        ("Mis Años Dorados", "Licencia sanitaria", 1), ("Mis Años Dorados", "Certificado de habitabilidad", 0),
        ("Mis Años Dorados", "Certificado de nomenclatura municipal", 0)]
    assert table["totals"]["count"] == 4
    assert 'data-total="1"' in _listed(people["central"], report, table, 0)
    # Zacapa's officer: the Zacapa CADI's two documents and the elderly licence
    zacapa = _table(build_report("annual", user=people["zacapa"], period=YEAR), "agreements.documents_obtained")
    assert zacapa["totals"]["count"] == 3


def test_supplies_handed_out_at_shelters(people):
    from tejido.shelters.models import Shelter, Supply
    from tejido.territory.models import Municipality

    def shelter(town, name):
        municipality = Municipality.objects.get(pk=town)
        return Shelter.objects.create(name=name, event="frente_frio", municipality=municipality,
                                      department_id=municipality.department_id, opened_on=dt.date(2023, 1, 2),
                                      capacity=50)

    zacapa, jutiapa = shelter(ZACAPA_TOWN, "Albergue Zacapa"), shelter(JUTIAPA_TOWN, "Albergue Jutiapa")
    for place, item, quantity, day in ((zacapa, "kit_higiene", 10, dt.date(2023, 1, 5)),
                                       (jutiapa, "kit_higiene", 4, dt.date(2023, 1, 6)),
                                       (zacapa, "frazada", 20, dt.date(2023, 1, 5)),
                                       (zacapa, "kit_higiene", 99, dt.date(2022, 12, 31))):  # last year
        Supply.objects.create(shelter=place, item=item, quantity=quantity, date=day)
    report = build_report("annual", user=people["central"], period=YEAR)
    table = _table(report, "shelters.supplies")
    assert table["rows"] == [{"item": "Kit de higiene personal", "shelters": 2, "quantity": 14},
                             {"item": "Frazada", "shelters": 1, "quantity": 20}]
    assert table["totals"]["quantity"] == 34
    assert 'data-total="14"' in _listed(people["central"], report, table, 0, "quantity")
    jutiapa_table = _table(build_report("annual", user=people["jutiapa"], period=YEAR), "shelters.supplies")
    assert jutiapa_table["rows"] == [{"item": "Kit de higiene personal", "shelters": 1, "quantity": 4}]
