"""Trainings of the secretariat's own staff by program, with the diplomas handed out (seed 001 §7:
«se capacitaron a 100 personas … 69 recibieron su diploma de acreditación»). Recorded at
/capacitaciones-personal/ (programs/staff_trainings.py) as events for the staff."""

from django.utils.translation import gettext_lazy as _

from ..drill import drill_spec, records
from ..tables import TEXT, Column, Table, TableSpec, register


def staff_trainings(user, period) -> Table:
    from django.db.models import Count, Sum

    from tejido.accounts.models import Program
    from tejido.programs.models import Event
    from tejido.programs.selectors import event_list

    qs = event_list(user=user, kind=Event.Kind.TRAINING, start=period.start, end=period.end).filter(
        audience=Event.Audience.STAFF)
    data = {r["program"]: r for r in qs.order_by().values("program").annotate(
        events=Count("id"), people=Sum("people"), diplomas=Sum("diplomas"))}
    programs = [(code, label) for code, label in Program.choices if code in data]
    rows = [{"program": str(label), "events": data[code]["events"], "people": data[code]["people"] or 0,
             "diplomas": data[code]["diplomas"] or 0} for code, label in programs]
    return Table(
        id="programs.staff_trainings", title=str(_("Capacitaciones al personal por programa")),
        columns=[Column("program", _("Personal del programa"), TEXT), Column("events", _("Capacitaciones")),
                 Column("people", _("Personas capacitadas")), Column("diplomas", _("Con diploma de acreditación"))],
        rows=rows, totals={"program": str(_("Total")), **{k: sum(r[k] for r in rows)
                                                          for k in ("events", "people", "diplomas")}},
        drill=drill_spec({"events": records("eventos", tipo="capacitacion", publico="personal")},
                         rows=[{"programa": code} for code, _label in programs]))


register(TableSpec("programs.staff_trainings", _("Capacitaciones al personal"), "", staff_trainings))
