"""Servicio Social tables (seed 001 tables 15 and 16; outreach days by type, §6.1)."""

from django.utils.translation import gettext_lazy as _

from tejido.socialservice import figures

from ..drill import drill_spec, records
from ..drill_sources import ALL, NO_CATEGORY
from ..tables import TEXT, Column, Table, TableSpec, register


def products_delivered(user, period) -> Table:
    data = figures.products_delivered(user=user, start=period.start, end=period.end)
    return Table(
        id="social_service.products_delivered", title=str(_("Productos ortopédicos e insumos entregados")),
        columns=[Column("product", _("Producto ortopédico / insumo"), TEXT), Column("quantity", _("Cantidad"))],
        rows=[{"product": r["product"], "quantity": r["quantity"]} for r in data["rows"]],
        totals={"product": str(_("Total")), "quantity": data["total"]},
        chart={"kind": "bar", "column": "quantity"},
        drill=drill_spec({"quantity": records("entregas", programa="social_service")},
                         rows=[{"producto": r["code"]} for r in data["rows"]],
                         totals={"producto": [r["code"] for r in data["rows"]]}))


def persons_by_department(user, period) -> Table:
    data = figures.people_by_department(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "municipalities": r.get("municipalities"), "men": r["male"],
                "women": r["female"], "total": r["total"]}

    totals = row(data["total"], str(_("Total")))
    totals.pop("municipalities")
    return Table(
        id="social_service.persons_by_department", title=str(_("Personas beneficiadas en Servicio Social")),
        columns=[Column("department", _("Departamento"), TEXT), Column("municipalities", _("Municipios")),
                 Column("men", _("Hombres")), Column("women", _("Mujeres")), Column("total", _("Total"))],
        rows=[row(r, r["department"]) for r in data["rows"]], totals=totals,
        note=str(_("Personas registradas, una vez por departamento donde se atendieron (una vez en el total), más "
                   "las atendidas sin registro en jornadas, contadas por sexo.")),
        chart={"kind": "bar", "column": "total", "map": True})


def endowments_by_department(user, period) -> Table:
    """Seed 003: «Personas beneficiadas con dotaciones» by department, sex and pueblo."""
    data = figures.endowments_by_department(user=user, start=period.start, end=period.end)
    pueblos = [key for key, _codes in figures.ENDOWMENT_PUEBLOS]

    def row(r, department):
        return {"department": department, "men": r["male"], "women": r["female"], "total": r["people"],
                **{key: r[key] for key in pueblos}, "total_pueblo": sum(r[key] for key in pueblos),
                "deliveries": r["deliveries"]}

    return Table(
        id="social_service.endowments_by_department",
        title=str(_("Personas beneficiadas con dotaciones por departamento, sexo y pueblo")),
        columns=[Column("department", _("Departamento"), TEXT), Column("men", _("Hombres")),
                 Column("women", _("Mujeres")), Column("total", _("Total sexo")),
                 Column("ladino", _("Ladino / Mestizo")), Column("maya", _("Maya")), Column("garifuna", _("Garífuna")),
                 Column("xinka", _("Xinka")), Column("other", _("Otro o no indica")),
                 Column("total_pueblo", _("Total pueblo")), Column("deliveries", _("Total dotaciones"))],
        rows=[row(r, r["department"]) for r in data["rows"]], totals=row(data["total"], str(_("Total"))),
        note=str(_("Personas con una entrega de producto o servicio, una vez por departamento de la entrega (una vez "
                   "en el total); dotaciones: cantidad entregada (productos y servicios, también sin persona "
                   "registrada). Las personas contadas sin registro en jornadas "
                   "no tienen pueblo: están en el cuadro de personas beneficiadas.")),
        drill=drill_spec({"deliveries": records("entregas", programa="social_service")}))


def beneficiaries_with_migrants(user, period) -> Table:
    """Seed 001 table 16 as published: the people served by social service and the returned migrants
    received, by department, and their sum (24,490 = 4,490 + 20,000 in 2023), so the published
    figure is reproduced and the 4,490 stays visible."""
    from tejido.migrants.figures import families_and_people

    served = figures.people_by_department(user=user, start=period.start, end=period.end)
    received = families_and_people(user=user, start=period.start, end=period.end, by="reception_department")
    rows: dict[int, dict] = {}
    for r in served["rows"]:
        rows.setdefault(r["department_id"], {"department": r["department"], "served": 0, "migrants": 0})[
            "served"] = r["total"]
    for r in received["rows"]:
        rows.setdefault(r["key"], {"department": r["label"], "served": 0, "migrants": 0})["migrants"] = r["people"]
    ordered = sorted(rows.items(), key=lambda item: item[1]["department"])
    total = {"served": served["total"]["total"], "migrants": received["total"]["people"] or 0}
    return Table(
        id="social_service.beneficiaries_with_migrants",
        title=str(_("Personas beneficiadas en Servicio Social y personas migrantes retornadas recibidas")),
        columns=[Column("department", _("Departamento"), TEXT),
                 Column("served", _("Personas atendidas por Servicio Social")),
                 Column("migrants", _("Personas migrantes retornadas recibidas")), Column("total", _("Total"))],
        rows=[{**r, "total": r["served"] + r["migrants"]} for _id, r in ordered],
        totals={"department": str(_("Total")), **total, "total": total["served"] + total["migrants"]},
        note=str(_("Como el cuadro 16 de la Memoria 2023, que suma a las personas migrantes recibidas (20,000 de "
                   "24,490). Migrantes: por departamento del centro de recepción.")),
        drill=drill_spec({"migrants": records("recepciones", medida="people")},
                         rows=[{"agrupar": "reception_department", "clave": department_id}
                               for department_id, _r in ordered]))


def outreach_days(user, period) -> Table:
    """Seed 001 §6.1: «60 jornadas, 47 médicas y 13 de servicios integrados»."""
    data = figures.outreach_by_category(user=user, start=period.start, end=period.end)

    def row(r, label):
        return {"outreach_type": label, "days": r["days"], "departments": r["departments"], "people": r["people"],
                "products": r["products"]}

    days = {"programa": "social_service", "tipo": "jornada"}
    return Table(
        id="social_service.outreach_days", title=str(_("Jornadas de Servicio Social por tipo")),
        columns=[Column("outreach_type", _("Tipo de jornada"), TEXT), Column("days", _("Jornadas")),
                 Column("departments", _("Departamentos")), Column("people", _("Personas atendidas")),
                 Column("products", _("Productos entregados"))],
        rows=[row(r, r["label"]) for r in data["rows"]], totals=row(data["total"], str(_("Total"))),
        note=str(_("Jornadas por su fecha, en el departamento donde se realizaron; en el total, un departamento con "
                   "jornadas de los dos tipos cuenta una vez. Personas atendidas: con registro más las contadas "
                   "sin registro, sumadas jornada por jornada. Productos: unidades entregadas durante las jornadas "
                   "(también están en el cuadro de productos entregados).")),
        drill=drill_spec({"days": records("eventos", **days), "people": records("eventos", **days, medida="personas"),
                          "products": records("entregas", programa="social_service")},
                         rows=[{"categoria": r["code"] or NO_CATEGORY, "jornada": r["code"] or NO_CATEGORY}
                               for r in data["rows"]], totals={"jornada": ALL}))


register(TableSpec("social_service.products_delivered", _("Productos entregados"), "social_service",
                   products_delivered))
register(TableSpec("social_service.persons_by_department", _("Personas beneficiadas por departamento"),
                   "social_service", persons_by_department))
register(TableSpec("social_service.endowments_by_department", _("Personas con dotaciones por departamento y pueblo"),
                   "social_service", endowments_by_department))
register(TableSpec("social_service.beneficiaries_with_migrants", _("Servicio Social con migrantes recibidos"),
                   "social_service", beneficiaries_with_migrants))
register(TableSpec("social_service.outreach_days", _("Jornadas por tipo"), "social_service", outreach_days))
