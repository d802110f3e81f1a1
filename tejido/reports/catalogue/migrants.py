"""Returned migrant family units (seed 002's shape; seed 001 §6.2): families, adults by sex,
minors, by reception center and destination department; referrals by destination."""

from django.utils.translation import gettext_lazy as _

from tejido.migrants import figures

from ..drill import drill_spec, records
from ..tables import TEXT, Column, Table, TableSpec, register

PEOPLE_COLUMNS = [("families", _("Unidades familiares")), ("men", _("Hombres adultos")),
                  ("women", _("Mujeres adultas")), ("minors", _("Niñas, niños y adolescentes")),
                  ("people", _("Total de personas"))]


MEASURED = {"families": "", "men": "men", "women": "women", "minors": "minors", "people": "people"}


def _grouped(user, period, by, table_id, title, first_id, first_label, chart=None) -> Table:
    data = figures.families_and_people(user=user, start=period.start, end=period.end, by=by)

    def row(r, label):
        return {first_id: label, **{k: r[k] for k, _label in PEOPLE_COLUMNS}}

    return Table(id=table_id, title=str(title),
                 columns=[Column(first_id, first_label, TEXT)] + [Column(k, label) for k, label in PEOPLE_COLUMNS],
                 rows=[row(r, r["label"]) for r in data["rows"]], totals=row(data["total"], str(_("Total"))),
                 note=str(_("Una unidad familiar es una recepción; menores: menos de 18 años al ser recibidos.")),
                 chart=chart,
                 drill=drill_spec({k: records("recepciones", medida=m) for k, m in MEASURED.items()},
                                  rows=[{"agrupar": by, "clave": r["key"]} for r in data["rows"]]))


def by_reception_center(user, period) -> Table:
    return _grouped(user, period, "center", "migrants.by_reception_center",
                    _("Unidades familiares migrantes retornadas por centro de recepción"), "center",
                    _("Centro de recepción"))


def by_destination(user, period) -> Table:
    return _grouped(user, period, "destination", "migrants.by_destination_department",
                    _("Unidades familiares migrantes retornadas por departamento de destino"), "department",
                    _("Departamento de destino"), chart={"kind": "bar", "column": "families", "map": True})


def referrals(user, period) -> Table:
    data = figures.referrals(user=user, start=period.start, end=period.end)
    counts = [("total", _("Derivadas")), ("accepted", _("Aceptadas")), ("rejected", _("Rechazadas")),
              ("pending", _("Pendientes"))]
    return Table(id="migrants.referrals_by_destination", title=str(_("Derivaciones de familias migrantes")),
                 columns=[Column("destination", _("Destino"), TEXT)] + [Column(k, label) for k, label in counts],
                 rows=data["rows"], totals={"destination": str(_("Total")), **data["total"]},
                 drill=drill_spec({"total": _referrals(), "accepted": _referrals(estado="aceptada"),
                                   "rejected": _referrals(estado="rechazada"),
                                   "pending": _referrals(estado="pendiente")},
                                  rows=[{"destino_programa": r["destination_program"] or "",
                                         "destino_institucion": r["destination_institution"] or ""}
                                        for r in data["rows"]]))


def _referrals(**filters) -> dict:
    from tejido.migrants.services import ORIGIN_PROGRAM, SOURCE_PREFIX

    return records("derivaciones", origen=ORIGIN_PROGRAM, prefijo=SOURCE_PREFIX, **filters)


register(TableSpec("migrants.by_reception_center", _("Familias migrantes por centro de recepción"),
                   "social_service", by_reception_center))
register(TableSpec("migrants.by_destination_department", _("Familias migrantes por destino"), "social_service",
                   by_destination))
register(TableSpec("migrants.referrals_by_destination", _("Derivaciones de familias migrantes"), "social_service",
                   referrals))


# --- Issue 17 item 5: recorded at each reception, now reported --------------------------------------

def care_given(user, period) -> Table:
    """Seed 001 §6.4 and seed 002 (hygiene kits, calls, transport, medical and psychosocial care);
    seed 003: «168 Unidades Familiares … con atención psicosocial»."""
    data = figures.care_given_with_people(user=user, start=period.start, end=period.end)
    return Table(
        id="migrants.care_given", title=str(_("Atención brindada a las unidades familiares migrantes retornadas")),
        columns=[Column("care", _("Atención"), TEXT), Column("families", _("Unidades familiares")),
                 Column("people", _("Personas"))],
        rows=[{"care": r["label"], "families": r["families"], "people": r["people"]} for r in data["rows"]],
        totals={"care": str(_("Unidades familiares con alguna atención")), **data["total"]},
        note=str(_("La atención se registra por unidad familiar: las personas son sus integrantes. Una familia "
                   "con varias atenciones cuenta en cada fila y una vez en el total.")),
        drill=drill_spec({"families": records("recepciones"), "people": records("recepciones", medida="people")},
                         rows=[{"atencion": r["code"]} for r in data["rows"]], totals={"atencion": "alguna"}))


def by_arrival(user, period) -> Table:
    """Seed 001 §6.2: families that entered by air from Mexico and the United States and by land
    from Mexico, with their people."""
    from tejido.migrants.models import ArrivalMode, ReturnedFrom

    rows = figures.by_arrival(user=user, start=period.start, end=period.end)
    modes, countries = dict(ArrivalMode.choices), dict(ReturnedFrom.choices)
    return Table(
        id="migrants.by_arrival",
        title=str(_("Unidades familiares migrantes retornadas por vía de ingreso y país de procedencia")),
        columns=[Column("arrival_mode", _("Vía de ingreso"), TEXT),
                 Column("returned_from", _("País de procedencia"), TEXT),
                 Column("families", _("Unidades familiares")), Column("people", _("Total de personas"))],
        rows=[{"arrival_mode": str(modes[r["arrival_mode"]]), "returned_from": str(countries[r["returned_from"]]),
               "families": r["families"], "people": r["people"]} for r in rows],
        totals={"arrival_mode": str(_("Total")), "families": sum(r["families"] for r in rows),
                "people": sum(r["people"] for r in rows)},
        note=str(_("Una unidad familiar es una recepción; cada una tiene una vía y un país.")),
        drill=drill_spec({"families": records("recepciones"), "people": records("recepciones", medida="people")},
                         rows=[{"via": r["arrival_mode"], "pais": r["returned_from"]} for r in rows]))


def vulnerabilities(user, period) -> Table:
    """Seed 001 §6.4: the causes that make a family need special attention (amenazas, extorsión,
    persecución, problemas políticos, inseguridad, violencia, desempleo, reunificación familiar…)."""
    data = figures.vulnerabilities_with_total(user=user, start=period.start, end=period.end)
    return Table(
        id="migrants.vulnerabilities",
        title=str(_("Causas de vulnerabilidad de las unidades familiares migrantes retornadas")),
        columns=[Column("cause", _("Causa"), TEXT), Column("families", _("Unidades familiares"))],
        rows=[{"cause": r["label"], "families": r["families"]} for r in data["rows"]],
        totals={"cause": str(_("Unidades familiares con alguna causa")), **data["total"]},
        note=str(_("Una familia con varias causas cuenta en cada fila y una vez en el total.")),
        drill=drill_spec({"families": records("recepciones")}, rows=[{"causa": r["code"]} for r in data["rows"]],
                         totals={"causa": "alguna"}))


register(TableSpec("migrants.care_given", _("Atención a familias migrantes"), "social_service", care_given))
register(TableSpec("migrants.by_arrival", _("Familias migrantes por vía de ingreso y procedencia"), "social_service",
                   by_arrival))
register(TableSpec("migrants.vulnerabilities", _("Causas de vulnerabilidad de familias migrantes"),
                   "social_service", vulnerabilities))
