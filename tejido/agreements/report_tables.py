"""Report tables: agreements in force by counterparty kind (seed 001 tables 9 and 17), those signed
in the period (seed 001 §4.3.2), and the
sanitary licences of operating centers (seed 001 §4.5, §7.2). Agreements are counted in force
on the period's last day."""

from django.utils.translation import gettext_lazy as _

from tejido.reports.drill import drill_spec, records
from tejido.reports.tables import TEXT, Column, Table, TableSpec, register

from . import figures


def _by_counterparty(data: dict, *, table_id: str, title, total_label, note: str, drill_filters: dict,
                     chart: dict | None = None) -> Table:
    """Agreements per program and counterparty kind (figures.agreements_by_counterparty): in force
    or signed in the period; each row drills to its agreements."""
    rows = [{"program": p["label"], "counterparty_kind": label, "count": n}
            for p in data["programs"] for _kind, label, n in p["rows"]]
    drill = drill_spec({"count": records("convenios", **drill_filters)},
                       rows=[{"programa": p["program"], "tipo": kind} for p in data["programs"]
                             for kind, _label, _n in p["rows"]])
    return Table(
        id=table_id, title=str(title),
        columns=[Column("program", _("Programa"), TEXT), Column("counterparty_kind", _("Instituciones"), TEXT),
                 Column("count", _("Cantidad"))],
        rows=rows, totals={"program": str(total_label), "counterparty_kind": "", "count": data["total"]},
        note=note, chart=chart, drill=drill)


def by_counterparty(user, period) -> Table:
    # Each row's agreements (program and counterparty kind); the total: every one in force.
    return _by_counterparty(
        figures.agreements_by_counterparty(user=user, day=period.end), table_id="agreements.by_counterparty",
        title=_("Convenios vigentes por tipo de contraparte"), total_label=_("Total de convenios vigentes"),
        note=str(_("Convenios suscritos y vigentes al %(d)s.") % {"d": period.end.strftime("%d/%m/%Y")}),
        drill_filters={}, chart={"kind": "bar", "column": "count", "map": False})


def signed_in_period(user, period) -> Table:
    """Seed 001 §4.3.2 and table 17's text: agreements signed during the period, by counterparty."""
    return _by_counterparty(
        figures.agreements_by_counterparty(user=user, day=period.end, signed_from=period.start),
        table_id="agreements.signed_in_period", title=_("Convenios suscritos en el periodo por tipo de contraparte"),
        total_label=_("Total de convenios suscritos"),
        note=str(_("Convenios firmados (no borradores) cuya fecha de inicio está entre el %(a)s y el %(b)s; "
                   "se cuentan aunque después se hayan rescindido o vencido.")
                 % {"a": period.start.strftime("%d/%m/%Y"), "b": period.end.strftime("%d/%m/%Y")}),
        drill_filters={"suscritos": "1"})


def center_licences(user, period) -> Table:
    data = figures.licences_by_program(user=user, day=period.end)

    def row(r, label):
        return {"program": label, "valid": r["valid"], "in_process": r["in_process"], "expired": r["expired"],
                "missing": r["missing"]}

    return Table(
        id="agreements.center_licences", title=str(_("Licencias sanitarias de los centros en funcionamiento")),
        columns=[Column("program", _("Programa"), TEXT), Column("valid", _("Licencias vigentes")),
                 Column("in_process", _("En trámite")), Column("expired", _("Vencidas")),
                 Column("missing", _("Sin licencia"))],
        rows=[row(r, r["label"]) for r in data["rows"]], totals=row(data["total"], str(_("Total"))),
        note=str(_("Estado de la licencia al %(d)s.") % {"d": period.end.strftime("%d/%m/%Y")}),
        drill=drill_spec({state: records("licencias", estado=state) for state in figures.LICENCE_STATES},
                         rows=[{"programa": r["program"]} for r in data["rows"]]))


def documents_obtained(user, period) -> Table:
    """Seed 001 §4.5: licences and certificates obtained in the period (36 habitability certificates,
    32 sanitary licences, 9 nomenclature certificates), by program and kind of document."""
    from django.db.models import Count

    from tejido.accounts.models import Program
    from tejido.centers.models import PROGRAM_OF_KIND

    from .models import DocumentKind
    from .selectors import documents_issued_between

    counts: dict[tuple[str, str], int] = {}
    for r in (documents_issued_between(user=user, start=period.start, end=period.end).order_by()
              .values("center__kind", "kind").annotate(n=Count("id"))):
        key = (PROGRAM_OF_KIND.get(r["center__kind"], ""), r["kind"])
        counts[key] = counts.get(key, 0) + r["n"]
    programs = [(code, label) for code, label in Program.choices if any(p == code for p, _k in counts)]
    rows, drill_rows = [], []
    for code, label in programs:
        for kind, kind_label in DocumentKind.choices:
            if counts.get((code, kind)) or kind != DocumentKind.OTHER:
                rows.append({"program": str(label), "document": str(kind_label), "count": counts.get((code, kind), 0)})
                drill_rows.append({"programa": code, "tipo": kind})
    return Table(
        id="agreements.documents_obtained", title=str(_("Licencias y certificados obtenidos en el periodo")),
        columns=[Column("program", _("Programa"), TEXT), Column("document", _("Documento"), TEXT),
                 Column("count", _("Obtenidos"))],
        rows=rows, totals={"program": str(_("Total")), "document": "", "count": sum(r["count"] for r in rows)},
        note=str(_("Documentos de los centros con fecha de emisión en el periodo, aunque después hayan vencido.")),
        drill=drill_spec({"count": records("documentos")}, rows=drill_rows))


register(TableSpec("agreements.by_counterparty", _("Convenios vigentes por tipo de contraparte"), "",
                   by_counterparty))
register(TableSpec("agreements.signed_in_period", _("Convenios suscritos en el periodo"), "", signed_in_period))
register(TableSpec("agreements.documents_obtained", _("Licencias y certificados obtenidos"), "",
                   documents_obtained))
register(TableSpec("agreements.center_licences", _("Licencias sanitarias de los centros"), "", center_licences))
