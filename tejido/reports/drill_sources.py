"""The records behind report counts other than people served (drill.py): centers,
municipalities, events, deliveries, migrant receptions and sheltered people.

Each source builds its records with the very query (and scope) the figure function used, then
narrows by the link's filters; `measure` is what the cell shows (a count of the records, or a
sum such as units delivered), so the list and the cell cannot disagree. Sources that show
personal data (deliveries to named people, migrant families, sheltered people) require it."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tejido.centers.models import Center
from tejido.common.query import MAX_ID
from tejido.programs.figures import served_in
from tejido.programs.models import Event
from tejido.programs.selectors import event_list
from tejido.territory.models import Municipality
from tejido.territory.scope import restrict

SERVED_SCOPE = {"department": "department_id", "center": "center_id"}


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable          # record -> value shown
    number: bool = False


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    personal: bool
    records: Callable        # (user, start, end, params) -> QuerySet
    columns: list[Column]
    measure: Callable = lambda qs, params: qs.count()  # noqa: E731 - the default: how many records
    link: Callable | None = None  # record -> URL of its own page (personal viewers only)


def _departments(qs: QuerySet, params, field: str = "department__name") -> QuerySet:
    """The row's department (`departamento`: where the service was given). A totals cell has none:
    the page narrows the viewer to the report's departments (`en`) as the report builder did."""
    if params.get("departamento"):
        qs = qs.filter(**{field: params["departamento"]})
    return qs


def _served(user, start, end, params) -> QuerySet:
    return _departments(restrict(served_in(params.get("programa", ""), start, end), user, **SERVED_SCOPE), params)


def _events(user, start, end, params) -> QuerySet:
    qs = _departments(event_list(user=user, program=params.get("programa", ""), start=start, end=end), params)
    kinds = [kind for kind in params.getlist("tipo") if kind]
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if not params.get("publico"):  # staff trainings are listed only when asked for (their own table)
        qs = qs.exclude(audience="personal")
    for param, field in (("categoria", "category"), ("publico", "audience"), ("modalidad", "modality")):
        if params.get(param):
            qs = qs.filter(**{field: "" if params[param] == NO_CATEGORY else params[param]})
    # women's trainings by type and by partner institution (NO_CATEGORY: none recorded)
    if params.get("capacitacion"):
        kind = params["capacitacion"]
        qs = qs.filter(Q(women_training__training_kind__isnull=True) | Q(women_training__training_kind="")
                       if kind == NO_CATEGORY else Q(women_training__training_kind=kind))
    if params.get("aliado"):
        qs = qs.filter(partner="" if params["aliado"] == NO_CATEGORY else params["aliado"])
    if "centro" in params:  # "0": events held outside any center
        center = params["centro"]
        qs = qs.filter(center__isnull=True) if center in ("", "0") else qs.filter(center_id=_int(center))
    return qs.order_by("date", "id")


NO_CATEGORY = "ninguna"  # ?categoria=ninguna: events with no classification (e.g. talks on other themes)


def _int(value) -> int:
    """A number from the drill-down's query string; -1 (matches nothing) when it is not one or is
    beyond a bigint (?centro=18446744073709551616 was a 500: SQLite cannot bind it)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return -1
    return number if abs(number) <= MAX_ID else -1


# --- centers and municipalities where a program served people ------------------------------------

def centers(user, start, end, params) -> QuerySet:
    served = _served(user, start, end, params)
    if params.get("tipo"):
        served = served.filter(center__kind=params["tipo"])
    return (Center.objects.filter(pk__in=served.values("center_id"))
            .select_related("municipality", "department").order_by("department__name", "name", "id"))


def municipalities(user, start, end, params) -> QuerySet:
    """Municipalities of the centers that served people; for the women's program also of its
    events (table 10 counts both)."""
    ids = set(_served(user, start, end, params).values_list("center__municipality_id", flat=True))
    if params.get("programa") == "women":
        ids |= set(_departments(restrict(Event.objects.filter(program="women", date__gte=start, date__lte=end),
                                         user, **SERVED_SCOPE), params).values_list("municipality_id", flat=True))
    return (Municipality.objects.filter(pk__in=ids - {None}).select_related("department")
            .order_by("department__name", "name"))


def centers_opened(user, start, end, params) -> QuerySet:
    """Centers of a kind opened in the period (the plan's "units created" rule)."""
    qs = Center.objects.filter(kind__in=params.getlist("tipo"), opened_on__gte=start, opened_on__lte=end)
    return _departments(restrict(qs, user, department="department_id", center="id"), params).select_related(
        "municipality", "department").order_by("opened_on", "name", "id")


def centers_operating(user, start, end, params) -> QuerySet:
    """Centers of a kind in operation in the period (the plan's "units in operation" rule)."""
    from tejido.centers.selectors import operating_between

    qs = Center.objects.filter(operating_between(start, end), kind=params.get("tipo", ""))
    return _departments(restrict(qs, user, department="department_id", center="id"), params).select_related(
        "municipality", "department").order_by("name", "id")


# --- deliveries, migrant receptions, shelters ----------------------------------------------------

def deliveries(user, start, end, params) -> QuerySet:
    """Deliveries of a program in the period, in the scope `delivery_list` counts them (department
    and center); with ?jornada=<type> the products handed out at the outreach days of that type
    (NO_CATEGORY: without a type; «todas»: every day) held in the period, as the outreach table."""
    from django.http import QueryDict

    from tejido.programs.deliveries import DELIVERY_SCOPE
    from tejido.programs.models import Delivery

    qs = restrict(Delivery.objects.filter(program=params.get("programa", "")), user, **DELIVERY_SCOPE, personal=True)
    if params.get("jornada"):
        days = QueryDict(mutable=True)
        days.update({"programa": params.get("programa", ""), "tipo": Event.Kind.OUTREACH})
        if params["jornada"] != ALL:
            days["categoria"] = params["jornada"]
        qs = qs.filter(event__in=_events(user, start, end, days).values("pk"))
    else:
        qs = qs.filter(date__gte=start, date__lte=end)
    products = [code for code in params.getlist("producto") if code]
    if products:
        qs = qs.filter(item__in=products)
    return _departments(qs, params).select_related("person", "center", "municipality").order_by("date", "id")


ALL = "todas"


RECEPTION_GROUPS = {"center": "center_id", "destination": "destination_department_id",
                    "reception_department": "department_id"}
RECEPTION_PEOPLE = {"men": Q(age_years__gte=18, person__sex="M"), "women": Q(age_years__gte=18, person__sex="F"),
                    "minors": Q(age_years__lt=18), "people": Q()}


def receptions(user, start, end, params) -> QuerySet:
    from tejido.migrants.figures import _receptions

    qs = _receptions(user, start, end)
    field = RECEPTION_GROUPS.get(params.get("agrupar", ""))
    if field and params.get("clave"):
        qs = qs.filter(**{field: _int(params["clave"])})
    # the kind of care, the cause of vulnerability («alguna»: any), arrival mode and country
    # (by subquery, not a join: a family with two kinds of care must not count its members twice)
    from tejido.migrants.models import ReceptionCare, ReceptionVulnerability

    for param, model in (("atencion", ReceptionCare), ("causa", ReceptionVulnerability)):
        if params.get(param):
            coded = model.objects.all() if params[param] == "alguna" else model.objects.filter(code=params[param])
            qs = qs.filter(pk__in=coded.values("reception_id"))
    for param, field in (("via", "arrival_mode"), ("pais", "returned_from")):
        if params.get(param):
            qs = qs.filter(**{field: params[param]})
    measured = RECEPTION_PEOPLE.get(params.get("medida", ""))
    if measured is not None:
        qs = qs.annotate(measured=Count("members", filter=_members(measured)))
    return (qs.annotate(members_n=Count("members"))
            .select_related("center", "destination_municipality").order_by("date", "id"))


def _members(condition: Q) -> Q:
    return Q(**{f"members__{key}": value for key, value in condition.children}) if condition.children else Q()


def _reception_measure(qs, params):
    if params.get("medida") in RECEPTION_PEOPLE:
        return qs.aggregate(n=Sum("measured"))["n"] or 0
    return qs.count()


def sheltered(user, start, end, params) -> QuerySet:
    """Distinct (shelter, person) pairs with a stay overlapping the period: the table counts
    distinct people per shelter and adds the shelters up."""
    from tejido.shelters.models import Stay
    from tejido.shelters.selectors import shelters_in_scope

    shelters = shelters_in_scope(user).filter(opened_on__lte=end).filter(Q(closed_on__isnull=True)
                                                                        | Q(closed_on__gte=start))
    if params.get("albergue"):
        shelters = shelters.filter(pk=_int(params["albergue"]))
    stays = Stay.objects.filter(shelter__in=shelters.values("pk"), check_in__lte=end).filter(
        Q(check_out__isnull=True) | Q(check_out__gte=start))
    return (stays.values("shelter__name", "person_id", "person__given_names", "person__first_surname",
                         "person__second_surname", "person__sex")
            .distinct().order_by("shelter__name", "person__first_surname", "person__given_names", "person_id"))


def donations(user, start, end, params) -> QuerySet:
    """Donations with items in the period, of a donor kind (the table counts donations through their items)."""
    from tejido.donations.figures import _items
    from tejido.donations.selectors import donation_list

    items = _items(user, start, end)
    if params.get("tipo"):
        items = items.filter(donation__donor__kind=params["tipo"])
    return (donation_list(user=user, start=start, end=end).filter(pk__in=items.values("donation_id"))
            .select_related("donor").order_by("received_on", "id"))


def agreements(user, start, end, params) -> QuerySet:
    """Agreements in force on the period's last day (or, with ?suscritos=1, signed in the period), of
    a program and counterparty kind."""
    from tejido.agreements.selectors import agreements_for, in_force_on, signed_between

    qs = signed_between(agreements_for(user), start, end) if params.get("suscritos") else in_force_on(
        agreements_for(user), end)
    for param, field in (("programa", "program"), ("tipo", "counterparty_kind")):
        if params.get(param):
            qs = qs.filter(**{field: params[param]})
    return qs.order_by("start_date", "id")


def licences(user, start, end, params) -> QuerySet:
    """Operating centers of a program whose sanitary licence is in a state on the period's last day."""
    from tejido.agreements.selectors import licence_state, licensed_centers

    qs = licensed_centers(user=user, program=params.get("programa", ""), day=end).annotate(licence=licence_state(end))
    if params.get("estado"):
        qs = qs.filter(licence=params["estado"])
    return qs.select_related("municipality", "department").order_by("department__name", "name", "id")


def documents(user, start, end, params) -> QuerySet:
    """Licences and certificates issued in the period, of a program's centers and a kind."""
    from tejido.agreements.selectors import documents_issued_between
    from tejido.centers.models import PROGRAM_OF_KIND

    qs = documents_issued_between(user=user, start=start, end=end)
    if params.get("programa"):
        qs = qs.filter(center__kind__in=[k for k, p in PROGRAM_OF_KIND.items() if p == params["programa"]])
    if params.get("tipo"):
        qs = qs.filter(kind=params["tipo"])
    return qs.select_related("center").order_by("issued_on", "id")


def shelter_supplies(user, start, end, params) -> QuerySet:
    """Supplies handed out at the shelters in scope in the period, of one item."""
    from tejido.shelters.models import Supply
    from tejido.shelters.selectors import shelters_in_scope

    qs = Supply.objects.filter(shelter__in=shelters_in_scope(user), date__gte=start, date__lte=end)
    if params.get("insumo"):
        qs = qs.filter(item=params["insumo"])
    return qs.select_related("shelter").order_by("date", "id")


def referrals(user, start, end, params) -> QuerySet:
    """Referrals of an origin program (and source) in the period, by destination and status; scope:
    where they are followed up, as `referrals_by_destination` counts them."""
    from tejido.programs.models import Referral

    qs = restrict(Referral.objects.filter(date__gte=start, date__lte=end), user, department="department_id",
                  personal=True)
    if params.get("origen"):
        qs = qs.filter(origin_program=params["origen"])
    if params.get("prefijo"):
        qs = qs.filter(source__startswith=params["prefijo"])
    if "destino_programa" in params:  # a row: exactly its destination (program, or institution)
        qs = qs.filter(destination_program=params["destino_programa"],
                       destination_institution=params.get("destino_institucion", ""))
    if params.get("estado"):
        qs = qs.filter(status=params["estado"])
    return qs.select_related("person").order_by("date", "id")


# --- daycare: nutrition, development evaluations, teacher posts, priority coverage ---------------

def screenings(user, start, end, params) -> QuerySet:
    """The screening counted for each child (the first of the period, as table 7), of an indicator
    and class: `indicador` zwfh (P/T), zbfa (IMC/E) or chronic (T/E); `clase` its class code."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from tejido.childcare.models import NutritionScreening

    period = restrict(NutritionScreening.objects.filter(measured_on__gte=start, measured_on__lte=end), user,
                      department="department_id", center="center_id", personal=True)
    first = (period.annotate(rank=Window(RowNumber(), partition_by=[F("person_id")],
                                         order_by=[F("measured_on").asc(), F("id").asc()]))
             .filter(rank=1).values_list("id", flat=True))
    # The chosen ones first, then the class: a filter next to the window would choose among fewer.
    qs = NutritionScreening.objects.filter(pk__in=list(first))
    indicator, code = params.get("indicador", ""), params.get("clase", "")
    if indicator == "zwfh":
        qs = qs.filter(zwfh__isnull=False, acute_class=code)
    elif indicator == "zbfa":
        qs = qs.filter(zwfh__isnull=True, zbfa__isnull=False, acute_class=code)
    elif indicator == "chronic":
        qs = qs.filter(chronic_class=code)
    return qs.select_related("person", "center").order_by("measured_on", "id")


def evaluations(user, start, end, params) -> QuerySet:
    """Development scale / ABC test results of a year, round and profile (the comparison table)."""
    from tejido.childcare.models import ChildEvaluation

    qs = restrict(ChildEvaluation.objects.filter(kind=params.get("tipo", ""), year=_int(params.get("anio"))), user,
                  department="department_id", center="center_id", personal=True)
    if params.get("ronda"):
        qs = qs.filter(round=_int(params["ronda"]))
    profiles = [p for p in params.getlist("perfil") if p]  # «Negativo + Fluctuante»: two profiles
    if profiles:
        qs = qs.filter(profile__in=profiles)
    return qs.select_related("person", "center").order_by("center__name", "person__first_surname", "id")


def teacher_posts(user, start, end, params) -> QuerySet:
    """Teacher posts active on the period's last day, of an office and who assigned them (table 5)."""
    from tejido.childcare.models import TeacherPost

    qs = TeacherPost.objects.filter(start__lte=end).filter(Q(end__isnull=True) | Q(end__gte=end))
    qs = restrict(qs, user, department="center__department_id", center="center_id")
    if "sede" in params:
        qs = qs.filter(center__office__name=params["sede"]) if params["sede"] else qs.filter(center__office=None)
    if params.get("asignado"):
        qs = qs.filter(source=params["asignado"])
    return qs.select_related("center", "center__office").order_by("center__name", "start", "id")


def caregivers(user, start, end, params) -> QuerySet:
    """Caregiver posts active on the period's last day (`caregivers_by_payer`'s query), of a payer;
    ?sin_monto=1: those without a monthly amount recorded."""
    from tejido.childcare.models import Caregiver

    qs = Caregiver.objects.filter(start__lte=end).filter(Q(end__isnull=True) | Q(end__gte=end))
    qs = _departments(restrict(qs, user, department="center__department_id", center="center_id", personal=True),
                      params, field="center__department__name")
    if params.get("pagador"):
        qs = qs.filter(payer=params["pagador"])
    if params.get("sin_monto"):
        qs = qs.filter(monthly_amount__isnull=True)
    return qs.select_related("person", "center").order_by("center__name", "person__first_surname", "id")


def ready_for_primary_exits(user, start, end, params) -> QuerySet:
    """Daycare enrolments ended in the period «ready for first grade» (`ready_for_primary`'s query),
    of a sex; the cell counts distinct children."""
    from tejido.programs.models import Enrolment, ExitReason

    qs = Enrolment.objects.filter(program="childcare", exit_reason=ExitReason.READY_FOR_PRIMARY, end__gte=start,
                                  end__lte=end)
    qs = _departments(restrict(qs, user, department="department_id", center="center_id", personal=True), params)
    if params.get("sexo") in ("M", "F"):
        qs = qs.filter(person__sex=params["sexo"])
    return qs.select_related("person", "center").order_by("end", "id")


def materials(user, start, end, params) -> QuerySet:
    """Educational materials handed out at centers in the period, of a material and recipients."""
    from tejido.childcare.models import MaterialDelivery

    qs = restrict(MaterialDelivery.objects.filter(date__gte=start, date__lte=end), user, department="department_id",
                  center="center_id")
    if "material" in params:
        qs = qs.filter(material=params["material"], recipients=params.get("destinatarios", ""))
    return qs.select_related("center").order_by("date", "id")


def _materials_measure(qs, params):
    if params.get("medida") == "cantidad":
        return qs.aggregate(n=Sum("quantity"))["n"] or 0
    if params.get("medida") == "centros":
        return qs.order_by().values("center_id").distinct().count()
    return qs.count()


def priority_municipalities(user, start, end, params) -> QuerySet:
    """Municipalities of a priority list in a department, optionally only those covered (a center of
    the program served people there in the period; for women also its events), as tables 2 and 13."""
    listed = Municipality.objects.filter(priority_lists__name=params.get("lista", ""))
    listed = _departments(restrict(listed, user, department="department_id"), params)
    if params.get("cubierto"):
        program = params.get("programa", "")
        covered = set(restrict(served_in(program, start, end), user, **SERVED_SCOPE)
                      .values_list("center__municipality_id", flat=True))
        if program == "women":
            covered |= set(restrict(Event.objects.filter(program="women", date__gte=start, date__lte=end), user,
                                    **SERVED_SCOPE).values_list("municipality_id", flat=True))
        listed = listed.filter(pk__in=covered - {None})
    return listed.select_related("department").order_by("department__name", "name")


def _person_name(record: dict) -> str:
    return " ".join(p for p in (record["person__given_names"], record["person__first_surname"],
                                record["person__second_surname"]) if p)


SEX = {"M": _("Hombre"), "F": _("Mujer")}

SOURCES: dict[str, Source] = {s.id: s for s in [
    Source("centros", _("Centros donde se atendió"), False, centers, [
        Column(_("Centro"), lambda c: c.name), Column(_("Código"), lambda c: c.code),
        Column(_("Tipo"), lambda c: c.get_kind_display()), Column(_("Municipio"), lambda c: c.municipality.name),
        Column(_("Departamento"), lambda c: c.department.name)]),
    Source("centros_creados", _("Centros conformados en el periodo"), False, centers_opened, [
        Column(_("Centro"), lambda c: c.name), Column(_("Conformado"), lambda c: c.opened_on),
        Column(_("Municipio"), lambda c: c.municipality.name), Column(_("Departamento"), lambda c: c.department.name)]),
    Source("centros_en_funcionamiento", _("Centros en funcionamiento en el periodo"), False, centers_operating, [
        Column(_("Centro"), lambda c: c.name), Column(_("Conformado"), lambda c: c.opened_on),
        Column(_("Cierre"), lambda c: c.closed_on), Column(_("Municipio"), lambda c: c.municipality.name),
        Column(_("Departamento"), lambda c: c.department.name)]),
    Source("municipios", _("Municipios con atención"), False, municipalities, [
        Column(_("Municipio"), lambda m: m.name), Column(_("Código INE"), lambda m: m.pk),
        Column(_("Departamento"), lambda m: m.department.name)]),
    Source("eventos", _("Eventos realizados"), False, _events, [
        Column(_("Fecha"), lambda e: e.date), Column(_("Tema"), lambda e: e.topic),
        Column(_("Tipo"), lambda e: e.get_kind_display()),
        Column(_("Centro"), lambda e: e.center.name if e.center else "—"),
        Column(_("Municipio"), lambda e: e.municipality.name if e.municipality else "—"),
        Column(_("Participantes"), lambda e: e.people, number=True)],
        measure=lambda qs, params: (qs.aggregate(n=Sum("people"))["n"] or 0) if params.get("medida") == "personas"
        else qs.count()),
    Source("entregas", _("Entregas"), True, deliveries, [
        Column(_("Fecha"), lambda d: d.date), Column(_("Producto o servicio"), lambda d: d.item_label),
        Column(_("Persona"), lambda d: d.person.full_name if d.person else "—"),
        Column(_("Centro o lugar"), lambda d: d.center.name if d.center else d.municipality.name),
        Column(_("Cantidad"), lambda d: d.quantity, number=True)],
        measure=lambda qs, params: qs.aggregate(n=Sum("quantity"))["n"] or 0,
        link=lambda d: reverse("person_detail", args=[d.person_id]) if d.person_id else None),
    Source("recepciones", _("Unidades familiares recibidas"), True, receptions, [
        Column(_("Fecha"), lambda r: r.date), Column(_("Centro de recepción"), lambda r: r.center.name),
        Column(_("Destino"), lambda r: r.destination_municipality.name if r.destination_municipality else "—"),
        Column(_("Integrantes"), lambda r: r.members_n, number=True),
        Column(_("Integrantes contados"), lambda r: getattr(r, "measured", r.members_n), number=True)],
        measure=_reception_measure, link=lambda r: reverse("migrants_reception", args=[r.pk])),
    Source("documentos", _("Licencias y certificados obtenidos"), False, documents, [
        Column(_("Emitido"), lambda d: d.issued_on), Column(_("Documento"), lambda d: d.get_kind_display()),
        Column(_("Número"), lambda d: d.number or "—"), Column(_("Centro"), lambda d: d.center.name),
        Column(_("Entidad emisora"), lambda d: d.issuer or "—")]),
    Source("insumos_albergue", _("Insumos entregados en albergues"), False, shelter_supplies, [
        Column(_("Fecha"), lambda s: s.date), Column(_("Albergue"), lambda s: s.shelter.name),
        Column(_("Insumo"), lambda s: s.get_item_display()), Column(_("Cantidad"), lambda s: s.quantity, number=True)],
        measure=lambda qs, params: qs.aggregate(n=Sum("quantity"))["n"] or 0),
    Source("donaciones", _("Donaciones recibidas"), False, donations, [
        Column(_("Fecha de recepción"), lambda d: d.received_on), Column(_("Entidad donante"), lambda d: d.donor.name),
        Column(_("Tipo de donante"), lambda d: d.donor.get_kind_display()),
        Column(_("Valor en quetzales"), lambda d: d.value, number=True)]),
    Source("convenios", _("Convenios vigentes"), False, agreements, [
        Column(_("Convenio"), lambda a: a.number or a.subject or "—"),
        Column(_("Contraparte"), lambda a: a.counterparty_name),
        Column(_("Tipo de contraparte"), lambda a: a.get_counterparty_kind_display()),
        Column(_("Programa"), lambda a: a.get_program_display()), Column(_("Inicio"), lambda a: a.start_date),
        Column(_("Fin"), lambda a: a.end_date)]),
    Source("licencias", _("Centros por estado de su licencia sanitaria"), False, licences, [
        Column(_("Centro"), lambda c: c.name), Column(_("Tipo"), lambda c: c.get_kind_display()),
        Column(_("Municipio"), lambda c: c.municipality.name), Column(_("Departamento"), lambda c: c.department.name)]),
    Source("derivaciones", _("Derivaciones"), True, referrals, [
        Column(_("Fecha"), lambda r: r.date), Column(_("Persona"), lambda r: r.person.full_name),
        Column(_("Destino"), lambda r: r.get_destination_program_display() or r.destination_institution),
        Column(_("Estado"), lambda r: r.get_status_display())],
        link=lambda r: reverse("person_detail", args=[r.person_id])),
    Source("tamizajes", _("Niñas y niños por estado nutricional (primera toma del periodo)"), True, screenings, [
        Column(_("Niña o niño"), lambda s: s.person.full_name), Column(_("Fecha de medición"), lambda s: s.measured_on),
        Column(_("Centro"), lambda s: s.center.name if s.center_id else "—"),
        Column(_("Agudo"), lambda s: s.get_acute_class_label() or "—"),
        Column(_("Crónico"), lambda s: s.get_chronic_class_label() or "—")],
        link=lambda s: reverse("person_detail", args=[s.person_id])),
    Source("evaluaciones", _("Evaluaciones del desarrollo"), True, evaluations, [
        Column(_("Niña o niño"), lambda e: e.person.full_name), Column(_("Centro"), lambda e: e.center.name),
        Column(_("Evaluación"), lambda e: e.round), Column(_("Perfil"), lambda e: e.profile_label)],
        link=lambda e: reverse("person_detail", args=[e.person_id])),
    Source("puestos", _("Puestos docentes activos"), False, teacher_posts, [
        Column(_("Centro"), lambda t: t.center.name), Column(_("Asignado por"), lambda t: t.get_source_display()),
        Column(_("Desde"), lambda t: t.start), Column(_("Hasta"), lambda t: t.end or "—")]),
    Source("cuidadoras", _("Madres cuidadoras activas al final del periodo"), True, caregivers, [
        Column(_("Madre cuidadora"), lambda c: c.person.full_name), Column(_("Centro"), lambda c: c.center.name),
        Column(_("Quién paga"), lambda c: c.get_payer_display()),
        Column(_("Monto mensual (Q)"), lambda c: c.monthly_amount if c.monthly_amount is not None else "—"),
        Column(_("Desde"), lambda c: c.start)],
        link=lambda c: reverse("person_detail", args=[c.person_id])),
    Source("egresos_preparados", _("Egresados preparados para primero primaria"), True, ready_for_primary_exits, [
        Column(_("Niña o niño"), lambda e: e.person.full_name), Column(_("Centro"), lambda e: e.center.name),
        Column(_("Egreso"), lambda e: e.end)],
        measure=lambda qs, params: qs.order_by().values("person_id").distinct().count(),
        link=lambda e: reverse("person_detail", args=[e.person_id])),
    Source("materiales", _("Materiales educativos entregados"), False, materials, [
        Column(_("Fecha"), lambda m: m.date), Column(_("Material"), lambda m: m.material),
        Column(_("Entregado a"), lambda m: m.get_recipients_display()), Column(_("Centro"), lambda m: m.center.name),
        Column(_("Cantidad"), lambda m: m.quantity, number=True)],
        measure=_materials_measure),
    Source("priorizados", _("Municipios priorizados"), False, priority_municipalities, [
        Column(_("Municipio"), lambda m: m.name), Column(_("Departamento"), lambda m: m.department.name)]),
    Source("albergados", _("Personas albergadas"), True, sheltered, [
        Column(_("Albergue"), lambda s: s["shelter__name"]), Column(_("Persona"), _person_name),
        Column(_("Sexo"), lambda s: SEX.get(s["person__sex"], ""))],
        link=lambda s: reverse("person_detail", args=[s["person_id"]])),
]}


def measure(source: Source, *, user, start: dt.date, end: dt.date, params) -> int:
    return source.measure(source.records(user, start, end, params), params)
