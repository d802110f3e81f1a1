"""Mejoramiento Socioeconómico de la Mujer tables (seed 001 tables 10 to 14; trainings by type and by
partner institution, §5.3 and §5.5; commercial events with their sales, §5.4)."""

from django.utils.translation import gettext_lazy as _

from tejido.programs.ages import years_before
from tejido.women import figures

from ..drill import drill_spec, people, records
from ..drill_sources import NO_CATEGORY
from ..tables import INT, MONEY, PERCENT, TEXT, Column, Table, TableSpec, register

TOTAL = _("Total")


def by_department(user, period) -> Table:
    data = figures.by_department(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "municipalities": r["municipalities"], "women": r["women"],
                "productive_units": r["units"], "training_events": r["trainings"], "commercial_events": r["fairs"]}

    return Table(
        id="women.by_department", title=str(_("Ejecución de metas físicas por departamento")),
        columns=[Column("department", _("Departamento"), TEXT), Column("municipalities", _("Municipios")),
                 Column("women", _("Mujeres beneficiarias")),
                 Column("productive_units", _("Unidades productivas en funcionamiento")),
                 Column("training_events", _("Eventos de formación")),
                 Column("commercial_events", _("Eventos de comercialización"))],
        rows=[row(r, r["department"]) for r in data["rows"]], totals=row(data["total"], str(TOTAL)),
        chart={"kind": "bar", "column": "women", "map": True}, drill=drill_spec({
            "women": people("women"), "municipalities": records("municipios", programa="women"),
            "productive_units": records("centros_en_funcionamiento", tipo="productive_unit"),
            "training_events": records("eventos", programa="women", tipo="capacitacion"),
            "commercial_events": records("eventos", programa="women", tipo="comercializacion")}))


def _shares(table_id, title, first_id, first_label, data, label_key, drill_rows) -> Table:
    return Table(
        id=table_id, title=str(title),
        columns=[Column(first_id, first_label, TEXT), Column("women", _("Mujeres beneficiarias")),
                 Column("percent", _("Porcentaje"), PERCENT)],
        rows=[{first_id: str(r[label_key]), "women": r["women"], "percent": r["percent"]} for r in data["rows"]],
        totals={first_id: str(TOTAL), "women": data["total"], "percent": 100 if data["total"] else None},
        drill=drill_spec({"women": people("women")}, rows=drill_rows))


def by_age_group(user, period) -> Table:
    data = figures.by_age_group(user=user, start=period.start, end=period.end)
    ages = [{"nacido_hasta": years_before(period.end, r["low"]).isoformat(),
             **({"nacido_despues": years_before(period.end, r["high"]).isoformat()} if r["high"] else {})}
            for r in data["rows"]]
    table = _shares("women.by_age_group", _("Mujeres beneficiarias por grupo etario"), "age_group",
                    _("Grupo etario"), data, "group", ages)
    table.note = str(_("Edad en años cumplidos al último día del periodo; grupos sin traslape: 0–12, 13–29, 30–59 y "
                       "60 o más."))
    table.chart = {"kind": "pie", "column": "women"}
    return table


def by_pueblo(user, period) -> Table:
    data = figures.by_pueblo(user=user, start=period.start, end=period.end)
    return _shares("women.by_pueblo", _("Mujeres beneficiarias por pueblo de pertenencia"), "pueblo", _("Pueblo"),
                   data, "label", [{"pueblo": r["code"]} for r in data["rows"]])


def by_language(user, period) -> Table:
    data = figures.by_language(user=user, start=period.start, end=period.end)
    return _shares("women.by_language_community", _("Mujeres beneficiarias por comunidad lingüística"),
                   "language_community", _("Comunidad lingüística"), data, "label",
                   [{"comunidad": r["code"]} for r in data["rows"]])


def priority_coverage(user, period) -> Table:
    data = figures.priority_coverage(user=user, start=period.start, end=period.end)
    return Table(
        id="women.priority_coverage", title=str(_("Cobertura de municipios priorizados")),
        columns=[Column("department", _("Departamento"), TEXT), Column("priority", _("Municipios priorizados")),
                 Column("covered", _("Municipios cubiertos")), Column("percent", _("Porcentaje de cobertura"),
                                                                      PERCENT)],
        rows=[{k: r[k] for k in ("department", "priority", "covered", "percent")} for r in data["rows"]],
        totals={"department": str(TOTAL), **data["total"]},
        drill=drill_spec({"priority": records("priorizados", lista=data["list"] or "", programa="women"),
                          "covered": records("priorizados", lista=data["list"] or "", programa="women", cubierto=1)}),
        note=str(_("Lista: %(name)s.") % {"name": data["list"] or "—"}))


def income_by_department(user, period) -> Table:
    data = figures.income_by_department(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "sales": r["sales"], "commercial_events": r["fairs"], "total": r["total"]}

    return Table(
        id="women.income_by_department", title=str(_("Ingresos económicos reportados por las beneficiarias")),
        columns=[Column("department", _("Departamento"), TEXT), Column("sales", _("Ventas"), MONEY),
                 Column("commercial_events", _("Eventos comerciales"), MONEY),
                 Column("total", _("Total de ingresos"), MONEY)],
        rows=[row(r, r["department"]) for r in data["rows"]], totals=row(data["total"], str(TOTAL)))


# The records behind every training for the women (with or without a type or a partner; not the staff's)
_FOR_WOMEN = {"programa": "women", "tipo": "capacitacion", "publico": "beneficiarios"}
TRAININGS = {"events": records("eventos", **_FOR_WOMEN),
             "participants": records("eventos", **_FOR_WOMEN, medida="personas")}
TRAININGS_NOTE = _("Capacitaciones dirigidas a las beneficiarias (no las del personal del programa), por su fecha, "
                   "en el departamento donde se realizaron. Participantes: mujeres con "
                   "registro más las contadas sin registro, sumadas capacitación por capacitación (una mujer que "
                   "asistió a dos capacitaciones cuenta dos veces).")


def _trainings(table_id, title, first_id, first_label, data, label, row_filters) -> Table:
    return Table(
        id=table_id, title=str(title),
        columns=[Column(first_id, first_label, TEXT), Column("events", _("Capacitaciones"), INT),
                 Column("participants", _("Mujeres participantes"), INT)],
        rows=[{first_id: label(r), "events": r["events"], "participants": r["people"]} for r in data["rows"]],
        totals={first_id: str(TOTAL), "events": data["total"]["events"], "participants": data["total"]["people"]},
        drill=drill_spec(TRAININGS, rows=[row_filters(r) for r in data["rows"]]))


def trainings_by_type(user, period) -> Table:
    data = figures.trainings_by_type(user=user, start=period.start, end=period.end)
    table = _trainings("women.trainings_by_type", _("Capacitaciones a mujeres por tipo de capacitación"),
                       "training_type", _("Tipo de capacitación"), data, lambda r: r["label"],
                       lambda r: {"capacitacion": r["code"] or NO_CATEGORY})
    table.note = str(TRAININGS_NOTE)
    table.chart = {"kind": "bar", "column": "events"}
    return table


def trainings_by_partner(user, period) -> Table:
    data = figures.trainings_by_partner(user=user, start=period.start, end=period.end)
    table = _trainings("women.trainings_by_partner", _("Capacitaciones a mujeres por institución aliada"), "partner",
                       _("Institución aliada"), data,
                       lambda r: r["partner"] or str(_("Sin institución aliada (personal de la Dirección)")),
                       lambda r: {"aliado": r["partner"] or NO_CATEGORY})
    table.note = " ".join((str(_("Institución aliada tal como se escribió en cada capacitación (INTECAP, Pro "
                                 "Mujer...).")), str(TRAININGS_NOTE)))
    return table


def commercial_events(user, period) -> Table:
    data = figures.commercial_events_by_department(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "events": r["events"], "participants": r["people"],
                "sellers": r["sellers"], "sales": r["sales"]}

    fairs = {"programa": "women", "tipo": "comercializacion"}
    return Table(
        id="women.commercial_events", title=str(_("Eventos de comercialización y ventas de las beneficiarias")),
        columns=[Column("department", _("Departamento"), TEXT), Column("events", _("Eventos de comercialización")),
                 Column("participants", _("Mujeres participantes")),
                 Column("sellers", _("Mujeres con ventas registradas")),
                 Column("sales", _("Ventas en quetzales"), MONEY)],
        rows=[row(r, r["department"]) for r in data["rows"]], totals=row(data["total"], str(TOTAL)),
        note=str(_("Eventos por su fecha de inicio, en el departamento donde se realizaron (las vendedoras pueden "
                   "venir de otros). Participantes: con registro más las contadas sin registro, sumadas evento por "
                   "evento. Ventas: lo registrado por cada mujer en cada evento. Mujeres con ventas: en el total, una "
                   "mujer que vendió en eventos de dos departamentos cuenta una vez. El cuadro de ingresos suma en "
                   "cambio lo que cada mujer reporta al mes.")),
        chart={"kind": "bar", "column": "sales", "map": True},
        drill=drill_spec({"events": records("eventos", **fairs),
                          "participants": records("eventos", **fairs, medida="personas")}))


for _id, _title, _build in (
    ("women.by_department", _("Mujeres: metas físicas por departamento"), by_department),
    ("women.by_age_group", _("Mujeres por grupo etario"), by_age_group),
    ("women.by_pueblo", _("Mujeres por pueblo"), by_pueblo),
    ("women.by_language_community", _("Mujeres por comunidad lingüística"), by_language),
    ("women.priority_coverage", _("Cobertura de municipios priorizados"), priority_coverage),
    ("women.income_by_department", _("Ingresos de las beneficiarias"), income_by_department),
    ("women.trainings_by_type", _("Capacitaciones por tipo"), trainings_by_type),
    ("women.trainings_by_partner", _("Capacitaciones por institución aliada"), trainings_by_partner),
    ("women.commercial_events", _("Eventos de comercialización y ventas"), commercial_events),
):
    register(TableSpec(_id, _title, "women", _build))
