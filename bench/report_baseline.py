"""Hand-written SQL for the annual report's tables: the baseline the report engine is compared
with (bench/report.py). Each function reads the same rows the engine's figure function reads
(live rows, the period, national scope) and returns the numbers of its table as
{"rows": {first-column label: {column: value}}, "totals": {column: value}}, with the engine
table's column ids, so the two can be compared cell by cell.

Written the way one would by hand: one statement per table where possible, GROUPING SETS for
the rows and the total row together, DISTINCT ON for "first screening per child"."""

from decimal import Decimal

# Enrolments that overlap the period (programs.figures.served_in), live only.
SERVED = ("SELECT e.* FROM programs_enrolment e WHERE e.deleted_at IS NULL AND e.program = %(program)s "
          "AND e.start <= %(e)s AND (e.\"end\" IS NULL OR e.\"end\" >= %(s)s)")


def _fetch(cursor, sql: str, params: dict) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def _grouped(cursor, sql: str, params: dict, columns: list[str]) -> dict:
    """sql returns (label or NULL for the total, *columns) from GROUPING SETS ((label), ())."""
    rows, totals = {}, {}
    for label, *values in _fetch(cursor, sql, params):
        target = totals if label is None else rows.setdefault(label, {})
        target.update(zip(columns, values, strict=True))
    return {"rows": rows, "totals": totals}


def _served_by_department(cursor, s, e, program, kinds: dict) -> dict:
    """Seed tables 1 and 18: {column: center kind}."""
    kind_counts = "".join(f", COUNT(DISTINCT x.center_id) FILTER (WHERE c.kind = '{k}')" for k in kinds.values())
    sql = (f"SELECT d.name, COUNT(DISTINCT c.municipality_id), "
           f"COUNT(DISTINCT x.person_id) FILTER (WHERE p.sex = 'M'), "
           f"COUNT(DISTINCT x.person_id) FILTER (WHERE p.sex = 'F'), COUNT(DISTINCT x.person_id){kind_counts} "
           f"FROM ({SERVED}) x JOIN centers_center c ON c.id = x.center_id "
           f"JOIN registry_person p ON p.id = x.person_id JOIN territory_department d ON d.id = x.department_id "
           f"GROUP BY GROUPING SETS ((d.name), ())")
    return sql, {"s": s, "e": e, "program": program}


def children_by_department(cursor, s, e):
    sql, params = _served_by_department(cursor, s, e, "childcare", {"community_homes": "community_home",
                                                                     "cadi": "cadi"})
    return _grouped(cursor, sql, params, ["municipalities", "men", "women", "total", "community_homes", "cadi"])


def elderly_by_department(cursor, s, e):
    sql, params = _served_by_department(cursor, s, e, "elderly", {"day_centers": "elderly_day",
                                                                   "residential_centers": "elderly_residential"})
    return _grouped(cursor, sql, params, ["municipalities", "men", "women", "beneficiaries", "day_centers",
                                          "residential_centers"])


def nutrition_status(cursor, s, e):
    from tejido.childcare.anthropometry import ACUTE_LABELS

    sql = """
        WITH firsts AS (
            SELECT DISTINCT ON (person_id) * FROM childcare_nutritionscreening
            WHERE deleted_at IS NULL AND measured_on BETWEEN %(s)s AND %(e)s ORDER BY person_id, measured_on, id)
        SELECT CASE WHEN zwfh IS NOT NULL THEN 'P/T' WHEN zbfa IS NOT NULL THEN 'IMC/E' ELSE '' END,
               acute_class, chronic_class, COUNT(*) FROM firsts GROUP BY 1, 2, 3"""
    chronic = {"normal": "Longitud/talla normal",
               "retardo_crecimiento": "Desnutrición crónica (retardo del crecimiento)"}
    rows, children = {}, 0
    for indicator in ("P/T", "IMC/E"):
        for label in ACUTE_LABELS.values():
            rows[f"{indicator} {label}"] = {"n": 0}
    for label in chronic.values():
        rows[f"T/E {label}"] = {"n": 0}
    for indicator, acute, chronic_class, n in _fetch(cursor, sql, {"s": s, "e": e}):
        children += n
        if acute and indicator:
            rows[f"{indicator} {ACUTE_LABELS[acute]}"]["n"] += n
        if chronic_class:
            rows[f"T/E {chronic[chronic_class]}"]["n"] += n
    return {"rows": rows, "totals": {"n": children}}


def _women_served(s, e):
    return SERVED, {"s": s, "e": e, "program": "women"}


EVENTS = ("SELECT * FROM programs_event WHERE deleted_at IS NULL AND program = %(program)s "
          "AND date BETWEEN %(s)s AND %(e)s")


def women_by_department(cursor, s, e):
    sql = f"""
        WITH served AS ({SERVED}), events AS ({EVENTS}),
        places AS (SELECT x.department_id d, c.municipality_id m FROM served x
                   JOIN centers_center c ON c.id = x.center_id UNION SELECT department_id, municipality_id FROM events),
        women AS (SELECT department_id d, COUNT(DISTINCT person_id) n FROM served GROUP BY 1),
        kinds AS (SELECT department_id d, COUNT(*) FILTER (WHERE kind = 'capacitacion') t,
                         COUNT(*) FILTER (WHERE kind = 'comercializacion') f FROM events GROUP BY 1),
        munis AS (SELECT d, COUNT(*) n FROM places GROUP BY d)
        SELECT dep.name, COALESCE(munis.n, 0), COALESCE(women.n, 0), COALESCE(kinds.t, 0), COALESCE(kinds.f, 0)
        FROM territory_department dep LEFT JOIN munis ON munis.d = dep.id LEFT JOIN women ON women.d = dep.id
        LEFT JOIN kinds ON kinds.d = dep.id WHERE munis.d IS NOT NULL OR women.d IS NOT NULL
        UNION ALL
        SELECT NULL, (SELECT COUNT(DISTINCT m) FROM places), (SELECT COUNT(DISTINCT person_id) FROM served),
               (SELECT COUNT(*) FROM events WHERE kind = 'capacitacion'),
               (SELECT COUNT(*) FROM events WHERE kind = 'comercializacion')"""
    return _grouped(cursor, sql, {"s": s, "e": e, "program": "women"},
                    ["municipalities", "women", "training_events", "commercial_events"])


def _women_people(column_sql: str, s, e) -> tuple[str, dict]:
    return (f"SELECT {column_sql}, COUNT(*) FROM registry_person p "
            f"WHERE p.id IN (SELECT person_id FROM ({SERVED}) x) GROUP BY GROUPING SETS (({column_sql}), ())",
            {"s": s, "e": e, "program": "women"})


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def women_by_age_group(cursor, s, e):
    from tejido.women.figures import AGE_GROUPS

    labels = {0: "0 a 12 años (menores de 13)", 13: "13 a 29 años", 30: "30 a 59 años", 60: "60 años y más"}
    cases = " ".join(
        f"WHEN p.birth_date <= '{_years_before(e, low)}'"
        + (f" AND p.birth_date > '{_years_before(e, high)}'" if high else "") + f" THEN '{labels[low]}'"
        for low, high in AGE_GROUPS)
    sql, params = _women_people(f"CASE {cases} ELSE '-' END", s, e)  # '-': no group (no birth date)
    rows, totals = {label: {"women": 0} for label in labels.values()}, {}
    for label, n in _fetch(cursor, sql, params):
        if label is None:
            totals = {"women": n}
        elif label in rows:
            rows[label]["women"] = n
    return {"rows": rows, "totals": totals}


def women_by_pueblo(cursor, s, e):
    from tejido.registry.choices import Pueblo
    from tejido.women.figures import PUEBLO_ALWAYS

    sql, params = _women_people("p.pueblo", s, e)
    data = _grouped(cursor, sql, params, ["women"])
    rows = {str(Pueblo(code).label): data["rows"].get(code, {"women": 0}) for code in Pueblo.values
            if code in PUEBLO_ALWAYS or code in data["rows"]}
    return {"rows": rows, "totals": data["totals"]}


def women_by_language(cursor, s, e):
    from tejido.registry.choices import LanguageCommunity

    sql, params = _women_people("p.language_community", s, e)
    data = _grouped(cursor, sql, params, ["women"])
    return {"rows": {str(LanguageCommunity(c).label): v for c, v in data["rows"].items()}, "totals": data["totals"]}


def women_priority_coverage(cursor, s, e):
    sql = f"""
        WITH chosen AS (SELECT id FROM territory_prioritylist ORDER BY name LIMIT 1),
        listed AS (SELECT m.id, m.department_id FROM territory_municipality m
                   JOIN territory_prioritylist_municipalities pm ON pm.municipality_id = m.id
                   WHERE pm.prioritylist_id = (SELECT id FROM chosen)),
        covered AS (SELECT c.municipality_id m FROM ({SERVED}) x JOIN centers_center c ON c.id = x.center_id
                    UNION SELECT municipality_id FROM ({EVENTS}) ev)
        SELECT d.name, COUNT(*), COUNT(*) FILTER (WHERE l.id IN (SELECT m FROM covered))
        FROM listed l JOIN territory_department d ON d.id = l.department_id GROUP BY GROUPING SETS ((d.name), ())"""
    return _grouped(cursor, sql, {"s": s, "e": e, "program": "women"}, ["priority", "covered"])


def women_income(cursor, s, e):
    sql = """SELECT d.name, SUM(r.own_sales), SUM(r.fair_sales), SUM(r.own_sales + r.fair_sales)
             FROM women_incomereport r JOIN territory_department d ON d.id = r.department_id
             WHERE r.deleted_at IS NULL AND r.month BETWEEN %(m)s AND %(e)s GROUP BY GROUPING SETS ((d.name), ())"""
    return _grouped(cursor, sql, {"m": s.replace(day=1), "e": e}, ["sales", "commercial_events", "total"])


SS_DELIVERIES = ("SELECT * FROM programs_delivery WHERE deleted_at IS NULL AND program = 'social_service' "
                 "AND date BETWEEN %(s)s AND %(e)s")
SS_OUTREACH = ("SELECT * FROM programs_event WHERE deleted_at IS NULL AND program = 'social_service' "
               "AND kind = 'jornada' AND date BETWEEN %(s)s AND %(e)s")


def ss_products(cursor, s, e):
    sql = f"""SELECT p.name, COALESCE(SUM(x.quantity), 0) FROM stock_product p
              LEFT JOIN ({SS_DELIVERIES}) x ON x.item = p.code WHERE p.active GROUP BY GROUPING SETS ((p.name), ())"""
    return _grouped(cursor, sql, {"s": s, "e": e}, ["quantity"])


def ss_persons(cursor, s, e):
    sql = f"""
        WITH deliveries AS ({SS_DELIVERIES}), outreach AS ({SS_OUTREACH}),
        named AS (SELECT department_id d, person_id p FROM deliveries WHERE person_id IS NOT NULL
                  UNION SELECT o.department_id, ep.person_id FROM programs_event_participants ep
                  JOIN outreach o ON o.id = ep.event_id),
        places AS (SELECT department_id d, municipality_id m FROM deliveries WHERE person_id IS NOT NULL
                   UNION SELECT department_id, municipality_id FROM outreach),
        counted AS (SELECT o.department_id d, SUM(od.men) men, SUM(od.women) women FROM socialservice_outreachday od
                    JOIN outreach o ON o.id = od.event_id GROUP BY 1),
        by_dept AS (SELECT n.d, COUNT(*) FILTER (WHERE p.sex = 'M') men, COUNT(*) FILTER (WHERE p.sex <> 'M') women
                    FROM named n JOIN registry_person p ON p.id = n.p GROUP BY n.d),
        munis AS (SELECT d, COUNT(*) n FROM places GROUP BY d),
        depts AS (SELECT d FROM by_dept UNION SELECT d FROM munis UNION SELECT d FROM counted)
        SELECT dep.name, COALESCE(munis.n, 0), COALESCE(b.men, 0) + COALESCE(c.men, 0),
               COALESCE(b.women, 0) + COALESCE(c.women, 0)
        FROM depts JOIN territory_department dep ON dep.id = depts.d LEFT JOIN munis ON munis.d = depts.d
        LEFT JOIN by_dept b ON b.d = depts.d LEFT JOIN counted c ON c.d = depts.d
        UNION ALL
        SELECT NULL, NULL,
               (SELECT COUNT(DISTINCT n.p) FROM named n JOIN registry_person p ON p.id = n.p WHERE p.sex = 'M')
               + (SELECT COALESCE(SUM(men), 0) FROM counted),
               (SELECT COUNT(DISTINCT n.p) FROM named n JOIN registry_person p ON p.id = n.p WHERE p.sex <> 'M')
               + (SELECT COALESCE(SUM(women), 0) FROM counted)"""
    data = _grouped(cursor, sql, {"s": s, "e": e}, ["municipalities", "men", "women"])
    for row in list(data["rows"].values()) + [data["totals"]]:
        row["total"] = row["men"] + row["women"]
    data["totals"].pop("municipalities")
    return data


def _migrants(cursor, s, e, key_sql: str):
    sql = f"""
        WITH r AS (SELECT * FROM migrants_reception WHERE deleted_at IS NULL AND date BETWEEN %(s)s AND %(e)s),
        families AS (SELECT {key_sql} k, COUNT(*) n FROM r GROUP BY GROUPING SETS (({key_sql}), ())),
        people AS (SELECT {key_sql} k, COUNT(*) FILTER (WHERE m.age_years >= 18 AND p.sex = 'M') men,
                          COUNT(*) FILTER (WHERE m.age_years >= 18 AND p.sex = 'F') women,
                          COUNT(*) FILTER (WHERE m.age_years < 18) minors, COUNT(*) people
                   FROM migrants_receptionmember m JOIN r ON r.id = m.reception_id
                   JOIN registry_person p ON p.id = m.person_id GROUP BY GROUPING SETS (({key_sql}), ()))
        SELECT f.k, f.n, COALESCE(p.men, 0), COALESCE(p.women, 0), COALESCE(p.minors, 0), COALESCE(p.people, 0)
        FROM families f LEFT JOIN people p ON p.k IS NOT DISTINCT FROM f.k"""
    return _grouped(cursor, sql, {"s": s, "e": e}, ["families", "men", "women", "minors", "people"])


def migrants_by_center(cursor, s, e):
    return _migrants(cursor, s, e, "(SELECT name FROM centers_center c WHERE c.id = r.center_id)")


def migrants_by_destination(cursor, s, e):
    return _migrants(cursor, s, e, "(SELECT name FROM territory_department d WHERE d.id = r.destination_department_id)")


def migrants_referrals(cursor, s, e):
    labels = {"childcare": "Hogares Comunitarios", "women": "Mejoramiento Socioeconómico de la Mujer",
              "social_service": "Servicio Social", "elderly": "Mis Años Dorados"}
    sql = """SELECT destination_program, destination_institution, COUNT(*),
                    COUNT(*) FILTER (WHERE status = 'aceptada'), COUNT(*) FILTER (WHERE status = 'rechazada'),
                    COUNT(*) FILTER (WHERE status = 'pendiente')
             FROM programs_referral WHERE deleted_at IS NULL AND origin_program = 'social_service'
             AND date BETWEEN %(s)s AND %(e)s AND source LIKE 'migrants.Reception:%%'
             GROUP BY GROUPING SETS ((destination_program, destination_institution), ())"""
    rows, totals = {}, {}
    for program, institution, *values in _fetch(cursor, sql, {"s": s, "e": e}):
        counts = dict(zip(["total", "accepted", "rejected", "pending"], values, strict=True))
        if program is None:
            totals = counts
        else:
            rows[labels.get(program) or institution] = counts
    return {"rows": rows, "totals": totals}


def elderly_care(cursor, s, e):
    pueblos = ("garifuna", "ladino", "maya", "xinca", "no_indica")
    keys = {"garifuna": "garifuna", "ladino": "ladino", "maya": "maya", "xinca": "xinka", "no_indica": "not_stated"}
    pueblo_counts = "".join(f", COUNT(DISTINCT x.person_id) FILTER (WHERE p.pueblo = '{p}')" for p in pueblos)
    sql = f"""
        WITH served AS (
            SELECT d.name, COUNT(DISTINCT x.center_id) centers, COUNT(DISTINCT x.person_id) FILTER (WHERE p.sex = 'M'),
                   COUNT(DISTINCT x.person_id) FILTER (WHERE p.sex = 'F'), COUNT(DISTINCT x.person_id){pueblo_counts}
            FROM ({SERVED}) x JOIN registry_person p ON p.id = x.person_id
            JOIN territory_department d ON d.id = x.department_id GROUP BY GROUPING SETS ((d.name), ())),
        named AS (SELECT ep.event_id, COUNT(*) n FROM programs_event_participants ep GROUP BY 1),
        events AS (
            SELECT d.name, SUM(COALESCE(named.n, 0) + ev.unnamed_participants)
                               FILTER (WHERE ev.kind IN ('atencion', 'visita_domiciliaria')) care,
                   COUNT(*) FILTER (WHERE ev.kind = 'intergeneracional') inter
            FROM ({EVENTS}) ev LEFT JOIN named ON named.event_id = ev.id
            JOIN territory_department d ON d.id = ev.department_id GROUP BY GROUPING SETS ((d.name), ()))
        SELECT COALESCE(s.name, ev.name), s.*, ev.care, ev.inter FROM served s FULL JOIN events ev
        ON COALESCE(ev.name, '') = COALESCE(s.name, '')"""
    rows, totals = {}, {}
    columns = ["centers", "men", "women", "total", *(keys[p] for p in pueblos), "integral_care",
               "intergenerational_events"]
    for label, _name, *values in _fetch(cursor, sql, {"s": s, "e": e, "program": "elderly"}):
        row = {c: (v or 0) for c, v in zip(columns, values, strict=True)}
        row["other"] = row["total"] - sum(row[keys[p]] for p in pueblos)
        if label is None:
            totals = row
        else:
            rows[label] = row
    return {"rows": rows, "totals": totals}


def attendance_average(cursor, s, e):
    """Seed table 3: one pass over the year's marks (days with a roll, presences by group)."""
    from tejido.reports.period import MONTHS

    days = dict(_fetch(cursor, """
        SELECT date_trunc('month', r.date)::date, COUNT(DISTINCT r.date) FROM programs_rollcall r
        WHERE r.program = 'childcare' AND r.date BETWEEN %(s)s AND %(e)s
        AND EXISTS (SELECT 1 FROM programs_attendance a WHERE a.roll_id = r.id) GROUP BY 1""", {"s": s, "e": e}))
    groups = {}
    for month, sex, level, pueblo, n in _fetch(cursor, """
        SELECT date_trunc('month', r.date)::date, p.sex, a.level,
               CASE WHEN p.pueblo IN ('maya', 'xinca', 'garifuna') THEN p.pueblo ELSE 'other' END, COUNT(*)
        FROM programs_attendance a JOIN programs_rollcall r ON r.id = a.roll_id
        JOIN programs_enrolment e ON e.id = a.enrolment_id JOIN registry_person p ON p.id = e.person_id
        WHERE r.program = 'childcare' AND r.date BETWEEN %(s)s AND %(e)s AND a.present GROUP BY 1, 2, 3, 4""",
                                                    {"s": s, "e": e}):
        g = groups.setdefault(month, {})
        for key in (sex, level, pueblo, "all"):
            g[key] = g.get(key, 0) + n
    rows = {}
    names = {"boys": "M", "girls": "F", "initial": "inicial", "preschool": "preprimaria", "maya": "maya",
             "xinka": "xinca", "garifuna": "garifuna", "other": "other"}
    for month in sorted(days):
        g = groups.get(month, {})
        total = g.get("all", 0)
        row = {"average": round(total / days[month], 2)}
        row.update({c: round(100 * g.get(k, 0) / total, 2) if total else None for c, k in names.items()})
        rows[f"{MONTHS[month.month - 1]} {month.year}"] = row
    totals = {}
    for column in ["average", *names]:
        present = [r[column] for r in rows.values() if r[column] is not None]
        totals[column] = round(sum(present) / len(present), 2) if present else None
    return {"rows": rows, "totals": totals}


BASELINES = {
    "childcare.children_by_department": children_by_department,
    "childcare.attendance_average": attendance_average,
    "childcare.nutrition_status": nutrition_status,
    "women.by_department": women_by_department,
    "women.by_age_group": women_by_age_group,
    "women.by_pueblo": women_by_pueblo,
    "women.by_language_community": women_by_language,
    "women.priority_coverage": women_priority_coverage,
    "women.income_by_department": women_income,
    "social_service.products_delivered": ss_products,
    "social_service.persons_by_department": ss_persons,
    "migrants.by_reception_center": migrants_by_center,
    "migrants.by_destination_department": migrants_by_destination,
    "migrants.referrals_by_destination": migrants_referrals,
    "elderly.by_department": elderly_by_department,
    "elderly.care_by_department": elderly_care,
}


def engine_numbers(table: dict) -> dict:
    """The engine's table (JSON contract) in the baseline's shape: rows keyed by the first
    column (nutrition: indicator + status), numbers only."""
    columns = [c["id"] for c in table["columns"]]
    first, numeric = columns[0], [c["id"] for c in table["columns"] if c["kind"] in ("int", "money", "percent")]

    def key(row):
        if table["id"] == "childcare.nutrition_status":
            return f"{row['indicator']} {row['status']}"
        return row[first]

    return {"rows": {key(r): {c: r.get(c) for c in numeric} for r in table["rows"]},
            "totals": {c: table["totals"].get(c) for c in numeric if c in table["totals"]}}


def differences(engine: dict, baseline: dict) -> list[str]:
    """Cells that differ (numbers compared to the cent), rows missing on either side."""
    def same(a, b):
        if a is None or b is None:
            return a == b
        return round(Decimal(str(a)), 2) == round(Decimal(str(b)), 2)

    out = []
    for label in sorted(set(engine["rows"]) | set(baseline["rows"]), key=str):
        e, b = engine["rows"].get(label), baseline["rows"].get(label)
        if e is None or b is None:
            out.append(f"row {label!r}: {'only in baseline' if e is None else 'only in engine'} ({e or b})")
            continue
        for column in e:
            if column in b and not same(e[column], b[column]):
                out.append(f"row {label!r} {column}: engine {e[column]} ≠ SQL {b[column]}")
    for column, value in engine["totals"].items():
        if column in baseline["totals"] and not same(value, baseline["totals"][column]):
            out.append(f"total {column}: engine {value} ≠ SQL {baseline['totals'][column]}")
    return out
