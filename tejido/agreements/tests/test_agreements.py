"""Agreements: rules and bad input (Spanish error, nothing saved), seed tables 9 and 17 by
hand, alerts, and documents."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tejido.agreements import figures, report_tables, services
from tejido.agreements.alerts import alerts
from tejido.agreements.models import Agreement, AgreementDocument
from tejido.common.errors import ApplicationError, PermissionDenied
from tejido.common.models import AccessEvent
from tejido.reports.period import Period
from tejido.territory.models import Municipality

from .conftest import PDF, pdf

pytestmark = pytest.mark.django_db


def make(user, centers=(), *, kind="municipalidad", program="childcare", start=dt.date(2023, 1, 1),
         end=dt.date(2024, 12, 31), **extra):
    municipality = extra.pop("municipality", None)
    if kind == "municipalidad" and municipality is None and centers:
        municipality = centers[0].municipality
    return services.agreement_create(acting_user=user, counterparty_name=extra.pop("name", "Contraparte"),
                                     counterparty_kind=kind, program=program, start_date=start, end_date=end,
                                     centers=list(centers), municipality=municipality, **extra)


def test_agreement_ending_before_it_starts_is_refused_and_nothing_saved(people, places):
    with pytest.raises(ApplicationError, match="no puede terminar antes de empezar") as error:
        make(people["zacapa"], [places["zacapa_cadi"]], start=dt.date(2023, 5, 1), end=dt.date(2023, 4, 30),
             document=pdf())
    assert error.value.field == "end_date"
    assert not Agreement.all_objects.exists() and not AgreementDocument.all_objects.exists()


@pytest.mark.parametrize("extra, message, field", [
    ({"status": "vencido"}, "se calcula con las fechas", "status"),
    ({"status": "rescindido"}, "Indique la fecha de rescisión", "terminated_on"),
    ({"status": "rescindido", "terminated_on": dt.date(2022, 12, 1)}, "entre el inicio y el fin", "terminated_on"),
    ({"terminated_on": dt.date(2023, 6, 1)}, "Solo un convenio rescindido", "terminated_on"),
    ({"program": "elderly"}, "no es del programa Mis Años Dorados", "centers"),
    ({"kind": "ong", "municipality_id": 1901}, "Solo una municipalidad", "municipality"),
    ({"name": "  "}, "Escriba el nombre de la contraparte", "counterparty_name"),
    ({"document": pdf("convenio.exe", b"MZ\x90\x00")}, "Solo se aceptan archivos PDF", "document"),
    ({"document": pdf("convenio.pdf", b"MZ\x90\x00 not a pdf")}, "no corresponde a un PDF", "document"),
    ({"document": pdf("foto.png", PDF)}, "no corresponde a un PDF, JPEG o PNG", "document"),
    ({"document": pdf("grande.pdf", PDF + b"0" * (10 * 1024 * 1024))}, "más de 10 MB", "document"),
])
def test_bad_input_is_refused_with_spanish_error(people, places, extra, message, field):
    if "municipality_id" in extra:
        extra["municipality"] = Municipality.objects.get(pk=extra.pop("municipality_id"))
    with pytest.raises(ApplicationError, match=message) as error:
        make(people["zacapa"], [places["zacapa_cadi"]], **extra)
    assert error.value.field == field
    assert not Agreement.all_objects.exists() and not AgreementDocument.all_objects.exists()


def test_officers_only_cover_their_own_territory(people, places):
    with pytest.raises(ApplicationError, match="fuera de los departamentos") as error:
        make(people["zacapa"], [places["zacapa_cadi"], places["jutiapa_cadi"]])
    assert error.value.field == "centers"
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        make(people["zacapa"], [], municipality=Municipality.objects.get(pk=2201))
    with pytest.raises(ApplicationError, match="Indique los centros cubiertos"):
        make(people["zacapa"], [], kind="ong")
    with pytest.raises(PermissionDenied):
        make(people["planner"], [places["zacapa_cadi"]])
    with pytest.raises(PermissionDenied, match="sede departamental"):
        make(people["clerk"], [places["zacapa_cadi"]])
    assert not Agreement.all_objects.exists()
    # National staff may sign for any department, or with no center yet (MINGOB).
    make(people["central"], [], kind="gubernamental")
    assert Agreement.objects.count() == 1


def test_status_is_derived_from_dates_and_rescission(people, places):
    today = timezone.localdate()
    agreement = make(people["zacapa"], [places["zacapa_cadi"]], start=dt.date(2022, 1, 1), end=dt.date(2023, 6, 30))
    assert agreement.status_on(dt.date(2023, 6, 30)) == "vigente"
    assert agreement.status_on(dt.date(2023, 7, 1)) == "vencido"
    draft = make(people["zacapa"], [places["zacapa_cadi"]], status="borrador", end=today + dt.timedelta(days=400))
    assert draft.status_on(today) == "borrador"
    with pytest.raises(ApplicationError, match="entre el inicio y el fin"):
        services.agreement_set_status(agreement=draft, status="rescindido", terminated_on=dt.date(2022, 1, 1),
                                      acting_user=people["zacapa"])
    draft.refresh_from_db()
    assert draft.status == "borrador" and draft.terminated_on is None
    services.agreement_set_status(agreement=draft, status="vigente", acting_user=people["zacapa"])
    services.agreement_set_status(agreement=draft, status="rescindido", terminated_on=dt.date(2023, 8, 1),
                                  acting_user=people["zacapa"])
    assert draft.status_on(dt.date(2023, 7, 31)) == "vigente" and draft.status_on(today) == "rescindido"
    with pytest.raises(ApplicationError, match="ya fue rescindido"):
        services.agreement_set_status(agreement=draft, status="vigente", acting_user=people["zacapa"])


def _seed_tables_data(people, places):
    """Childcare in force on 31/12/2023: municipal 3, NGO 1, MINGOB 1 (= 5). Elderly: municipal 2,
    private 1 (= 3). Not counted then: one ended 30/06/2023, a draft, one rescinded 01/10/2023,
    one starting 01/01/2024."""
    c, z, j = people["central"], places["zacapa_cadi"], places["jutiapa_cadi"]
    ze, je = places["zacapa_elderly"], places["jutiapa_elderly"]
    for centers in ([z], [j], [z, places["zacapa_home"]]):
        make(c, centers)
    make(c, [j], kind="ong", name="Asociación")
    make(c, [], kind="gubernamental", name="MINGOB")
    make(c, [z], end=dt.date(2023, 6, 30))                                        # ended
    make(c, [z], status="borrador")                                               # draft
    make(c, [j], kind="ong", status="rescindido", terminated_on=dt.date(2023, 10, 1))
    make(c, [j], start=dt.date(2024, 1, 1))                                       # not started
    make(c, [ze], program="elderly")
    make(c, [je], program="elderly")
    make(c, [je], program="elderly", kind="privada", name="Empresa")


def test_tables_9_and_17_by_hand(people, places):
    _seed_tables_data(people, places)
    data = figures.agreements_by_counterparty(user=people["central"], day=dt.date(2023, 12, 31))
    by_program = {p["program"]: ([(k, n) for k, _l, n in p["rows"]], p["total"]) for p in data["programs"]}
    assert by_program == {
        "childcare": ([("municipalidad", 3), ("ong", 1), ("gubernamental", 1)], 5),
        "elderly": ([("municipalidad", 2), ("ong", 0), ("gubernamental", 0), ("privada", 1)], 3),
    }
    assert data["total"] == 8
    # On 30/06/2023 the ended one still counts and the rescinded NGO one too; not the 2024 one.
    june = figures.agreements_by_counterparty(user=people["central"], day=dt.date(2023, 6, 30), program="childcare")
    assert [(k, n) for k, _l, n in june["programs"][0]["rows"]] == [
        ("municipalidad", 4), ("ong", 2), ("gubernamental", 1)]
    # Zacapa sees agreements covering Zacapa centers or signed with a Zacapa municipality.
    zacapa = figures.agreements_by_counterparty(user=people["zacapa"], day=dt.date(2023, 12, 31))
    assert {p["program"]: p["total"] for p in zacapa["programs"]} == {"childcare": 2, "elderly": 1}

    table = report_tables.by_counterparty(people["planner"], Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31), ""))
    contract = table.as_contract()
    assert contract["id"] == "agreements.by_counterparty"
    assert [c["id"] for c in contract["columns"]] == ["program", "counterparty_kind", "count"]
    assert [(r["program"], r["counterparty_kind"], r["count"]) for r in contract["rows"]] == [
        ("Hogares Comunitarios", "Municipalidad", 3), ("Hogares Comunitarios", "ONG", 1),
        ("Hogares Comunitarios", "Institución gubernamental", 1), ("Mis Años Dorados", "Municipalidad", 2),
        ("Mis Años Dorados", "ONG", 0), ("Mis Años Dorados", "Institución gubernamental", 0),
        ("Mis Años Dorados", "Privada", 1)]
    assert contract["totals"]["count"] == 8


def test_agreements_signed_in_the_period_by_hand(people, places):
    """Signed in 2023 (start date in 2023, not a draft): childcare municipal 3 + the one ended in June
    = 4, NGO 1 + the rescinded one = 2, MINGOB 1 (= 7); elderly municipal 2, private 1 (= 3): 10.
    Not the draft, not the one starting in 2024. In the first half only: the same (all began 01/01)."""
    _seed_tables_data(people, places)
    table = report_tables.signed_in_period(people["central"], Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31), ""))
    contract = table.as_contract()
    assert [(r["program"], r["counterparty_kind"], r["count"]) for r in contract["rows"]] == [
        ("Hogares Comunitarios", "Municipalidad", 4), ("Hogares Comunitarios", "ONG", 2),
        ("Hogares Comunitarios", "Institución gubernamental", 1), ("Mis Años Dorados", "Municipalidad", 2),
        ("Mis Años Dorados", "ONG", 0), ("Mis Años Dorados", "Institución gubernamental", 0),
        ("Mis Años Dorados", "Privada", 1)]
    assert contract["totals"]["count"] == 10
    later = report_tables.signed_in_period(people["central"], Period(dt.date(2023, 2, 1), dt.date(2024, 1, 31), ""))
    assert later.as_contract()["totals"]["count"] == 1  # only the one starting 01/01/2024
    # the drill-down lists the four municipal childcare agreements signed in 2023
    from django.test import Client

    from tejido.reports.drill import drill_url

    report = {"period": {"start": "2023-01-01", "end": "2023-12-31"}, "scope": {"departments": []}}
    url = drill_url(report, contract, contract["rows"][0], "count", index=0)
    client = Client()
    client.force_login(people["central"])
    assert 'data-total="4"' in client.get(url).content.decode()


def test_agreement_alerts(people, places):
    today = timezone.localdate()
    z, j = places["zacapa_cadi"], places["jutiapa_cadi"]
    c = people["central"]
    make(c, [z], start=today - dt.timedelta(days=300), end=today + dt.timedelta(days=30))    # expiring
    make(c, [z], start=today - dt.timedelta(days=90), end=today + dt.timedelta(days=59))     # expiring
    make(c, [z], start=today - dt.timedelta(days=90), end=today + dt.timedelta(days=200))    # fine
    make(c, [j], start=today - dt.timedelta(days=400), end=today - dt.timedelta(days=10))    # expired, open
    make(c, [j], start=today - dt.timedelta(days=400), end=today + dt.timedelta(days=90),
         status="borrador")                                                                  # draft: nothing

    def agreement_alerts(user, **kwargs):
        return {a["level"]: a["count"] for a in alerts(user, **kwargs) if a["url"].startswith("/convenios/?")}

    assert agreement_alerts(c) == {"warning": 2, "danger": 1}
    assert agreement_alerts(people["zacapa"]) == {"warning": 2}
    assert agreement_alerts(people["jutiapa"]) == {"danger": 1}
    assert agreement_alerts(c, days=45) == {"warning": 1, "danger": 1}
    warning = next(a for a in alerts(c) if a["url"] == "/convenios/?alerta=por_vencer")
    assert warning["text"] == "2 convenios vencen en los próximos 60 días"
    # Renewed: the Jutiapa CADI is covered again, so the expired agreement needs no action.
    make(c, [j], start=today - dt.timedelta(days=9), end=today + dt.timedelta(days=700))
    assert agreement_alerts(people["jutiapa"]) == {}
    # A closed center does not keep an expired agreement alive either.
    k = places["zacapa_home"]
    make(c, [k], start=today - dt.timedelta(days=400), end=today - dt.timedelta(days=3))
    assert agreement_alerts(people["zacapa"])["danger"] == 1
    k.status = "closed"
    k.save()
    assert "danger" not in agreement_alerts(people["zacapa"])


def test_document_upload_and_download_is_scoped_and_logged(people, places):
    agreement = make(people["zacapa"], [places["zacapa_cadi"]], document=pdf("Convenio Zacapa.pdf"))
    document = agreement.documents.get()
    assert document.title == "Convenio firmado" and document.file.name.startswith("agreements/")
    client = Client()
    client.force_login(people["zacapa"])
    response = client.get(f"/convenios/{agreement.pk}/documentos/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert AccessEvent.objects.filter(model="agreements.AgreementDocument", object_id=str(document.pk)).exists()
    jutiapa = Client()
    jutiapa.force_login(people["jutiapa"])
    assert jutiapa.get(f"/convenios/{agreement.pk}/documentos/{document.pk}/").status_code == 404
    assert jutiapa.post(f"/convenios/{agreement.pk}/documentos/",
                        {"title": "Adenda", "file": pdf("adenda.pdf")}).status_code == 404
    assert agreement.documents.count() == 1
    bad = client.post(f"/convenios/{agreement.pk}/documentos/",
                      {"title": "Adenda", "file": pdf("adenda.pdf", b"<html>no</html>")})
    assert bad.status_code == 400 and "no corresponde a un PDF" in bad.content.decode()
    ok = client.post(f"/convenios/{agreement.pk}/documentos/", {"title": "Adenda", "file": pdf("adenda.pdf")})
    assert ok.status_code == 302 and agreement.documents.count() == 2
