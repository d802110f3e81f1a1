"""Mis Años Dorados tables (seed 001 table 18; seed 003's table of care by department; kits, glasses and
the other items handed out, §7.2 and §7.5; referrals to MINTRAB's PAM and elsewhere with their answer, §7.2)."""

from django.utils.translation import gettext_lazy as _

from tejido.elderly import figures
from tejido.registry.choices import Pueblo

from ..drill import drill_spec, people, records
from ..tables import TEXT, Column, Table, TableSpec, register


def by_department(user, period) -> Table:
    data = figures.elderly_by_department(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "municipalities": r["municipalities"],
                "day_centers": r["centers_elderly_day"], "residential_centers": r["centers_elderly_residential"],
                "men": r["male"], "women": r["female"], "beneficiaries": r["people"]}

    return Table(
        id="elderly.by_department", title=str(_("Personas adultas mayores beneficiadas por departamento")),
        columns=[Column("department", _("Departamento"), TEXT), Column("municipalities", _("Municipios")),
                 Column("day_centers", _("Centros de atención diurna")),
                 Column("residential_centers", _("Centros de atención permanente")),
                 Column("men", _("Hombres")), Column("women", _("Mujeres")),
                 Column("beneficiaries", _("Beneficiarios"))],
        rows=[row(r, r["department__name"]) for r in data["rows"]], totals=row(data["total"], str(_("Total"))),
        chart={"kind": "bar", "column": "beneficiaries", "map": True},
        drill=drill_spec({"men": people("elderly", sexo="M"), "women": people("elderly", sexo="F"),
                          "beneficiaries": people("elderly"),
                          "municipalities": records("municipios", programa="elderly"),
                          "day_centers": records("centros", programa="elderly", tipo="elderly_day"),
                          "residential_centers": records("centros", programa="elderly", tipo="elderly_residential")}))


def care_by_department(user, period) -> Table:
    data = figures.care_by_department(user=user, start=period.start, end=period.end)
    keys = {"centers": "centers", "men": "male", "women": "female", "total": "people",
            "garifuna": "pueblo_garifuna", "ladino": "pueblo_ladino", "maya": "pueblo_maya", "xinka": "pueblo_xinca",
            "not_stated": "pueblo_no_indica", "other": "pueblo_other", "integral_care": "care",
            "intergenerational_events": "intergenerational"}

    def row(r, department):
        return {"department": department, **{k: r[v] for k, v in keys.items()}}

    others = [p for p in Pueblo.values if p not in figures.PUEBLO_COLUMNS]
    pueblos = {"garifuna": ["garifuna"], "ladino": ["ladino"], "maya": ["maya"], "xinka": ["xinca"],
               "not_stated": ["no_indica"], "other": others}
    drill = drill_spec({"centers": records("centros", programa="elderly"), "men": people("elderly", sexo="M"),
                        "women": people("elderly", sexo="F"), "total": people("elderly"),
                        **{k: people("elderly", pueblo=v) for k, v in pueblos.items()},
                        "integral_care": records("eventos", programa="elderly", tipo=list(figures.CARE_KINDS),
                                                 medida="personas"),
                        "intergenerational_events": records("eventos", programa="elderly", tipo="intergeneracional")})

    return Table(
        id="elderly.care_by_department",
        title=str(_("Personas adultas mayores atendidas, atenciones integrales y eventos intergeneracionales")),
        columns=[Column("department", _("Departamento"), TEXT), Column("centers", _("Centros")),
                 Column("men", _("Hombres")), Column("women", _("Mujeres")), Column("total", _("Total")),
                 Column("garifuna", _("Garífuna")), Column("ladino", _("Ladino / Mestizo")),
                 Column("maya", _("Maya")), Column("xinka", _("Xinka")), Column("not_stated", _("No indica")),
                 Column("other", _("Otro pueblo")), Column("integral_care", _("Atenciones integrales")),
                 Column("intergenerational_events", _("Eventos intergeneracionales"))],
        rows=[row(r, r["department__name"]) for r in data["rows"]], totals=row(data["total"], str(_("Total"))),
        drill=drill)


def items_delivered(user, period) -> Table:
    data = figures.items_delivered(user=user, start=period.start, end=period.end)
    return Table(
        id="elderly.items_delivered",
        title=str(_("Kits, lentes y otros insumos entregados a personas adultas mayores")),
        columns=[Column("item", _("Producto o servicio"), TEXT), Column("quantity", _("Cantidad entregada"))],
        rows=[{"item": r["item"], "quantity": r["quantity"]} for r in data["rows"]],
        totals={"item": str(_("Total")), "quantity": data["total"]},
        note=str(_("Unidades entregadas en el periodo (por la fecha de la entrega), en el departamento del centro o "
                   "lugar de la entrega.")),
        chart={"kind": "bar", "column": "quantity"},
        drill=drill_spec({"quantity": records("entregas", programa="elderly")},
                         rows=[{"producto": r["code"]} for r in data["rows"]],
                         totals={"producto": [r["code"] for r in data["rows"]]}))


def referrals(user, period) -> Table:
    data = figures.referrals_with_answers(user=user, start=period.start, end=period.end)
    counts = [("total", _("Derivadas")), ("accepted", _("Aceptadas")), ("rejected", _("Rechazadas")),
              ("pending", _("Pendientes de respuesta"))]

    def referred(**filters):
        return records("derivaciones", origen="elderly", **filters)

    return Table(
        id="elderly.referrals_by_destination",
        title=str(_("Derivaciones de personas adultas mayores y su respuesta")),
        columns=[Column("destination", _("Destino"), TEXT)] + [Column(k, label) for k, label in counts],
        rows=[{"destination": r["destination"], **{k: r[k] for k, _label in counts}} for r in data["rows"]],
        totals={"destination": str(_("Total")), **data["total"]},
        note=str(_("Derivaciones hechas en el periodo, en el departamento donde se da el seguimiento, con la respuesta "
                   "registrada hasta hoy. Aceptadas por el PAM del Ministerio de Trabajo: personas incorporadas al "
                   "programa de aporte económico.")),
        drill=drill_spec({"total": referred(), "accepted": referred(estado="aceptada"),
                          "rejected": referred(estado="rechazada"), "pending": referred(estado="pendiente")},
                         rows=[{"destino_programa": r["destination_program"] or "",
                                "destino_institucion": r["destination_institution"] or ""} for r in data["rows"]]))


register(TableSpec("elderly.by_department", _("Adultos mayores beneficiados por departamento"), "elderly",
                   by_department))
register(TableSpec("elderly.care_by_department", _("Atención integral por departamento"), "elderly",
                   care_by_department))
register(TableSpec("elderly.items_delivered", _("Kits, lentes e insumos entregados"), "elderly", items_delivered))
register(TableSpec("elderly.referrals_by_destination", _("Derivaciones y su respuesta (PAM)"), "elderly", referrals))
