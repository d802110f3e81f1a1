"""One small world per exportable list for the export tests: a Zacapa row whose text holds
ZMARK ("Zacapeño") and a Jutiapa row holding JMARK ("Jutiapeño"), made through the
services where they exist. Each builder returns (page_url, export_kwargs, zacapa_rows)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_household, make_person
from tejido.territory.models import Municipality, Office

ZMARK, JMARK = "Zacapeño", "Jutiapeño"
TODAY = timezone.localdate()
DAY = TODAY - dt.timedelta(days=10)
# Lists filtered by period get the same explicit period on the page and on the export.
PERIOD = f"desde={(DAY - dt.timedelta(days=30)).isoformat()}&hasta={TODAY.isoformat()}"


def town(pk):
    return Municipality.objects.get(pk=pk)


def office(department):
    return Office.objects.get(code=f"sede-{department}")


def both(make):
    """Call make(town_id, marker, officer_key) for Zacapa then Jutiapa."""
    return make(ZACAPA_TOWN, ZMARK, "zacapa"), make(JUTIAPA_TOWN, JMARK, "jutiapa")


def people_list(p):
    both(lambda t, mark, _who: make_person(t, first_surname=mark))
    return "/personas/", {}, 1


def households(p):
    both(lambda t, mark, _who: make_household(t, name=f"Familia {mark}"))
    return "/hogares/", {}, 1


def centers(p):
    both(lambda t, mark, _who: make_center(t, name=f"Centro {mark}"))
    return "/centros/", {}, 2  # the persona's CADI Zacapa and Centro Zacapeño


def _program_centers(prefix, url, kind):
    def build(p):
        both(lambda t, mark, _who: make_center(t, kind=kind, name=f"Centro {mark}"))
        extra = 1 if kind == "cadi" else 0  # the personas' CADI Zacapa
        return url, {}, 1 + extra
    return build


def _roster(prefix, url, kind, birth):
    def build(p):
        from tejido.programs.services import enrolment_create

        program = prefix  # the ProgramSite prefixes are the program codes
        made = {}
        for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
            center = make_center(t, kind=kind, name=f"Centro {mark[:3]}", opened_on=dt.date(2000, 1, 1))
            for n in range(2 if who == "zacapa" else 1):
                person = make_person(t, first_surname=mark, given_names=("Anaí", "Inés")[n], birth_date=birth)
                enrolment_create(person=person, center=center, program=program, start=DAY, acting_user=p[who])
            made[who] = center
        return f"{url}centros/{made['zacapa'].pk}/", {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 2
    return build


def _events(program, url, kind, audience, center_kind=None):
    def build(p):
        from tejido.programs.services import event_create

        def make(t, mark, who):
            center = make_center(t, kind=center_kind, name=f"Centro {mark[:3]}") if center_kind else None
            return event_create(program=program, kind=kind, topic=f"Taller {mark}", audience=audience, date=DAY,
                                municipality=town(t), center=center, unnamed_participants=3, acting_user=p[who])
        both(make)
        return f"{url}?{PERIOD}", {}, 1
    return build


def elderly_deliveries(p):
    from tejido.elderly.services import delivery_record

    both(lambda t, mark, who: delivery_record(
        center=make_center(t, kind="elderly_day", name=f"Centro {mark[:3]}"), item="kit_higiene", quantity=2,
        date=DAY, note=f"Nota {mark}", acting_user=p[who]))
    return f"/adulto-mayor/entregas/?{PERIOD}", {}, 1


def _referral(origin, url, query=""):
    def build(p):
        from tejido.programs.referrals import referral_create

        both(lambda t, mark, who: referral_create(
            person=make_person(t, first_surname=mark), origin_program=origin, reason=f"Motivo {mark}", date=DAY,
            municipality=town(t), destination_institution="RENAP", acting_user=p[who]))
        return f"{url}{query}", {}, 1
    return build


def women_units(p):
    from tejido.women.services import unit_create

    both(lambda t, mark, who: unit_create(municipality=town(t), name=f"Unidad {mark}", product_line="dulces_tipicos",
                                          acting_user=p[who]))
    return "/mujer/unidades/", {}, 1


def women_trainings(p):
    from tejido.women.services import training_create

    both(lambda t, mark, who: training_create(training_kind="organizacion", date=DAY, municipality=town(t),
                                              topic=f"Taller {mark}", unnamed_participants=4, acting_user=p[who]))
    return f"/mujer/capacitaciones/?{PERIOD}", {}, 1


def women_fairs(p):
    from tejido.women.services import fair_create

    both(lambda t, mark, who: fair_create(topic=f"Feria {mark}", municipality=town(t), start=DAY, end=DAY,
                                          unnamed_participants=5, acting_user=p[who]))
    return f"/mujer/comercializacion/?{PERIOD}", {}, 1


def _receive_both(p):
    from tejido.stock.catalogue import ensure_catalogue
    from tejido.stock.services import receive

    product = next(iter(ensure_catalogue().values()))
    for department, mark, who in ((19, ZMARK, "zacapa"), (22, JMARK, "jutiapa")):
        receive(office=office(department), product=product, quantity=7, date=DAY, origin="compra",
                reference=f"Factura {mark}", acting_user=p[who])
    return product


def stock_table(p):
    _receive_both(p)
    for department, mark in ((19, ZMARK), (22, JMARK)):
        Office.objects.filter(code=f"sede-{department}").update(name=f"Sede {mark}")
    return "/servicio-social/existencias/", {}, Office.objects.filter(department_id=19).count()


def stock_card(p):
    product = _receive_both(p)
    zacapa, jutiapa = office(19), office(22)
    return (f"/servicio-social/existencias/sedes/{zacapa.pk}/{product.code}/",
            {"pk": zacapa.pk, "code": product.code, "other": jutiapa.pk}, 2)  # opening balance + the entry


def support_requests(p):
    from tejido.socialservice.services import request_create

    both(lambda t, mark, who: request_create(
        person=make_person(t, first_surname=mark), office=office(t // 100), date=DAY, kind="servicio",
        service="transporte", description=f"Viaje {mark}", acting_user=p[who]))
    return "/servicio-social/", {}, 1


def outreach_days(p):
    from tejido.socialservice.services import outreach_create

    both(lambda t, mark, who: outreach_create(office=office(t // 100), category="jornada_medica", municipality=town(t),
                                              date=DAY, partner=f"Clínica {mark}", women=3, acting_user=p[who]))
    return f"/servicio-social/jornadas/?{PERIOD}", {}, 1


def _reception(p, t, mark, who):
    from tejido.migrants.services import MemberData, reception_create

    center = make_center(t, kind="migrant_reception", name=f"Recepción {mark[:3]}")
    return reception_create(
        date=DAY, center=center, arrival_mode="aerea", returned_from="estados_unidos", destination_municipality=town(t),
        members=[MemberData(given_names="Rosa", first_surname=mark, sex="F", age_years=30, relationship="jefe")],
        acting_user=p[who])


def receptions(p):
    both(lambda t, mark, who: _reception(p, t, mark, who))
    return f"/migrantes/?{PERIOD}", {}, 1


def migrant_referrals(p):
    from tejido.migrants.services import reception_refer

    for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
        reception = _reception(p, t, mark, who)
        reception_refer(reception=reception, member=reception.members.get(), date=DAY, reason=f"Motivo {mark}",
                        destination_institution="RENAP", acting_user=p[who])
    return f"/migrantes/derivaciones/?{PERIOD}", {}, 1


def donations(p):
    from tejido.donations.services import donation_create

    for department, mark, who in ((19, ZMARK, "zacapa"), (22, JMARK, "jutiapa")):
        donation_create(office=office(department), received_on=DAY, donor_name=f"Fundación {mark}",
                        donor_kind="privado", acting_user=p[who],
                        items=[{"description": "sillas", "quantity": 2, "unit": "unidad", "category": "propiedad",
                                "value": "150.50", "product": None}])
    return f"/donaciones/?{PERIOD}", {}, 1


def _shelter(p, t, mark, who):
    from tejido.shelters.services import shelter_open

    return shelter_open(event="tormenta", opened_on=DAY, capacity=20, municipality=town(t), name=f"Escuela {mark}",
                        acting_user=p[who])


def shelters(p):
    both(lambda t, mark, who: _shelter(p, t, mark, who))
    return f"/albergues/?{PERIOD}", {}, 1


def shelter_families(p):
    from tejido.shelters.services import MemberData, family_register

    made = {}
    for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
        shelter = _shelter(p, t, mark[:3], who)
        family_register(shelter=shelter, check_in=DAY, acting_user=p[who], members=[
            MemberData(given_names="Rosa", first_surname=mark, sex="F", age_years=34, relationship="jefe"),
            MemberData(given_names="Luis", first_surname=mark, sex="M", age_years=4, relationship="hijo")])
        made[who] = shelter
    return f"/albergues/{made['zacapa'].pk}/", {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 2


def agreements(p):
    from tejido.agreements.services import agreement_create

    both(lambda t, mark, who: agreement_create(
        counterparty_name=f"Municipalidad {mark}", counterparty_kind="municipalidad", program="childcare",
        start_date=DAY, end_date=TODAY + dt.timedelta(days=300), municipality=town(t), acting_user=p[who]))
    return "/convenios/", {}, 1


def caregivers(p):
    from tejido.childcare.staff import caregiver_add

    made = {}
    for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
        center = make_center(t, kind="community_home", name=f"Hogar {mark[:3]}")
        caregiver_add(center=center, person=make_person(t, first_surname=mark), payer="sosep",
                      monthly_amount=Decimal("750.00"), start=DAY, acting_user=p[who])
        made[who] = center
    return (f"/primera-infancia/centros/{made['zacapa'].pk}/personal/",
            {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 1)


def licences(p):
    both(lambda t, mark, _who: make_center(t, kind="community_home", name=f"Hogar {mark}"))
    return "/convenios/licencias/", {}, 2  # the personas' CADI Zacapa has no licence either


BUILDERS = {
    "personas": people_list,
    "hogares": households,
    "centros": centers,
    "centros-childcare": _program_centers("childcare", "/primera-infancia/", "cadi"),
    "centros-elderly": _program_centers("elderly", "/adulto-mayor/", "elderly_day"),
    "inscripciones-childcare": _roster("childcare", "/primera-infancia/", "cadi", TODAY - dt.timedelta(days=3 * 365)),
    "inscripciones-elderly": _roster("elderly", "/adulto-mayor/", "elderly_day", dt.date(1950, 3, 1)),
    "centros-women": _program_centers("women", "/mujer/", "productive_unit"),
    "inscripciones-women": _roster("women", "/mujer/", "productive_unit", dt.date(1990, 3, 1)),
    "eventos-childcare": _events("childcare", "/primera-infancia/eventos/", "charla", "padres", "cadi"),
    "actividades-elderly": _events("elderly", "/adulto-mayor/actividades/", "atencion", "adultos_mayores",
                                   "elderly_day"),
    "capacitaciones-personal": _events("childcare", "/capacitaciones-personal/", "capacitacion", "personal"),
    "entregas-elderly": elderly_deliveries,
    "derivaciones": _referral("childcare", "/derivaciones/"),
    "derivaciones-elderly": _referral("elderly", "/adulto-mayor/derivaciones/"),
    "unidades-productivas": women_units,
    "capacitaciones-mujer": women_trainings,
    "comercializacion-mujer": women_fairs,
    "existencias": stock_table,
    "tarjeta-existencias": stock_card,
    "solicitudes-apoyo": support_requests,
    "jornadas": outreach_days,
    "recepciones-migrantes": receptions,
    "derivaciones-migrantes": migrant_referrals,
    "donaciones": donations,
    "albergues": shelters,
    "familias-albergadas": shelter_families,
    "convenios": agreements,
    "licencias-centros": licences,
    "madres-cuidadoras": caregivers,
}


def _outreach(p, t, mark, who):
    from tejido.socialservice.services import outreach_create

    return outreach_create(office=office(t // 100), category="jornada_medica", municipality=town(t), date=DAY,
                           partner=f"Clínica {mark}", women=3, acting_user=p[who])


def outreach_attendees(p):
    from tejido.socialservice.services import outreach_add_participant

    made = {}
    for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
        day = _outreach(p, t, mark, who)
        outreach_add_participant(outreach=day, person=make_person(t, first_surname=mark), acting_user=p[who])
        made[who] = day
    return (f"/servicio-social/jornadas/{made['zacapa'].pk}/",
            {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 1)


def outreach_deliveries(p):
    from tejido.socialservice.services import outreach_deliver

    product = _receive_both(p)
    made = {}
    for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
        day = _outreach(p, t, mark, who)
        for n in range(2):
            outreach_deliver(outreach=day, product=product, quantity=1, note=f"Entrega {n} {mark}",
                             acting_user=p[who])
        made[who] = day
    return (f"/servicio-social/jornadas/{made['zacapa'].pk}/",
            {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 2)


def _donation(p, department, mark, who):
    from tejido.donations.services import donation_create

    return donation_create(office=office(department), received_on=DAY, donor_name=f"Fundación {mark}",
                           donor_kind="privado", acting_user=p[who],
                           items=[{"description": f"sillas {mark}", "quantity": 5, "unit": "unidad",
                                   "category": "propiedad", "value": "150.50", "product": None},
                                  {"description": f"mesas {mark}", "quantity": 2, "unit": "unidad",
                                   "category": "propiedad", "value": "80.00", "product": None}])


def donation_items(p):
    made = {who: _donation(p, department, mark, who)
            for department, mark, who in ((19, ZMARK, "zacapa"), (22, JMARK, "jutiapa"))}
    return f"/donaciones/{made['zacapa'].pk}/", {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 2


def donation_distributions(p):
    from tejido.donations.services import distribute

    made = {}
    for department, t, mark, who in ((19, ZACAPA_TOWN, ZMARK, "zacapa"), (22, JUTIAPA_TOWN, JMARK, "jutiapa")):
        donation = _donation(p, department, mark, who)
        item = donation.items.order_by("pk").first()
        distribute(item=item, kind="beneficiario", program="social_service", date=DAY, quantity=1, receipt="C-1",
                   acting_user=p[who],
                   person=make_person(t, first_surname=mark), note=f"Nota {mark}")
        made[who] = donation
    return f"/donaciones/{made['zacapa'].pk}/", {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 1


def teacher_posts(p):
    from tejido.childcare.staff import teacher_post_add

    made = {}
    for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
        center = make_center(t, kind="cadi", name=f"CADI {mark[:3]}")
        teacher_post_add(center=center, source="mineduc_sosep", start=DAY, acting_user=p[who],
                         teacher=make_person(t, first_surname=mark))
        teacher_post_add(center=center, source="direccion_departamental", start=DAY, acting_user=p[who])
        made[who] = center
    return (f"/primera-infancia/centros/{made['zacapa'].pk}/personal/",
            {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 2)


def shelter_table(p):
    both(lambda t, mark, who: _shelter(p, t, mark, who))
    return f"/albergues/cuadro/?{PERIOD}", {}, 1


def _women_enrolled(p, t, mark, who):
    from tejido.programs.services import enrolment_create
    from tejido.women.services import unit_create

    unit = unit_create(municipality=town(t), name=f"Unidad {mark[:3]}", product_line="dulces_tipicos",
                       acting_user=p[who])
    woman = make_person(t, first_surname=mark)
    enrolment_create(person=woman, center=unit, program="women", start=DAY - dt.timedelta(days=60),
                     acting_user=p[who])
    return woman


def fair_sales(p):
    from tejido.women.services import fair_create, fair_sale_save

    made = {}
    for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
        woman = _women_enrolled(p, t, mark, who)
        fair = fair_create(topic=f"Feria {mark[:3]}", municipality=town(t), start=DAY, end=DAY,
                           sales=[(woman, Decimal("125.50"))], acting_user=p[who])
        fair_sale_save(acting_user=p[who], fair=fair, person=woman, amount=Decimal("130.25"))  # a correction
        made[who] = fair
    return f"/mujer/comercializacion/{made['zacapa'].pk}/", {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 1


def women_income(p):
    from tejido.women.services import income_report_save

    both(lambda t, mark, who: income_report_save(acting_user=p[who], person=_women_enrolled(p, t, mark, who),
                                                 month=DAY, own_sales=Decimal("300.00"), fair_sales=Decimal("0")))
    return f"/mujer/ingresos/?{PERIOD}", {}, 1


def center_documents(p):
    from tejido.agreements.services import center_document_create

    made = {}
    for t, mark, who in ((ZACAPA_TOWN, ZMARK, "zacapa"), (JUTIAPA_TOWN, JMARK, "jutiapa")):
        center = make_center(t, kind="community_home", name=f"Hogar {mark[:3]}")
        center_document_create(center=center, kind="licencia_sanitaria", number="LS-1", issuer=f"Área de salud {mark}",
                               issued_on=DAY, expires_on=TODAY + dt.timedelta(days=200), acting_user=p[who])
        made[who] = center
    return (f"/convenios/licencias/centros/{made['zacapa'].pk}/",
            {"pk": made["zacapa"].pk, "other": made["jutiapa"].pk}, 1)


def office_movements(p):
    _receive_both(p)
    zacapa, jutiapa = office(19), office(22)
    return f"/servicio-social/existencias/sedes/{zacapa.pk}/", {"pk": zacapa.pk, "other": jutiapa.pk}, 1


BUILDERS.update({
    "asistentes-jornada": outreach_attendees,
    "entregas-jornada": outreach_deliveries,
    "bienes-donacion": donation_items,
    "distribuciones-donacion": donation_distributions,
    "puestos-docentes": teacher_posts,
    "cuadro-albergues": shelter_table,
    "ventas-feria": fair_sales,
    "ingresos-mujer": women_income,
    "documentos-centro": center_documents,
    "movimientos-sede": office_movements,
})
