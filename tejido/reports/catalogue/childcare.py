"""Hogares Comunitarios / CADI tables (seed 001 §4: tables 1 and 7)."""


from django.utils.translation import gettext_lazy as _

from tejido.childcare import figures

from ..drill import drill_spec, people, records
from ..tables import DECIMAL, MONEY, PERCENT, TEXT, Column, Table, TableSpec, percent, register


def children_by_department(user, period) -> Table:
    data = figures.children_by_department(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "municipalities": r["municipalities"], "men": r["male"],
                "women": r["female"], "total": r["children"], "community_homes": r["community_homes"],
                "cadi": r["cadis"]}

    return Table(
        id="childcare.children_by_department", title=str(_("Niñas y niños atendidos por departamento")),
        columns=[Column("department", _("Departamento"), TEXT), Column("municipalities", _("Municipios")),
                 Column("men", _("Niños")), Column("women", _("Niñas")), Column("total", _("Total")),
                 Column("community_homes", _("Hogares Comunitarios")), Column("cadi", _("CADI"))],
        rows=[row(r, r["department__name"]) for r in data["rows"]],
        totals=row(data["total"], str(_("Total"))),
        note=str(_("Departamento del centro donde se atendió. El total cuenta personas, municipios y centros "
                   "distintos.")),
        chart={"kind": "bar", "column": "total", "map": True},
        drill=drill_spec({"men": people("childcare", sexo="M"), "women": people("childcare", sexo="F"),
                          "total": people("childcare"), "municipalities": records("municipios", programa="childcare"),
                          "community_homes": records("centros", programa="childcare", tipo="community_home"),
                          "cadi": records("centros", programa="childcare", tipo="cadi")}))


def nutrition_status(user, period) -> Table:
    data = figures.nutrition_status(user=user, start=period.start, end=period.end)
    from tejido.childcare.anthropometry import ACUTE_LABELS

    indicators = [("P/T", "zwfh", list(ACUTE_LABELS)), ("IMC/E", "zbfa", list(ACUTE_LABELS)),
                  ("T/E", "chronic", ["normal", "retardo_crecimiento"])]  # figures.nutrition_status's order
    rows, drill_rows = [], []
    for (indicator, code, classes), table in zip(indicators, data["tables"], strict=True):
        for (label, n, share), class_code in zip(table["rows"], classes, strict=True):
            rows.append({"indicator": indicator, "status": label, "n": n, "percent": share})
            drill_rows.append({"indicador": code, "clase": class_code})
    return Table(
        id="childcare.nutrition_status", title=str(_("Estado nutricional (primera toma del periodo)")),
        columns=[Column("indicator", _("Indicador"), TEXT), Column("status", _("Estado"), TEXT),
                 Column("n", _("Niñas y niños")), Column("percent", _("Porcentaje"), PERCENT)],
        rows=rows, totals={"indicator": str(_("Total evaluados")), "n": data["children"]},
        drill=drill_spec({"n": records("tamizajes")}, rows=drill_rows),
        note=str(_("Una toma por niña o niño: la primera del periodo. Valores inverosímiles excluidos: %(n)s.")
                 % {"n": data["implausible"]}))


register(TableSpec("childcare.children_by_department", _("Niñas y niños atendidos por departamento"), "childcare",
                   children_by_department))
register(TableSpec("childcare.nutrition_status", _("Estado nutricional"), "childcare", nutrition_status))


def priority_coverage(user, period) -> Table:
    from tejido.territory.models import PriorityList

    columns = [Column("department", _("Departamento"), TEXT), Column("priority", _("Municipios priorizados")),
               Column("covered", _("Municipios cubiertos")), Column("percent", _("Porcentaje de cobertura"), PERCENT)]
    plist = PriorityList.objects.order_by("name").first()
    if plist is None:
        return Table(id="childcare.priority_coverage", title=str(_("Cobertura de municipios priorizados")),
                     columns=columns, rows=[], note=str(_("No hay una lista de municipios priorizados cargada.")))
    data = figures.priority_coverage(user=user, priority_list=plist, start=period.start, end=period.end)
    return Table(
        id="childcare.priority_coverage", title=str(_("Cobertura de municipios priorizados")), columns=columns,
        rows=[{"department": r["department"], "priority": r["prioritised"], "covered": r["covered"],
               "percent": r["share"]} for r in data["rows"]],
        totals={"department": str(_("Total")), "priority": data["prioritised"], "covered": data["covered"],
                "percent": data["share"]},
        drill=drill_spec({"priority": records("priorizados", lista=plist.name, programa="childcare"),
                          "covered": records("priorizados", lista=plist.name, programa="childcare", cubierto=1)}),
        note=str(_("Lista: %(name)s. Cubierto: con un centro que atendió niñas o niños en el periodo.")
                 % {"name": plist.name}))


def attendance_average(user, period) -> Table:
    """Seed table 3: average daily attendance per month, with shares by sex, level and pueblo."""
    from tejido.childcare.selectors import attendance_months
    from tejido.reports.period import MONTHS

    rows, months = [], []
    for (year, month), data in attendance_months(user=user, start=period.start, end=period.end).items():
        if not data["days"]:
            continue
        values = [share for _label, _avg, share in data["sex"] + data["level"] + data["pueblo"]]
        rows.append({"month": f"{MONTHS[month - 1]} {year}", "average": data["average"],
                     **dict(zip(SHARE_COLUMNS, values, strict=True))})
        months.append((year, month))
    # Seed table 3 prints one row for the range of months with a roll («FEBRERO A NOVIEMBRE»): the
    # totals row is that row, named by its months.
    totals = {"month": _month_range(months, MONTHS)}
    if rows:
        for key in ["average", *SHARE_COLUMNS]:
            present = [r[key] for r in rows if r[key] is not None]
            totals[key] = round(sum(present) / len(present), 2) if present else None
    return Table(
        id="childcare.attendance_average", title=str(_("Media de atención por sexo, nivel educativo y pueblo")),
        columns=[Column("month", _("Mes"), TEXT), Column("average", _("Media diaria de asistencia"), DECIMAL)]
        + [Column(key, label, PERCENT) for key, label in zip(SHARE_COLUMNS, SHARE_LABELS, strict=True)],
        rows=rows, totals=totals if rows else {},
        note=str(_("Media diaria = presencias ÷ días con lista. Las demás columnas son el porcentaje de las "
                   "presencias de cada grupo. Meses sin lista no aparecen.")))


def _month_range(months: list[tuple[int, int]], names) -> str:
    if not months:
        return str(_("Media de los meses"))
    (y1, m1), (y2, m2) = months[0], months[-1]
    if (y1, m1) == (y2, m2):
        return f"{names[m1 - 1]} {y1}"
    first = f"{names[m1 - 1]} {y1}" if y1 != y2 else names[m1 - 1]
    return str(_("%(first)s a %(last)s (media de los meses)") % {"first": first, "last": f"{names[m2 - 1]} {y2}"})


SHARE_COLUMNS = ["boys", "girls", "initial", "preschool", "maya", "xinka", "garifuna", "other"]
SHARE_LABELS = [_("% niños"), _("% niñas"), _("% inicial"), _("% preprimaria"), _("% maya"), _("% xinka"),
                _("% garífuna"), _("% ladino, otro o no indica")]


def trainings(user, period) -> Table:
    """Seed table 4: trainings by audience and modality, with their topics."""
    from tejido.programs.selectors import events_summary

    rows = events_summary(user=user, program="childcare", kind="capacitacion", start=period.start, end=period.end)
    return Table(
        id="childcare.trainings", title=str(_("Capacitaciones")),
        columns=[Column("audience", _("Dirigido a"), TEXT), Column("modality", _("Modalidad"), TEXT),
                 Column("topics", _("Temas"), TEXT), Column("events", _("Eventos")),
                 Column("participants", _("Participantes"))],
        rows=[{"audience": str(r["audience_label"]), "modality": str(r["modality_label"]),
               "topics": "; ".join(r["topics"]), "events": r["events"], "participants": r["participants"] or 0}
              for r in rows],
        totals={"audience": str(_("Total")), "events": sum(r["events"] for r in rows),
                "participants": sum(r["participants"] or 0 for r in rows)},
        drill=_event_drill("capacitacion", [{"publico": r["audience"], "modalidad": r["modality"]} for r in rows],
                           people_column="participants"))


def _event_drill(kind: str, rows: list[dict], *, people_column: str) -> dict:
    """Events and the people they reached link to the events behind them."""
    return drill_spec({"events": records("eventos", programa="childcare", tipo=kind),
                       people_column: records("eventos", programa="childcare", tipo=kind, medida="personas")},
                      rows=rows)


def _talks(user, period, category: str) -> list[dict]:
    from tejido.programs.selectors import events_by_center

    return events_by_center(user=user, program="childcare", kind="charla", start=period.start, end=period.end,
                            category=category)


def _talk_drill(category: str, rows: list[dict]) -> dict:
    params = {"programa": "childcare", "tipo": "charla", "categoria": category or "ninguna"}
    return drill_spec({"events": records("eventos", **params),
                       "people": records("eventos", medida="personas", **params)},
                      rows=[{"departamento": r["department__name"], "centro": r["center"] or 0} for r in rows])


def _center_label(row) -> str:
    return row["center__code"] or row["center__name"] or "—"


def _talks_by_center(user, period, *, table_id: str, title, category: str) -> Table:
    """Talks of one theme by department and center (the seed's centers are named by their code)."""
    rows = _talks(user, period, category)
    return Table(
        id=table_id, title=str(title),
        columns=[Column("department", _("Departamento"), TEXT), Column("center", _("Hogar Comunitario o CADI"), TEXT),
                 Column("events", _("Charlas")), Column("people", _("Personas capacitadas"))],
        rows=[{"department": r["department__name"], "center": _center_label(r), "events": r["events"],
               "people": r["people"] or 0} for r in rows],
        totals={"department": str(_("Total")), "events": sum(r["events"] for r in rows),
                "people": sum(r["people"] or 0 for r in rows)},
        drill=_talk_drill(category, rows))


def violence_prevention_talks(user, period) -> Table:
    """Seed 001 table 6: talks to parents on preventing violence and child abuse, by department and
    center."""
    from tejido.childcare.talks import TalkTheme

    return _talks_by_center(user, period, table_id="childcare.violence_prevention_talks",
                            title=_("Charlas informativas a padres: prevención de violencia y maltrato infantil"),
                            category=TalkTheme.VIOLENCE_PREVENTION)


def nutrition_talks(user, period) -> Table:
    """Seed 001 table 8: talks to parents on feeding children and hygiene in preparing food, by
    municipality and CADI; the total line counts the centers («7 CADIS»)."""
    from tejido.childcare.talks import TalkTheme

    rows = _talks(user, period, TalkTheme.NUTRITION)
    centers = len({r["center"] for r in rows if r["center"]})
    return Table(
        id="childcare.nutrition_talks",
        title=str(_("Charla informativa a padres: la importancia de la alimentación y buenas prácticas de higiene")),
        columns=[Column("municipality", _("Municipio"), TEXT), Column("center", _("CADI"), TEXT),
                 Column("events", _("Charlas")), Column("people", _("Cantidad"))],
        rows=[{"municipality": r["municipality__name"] or "—", "center": _center_label(r), "events": r["events"],
               "people": r["people"] or 0} for r in rows],
        totals={"municipality": str(_("Total")), "center": str(_("%(n)s centros") % {"n": centers}),
                "events": sum(r["events"] for r in rows), "people": sum(r["people"] or 0 for r in rows)},
        drill=_talk_drill(TalkTheme.NUTRITION, rows))


def other_talks(user, period) -> Table:
    """Talks to parents on any other theme: recorded, so reported (not in the seed)."""
    return _talks_by_center(user, period, table_id="childcare.other_talks",
                            title=_("Otras charlas informativas a madres y padres por centro"), category="")


def teacher_posts(user, period) -> Table:
    """Seed table 5: active teacher posts at the end of the period by office and who assigned them."""
    from tejido.childcare.models import TeacherPost

    data = figures.teacher_posts_by_office(user=user, on=period.end)
    sources = TeacherPost.Source.values
    return Table(
        id="childcare.teacher_posts", title=str(_("Puestos docentes activos al final del periodo")),
        columns=[Column("office", _("Sede departamental"), TEXT)]
        + [Column(code, label) for code, label in TeacherPost.Source.choices] + [Column("total", _("Total"))],
        rows=[{"office": r["center__office__name"] or "—", **{s: r[s] for s in sources},
               "total": sum(r[s] for s in sources)} for r in data["rows"]],
        drill=drill_spec({**{s: records("puestos", asignado=s) for s in sources}, "total": records("puestos")},
                         rows=[{"sede": r["center__office__name"] or ""} for r in data["rows"]]),
        totals={"office": str(_("Total")), **{s: data["total"][s] for s in sources},
                "total": sum(data["total"][s] or 0 for s in sources)})


def development_comparison(user, period) -> Table:
    """Seed 001 §4.1: first vs second evaluation (Escala de Desarrollo and Test ABC) of the period's
    last year, by profile."""
    from tejido.childcare.evaluations import CHALLENGE_PROFILES, PROFILES, evaluation_comparison
    from tejido.childcare.models import ChildEvaluation

    rows, drill_rows = [], []
    for kind in ChildEvaluation.Kind.values:
        data = evaluation_comparison(user=user, kind=kind, year=period.end.year)
        first, second = data["rounds"]
        for (label, n1, p1), (_label, n2, p2), (code, _l) in zip(first["cells"], second["cells"], PROFILES[kind],
                                                                 strict=True):
            rows.append({"instrument": str(data["kind"]), "profile": str(label), "first": n1, "first_percent": p1,
                         "second": n2, "second_percent": p2})
            drill_rows.append({"tipo": kind, "perfil": code, "anio": period.end.year})
        if first["challenge"] is not None:  # the seed's «NEGA+FLUC» column: the profiles that need stimulation
            (n1, p1), (n2, p2) = first["challenge"], second["challenge"]
            rows.append({"instrument": str(data["kind"]), "profile": str(_("Negativo + Fluctuante")), "first": n1,
                         "first_percent": p1, "second": n2, "second_percent": p2})
            drill_rows.append({"tipo": kind, "perfil": sorted(CHALLENGE_PROFILES), "anio": period.end.year})
    return Table(
        id="childcare.development_comparison", title=str(_("Comparación de la primera y la segunda evaluación")),
        columns=[Column("instrument", _("Instrumento"), TEXT), Column("profile", _("Perfil"), TEXT),
                 Column("first", _("Primera evaluación")), Column("first_percent", _("% primera"), PERCENT),
                 Column("second", _("Segunda evaluación")), Column("second_percent", _("% segunda"), PERCENT)],
        rows=rows, note=str(_("Evaluaciones del año %(year)s.") % {"year": period.end.year}),
        drill=drill_spec({"first": records("evaluaciones", ronda=1), "second": records("evaluaciones", ronda=2)},
                         rows=drill_rows))


for _id, _title, _build in (
    ("childcare.priority_coverage", _("Cobertura de municipios priorizados (primera infancia)"), priority_coverage),
    ("childcare.attendance_average", _("Media de atención"), attendance_average),
    ("childcare.trainings", _("Capacitaciones (primera infancia)"), trainings),
    ("childcare.teacher_posts", _("Puestos docentes"), teacher_posts),
    ("childcare.violence_prevention_talks", _("Charlas: prevención de violencia"), violence_prevention_talks),
    ("childcare.nutrition_talks", _("Charlas: alimentación e higiene"), nutrition_talks),
    ("childcare.other_talks", _("Otras charlas a madres y padres"), other_talks),
    ("childcare.development_comparison", _("Escala de Desarrollo y Test ABC"), development_comparison),
):
    register(TableSpec(_id, _title, "childcare", _build))


# --- Issue 17 item 5: recorded, now reported -----------------------------------------------------

def attendance_teacher_caregiver(user, period) -> Table:
    """Seed 001 §4.1 («Atención educativa»): the mean of children attended with a teacher and by
    the caregiver alone, per month and for the months with a roll."""
    from tejido.childcare.selectors import attendance_by_educator
    from tejido.reports.period import MONTHS

    keys = ["teacher", "caregiver", "unknown", "average", "teacher_percent"]
    rows, months = [], []
    for (year, month), data in attendance_by_educator(user=user, start=period.start, end=period.end).items():
        days = data["days"]
        if not days:
            continue
        rows.append({"month": f"{MONTHS[month - 1]} {year}",
                     **{group: round(data[group] / days, 2) for group in ("teacher", "caregiver", "unknown")},
                     "average": round(data["presences"] / days, 2),
                     "teacher_percent": percent(data["teacher"], data["presences"])})
        months.append((year, month))
    totals = {"month": _month_range(months, MONTHS)}
    for key in keys:  # as the attendance table: the mean of the months
        present = [r[key] for r in rows if r[key] is not None]
        totals[key] = round(sum(present) / len(present), 2) if present else None
    return Table(
        id="childcare.attendance_teacher_caregiver",
        title=str(_("Media de atención de niñas y niños con docente y con madre cuidadora")),
        columns=[Column("month", _("Mes"), TEXT), Column("teacher", _("Con apoyo docente"), DECIMAL),
                 Column("caregiver", _("Con madre cuidadora"), DECIMAL),
                 Column("unknown", _("Sin dato de quién atiende"), DECIMAL),
                 Column("average", _("Media diaria de asistencia"), DECIMAL),
                 Column("teacher_percent", _("% con apoyo docente"), PERCENT)],
        rows=rows, totals=totals if rows else {},
        note=str(_("Media diaria = presencias ÷ días con lista, como en la media de atención. Quién atiende a "
                   "cada niña o niño es lo indicado en su inscripción («atendido por docente»). El total es la "
                   "media de los meses con lista. La asistencia del personal no se registra.")))


def caregivers_by_payer(user, period) -> Table:
    """Seed 001 §4: caregivers by who pays them, at the end of the period, by department."""
    from tejido.childcare.models import Caregiver

    data = figures.caregivers_by_payer(user=user, on=period.end)
    payers = Caregiver.Payer.values

    def row(r, department):
        return {"department": department, **{p: r[p] for p in payers}, "total": r["total"],
                "without_amount": r["without_amount"], "monthly_amount": r["amount"] or 0}

    return Table(
        id="childcare.caregivers_by_payer", title=str(_("Madres cuidadoras por quién les paga, al final del periodo")),
        columns=[Column("department", _("Departamento"), TEXT)]
        + [Column(code, label) for code, label in Caregiver.Payer.choices]
        + [Column("total", _("Total")), Column("without_amount", _("Sin monto registrado")),
           Column("monthly_amount", _("Monto mensual (Q)"), MONEY)],
        rows=[row(r, r["center__department__name"]) for r in data["rows"]],
        totals=row(data["total"], str(_("Total"))),
        note=str(_("Madres cuidadoras activas el último día del periodo, por departamento del centro; quien "
                   "cuida en dos centros cuenta en cada uno. Monto mensual: la suma de los montos registrados "
                   "(las que no tienen monto no suman).")),
        drill=drill_spec({**{p: records("cuidadoras", pagador=p) for p in payers}, "total": records("cuidadoras"),
                          "without_amount": records("cuidadoras", sin_monto="1")}))


def ready_for_primary(user, period) -> Table:
    """Seed 001 §4.1.5: children who left the program ready for first grade."""
    data = figures.ready_for_primary(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "boys": r["male"], "girls": r["female"], "total": r["children"]}

    return Table(
        id="childcare.ready_for_primary", title=str(_("Niñas y niños egresados preparados para primero primaria")),
        columns=[Column("department", _("Departamento"), TEXT), Column("boys", _("Niños")),
                 Column("girls", _("Niñas")), Column("total", _("Total"))],
        rows=[row(r, r["department__name"]) for r in data["rows"]], totals=row(data["total"], str(_("Total"))),
        note=str(_("Egresos con fecha en el periodo y motivo «Egresa preparado para primero primaria», por "
                   "departamento del centro. Cada niña o niño cuenta una vez.")),
        drill=drill_spec({"boys": records("egresos_preparados", sexo="M"),
                          "girls": records("egresos_preparados", sexo="F"), "total": records("egresos_preparados")}))


def materials_delivered(user, period) -> Table:
    """Seed 001 §4.1.2: educational materials handed out, by material and recipients."""
    rows = figures.materials_delivered(user=user, start=period.start, end=period.end)
    return Table(
        id="childcare.materials_delivered", title=str(_("Materiales educativos entregados")),
        columns=[Column("material", _("Material"), TEXT), Column("recipients", _("Entregado a"), TEXT),
                 Column("deliveries", _("Entregas")), Column("quantity", _("Cantidad")),
                 Column("centers", _("Centros"))],
        rows=[{"material": r["material"], "recipients": r["recipients_label"], "deliveries": r["deliveries"],
               "quantity": r["quantity"] or 0, "centers": r["centers"]} for r in rows],
        totals={"material": str(_("Total")), "deliveries": sum(r["deliveries"] for r in rows),
                "quantity": sum(r["quantity"] or 0 for r in rows),
                "centers": figures.material_centers(user=user, start=period.start, end=period.end)},
        note=str(_("Cantidad: unidades entregadas. Centros: los que recibieron ese material; en el total, "
                   "cada centro cuenta una vez.")),
        drill=drill_spec({"deliveries": records("materiales"), "quantity": records("materiales", medida="cantidad"),
                          "centers": records("materiales", medida="centros")},
                         rows=[{"material": r["material"], "destinatarios": r["recipients"]} for r in rows]))


def centers_opened(user, period) -> Table:
    """Seed 001 §4 («Durante el 2023 se abrieron los siguientes 4 CADI»): daycare centers opened."""
    data = figures.centers_opened(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "community_homes": r["community_home"], "cadi": r["cadi"],
                "total": r["total"]}

    note = _("Centros con fecha de apertura en el periodo, por departamento del centro.")
    if data["without_date"]:
        note = _("Centros con fecha de apertura en el periodo, por departamento del centro. Hogares y CADI sin "
                 "fecha de apertura registrada (no se cuentan): %(n)s.") % {"n": data["without_date"]}
    return Table(
        id="childcare.centers_opened", title=str(_("Hogares Comunitarios y CADI abiertos en el periodo")),
        columns=[Column("department", _("Departamento"), TEXT),
                 Column("community_homes", _("Hogares Comunitarios")), Column("cadi", _("CADI")),
                 Column("total", _("Total"))],
        rows=[row(r, r["department__name"]) for r in data["rows"]], totals=row(data["total"], str(_("Total"))),
        note=str(note),
        drill=drill_spec({"community_homes": records("centros_creados", tipo="community_home"),
                          "cadi": records("centros_creados", tipo="cadi"),
                          "total": records("centros_creados", tipo=["community_home", "cadi"])}))


for _id, _title, _build in (
    ("childcare.attendance_teacher_caregiver", _("Media de atención con docente y con madre cuidadora"),
     attendance_teacher_caregiver),
    ("childcare.caregivers_by_payer", _("Madres cuidadoras por quién les paga"), caregivers_by_payer),
    ("childcare.ready_for_primary", _("Egresados preparados para primero primaria"), ready_for_primary),
    ("childcare.materials_delivered", _("Materiales educativos entregados"), materials_delivered),
    ("childcare.centers_opened", _("Hogares Comunitarios y CADI abiertos"), centers_opened),
):
    register(TableSpec(_id, _title, "childcare", _build))
