"""A year of synthetic program activity on top of `generate_people`, for the report benchmark:
`generate_services [--year 2025] [--seed 2023]` (bench databases only).

Centers in every department (daycare CADIs and community homes, elderly day and residential
centers, women's productive units, migrant reception centers), enrolments of people of the
right ages, a year of daily rolls (most of the ~10M rows: attendance marks), events with
participants, deliveries, social-service requests, migrant receptions with members, women's
income reports, nutrition screenings, a priority list and the year's plan.

Small tables go in with COPY from Python (a fixed-seed random.Random). The big ones (roll calls
and attendance) are built by the server with INSERT … SELECT, one month per statement, with a
hash of the ids deciding presence, so the client's memory stays flat and the result is the
same on every run. No history rows (synthetic data, not anyone's changes). Idempotent: it does
nothing when the year's benchmark centers already exist. Ends with VACUUM ANALYZE.
"""

import calendar
import datetime as dt
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from tejido.accounts.models import Program, Role, User

PREFIX = "BENCH-"  # center codes; their presence means "already generated"
CHILDREN, ELDERLY, WOMEN, RECEPTIONS = 42_000, 6_000, 30_000, 30_000
ACUTE = (["normal"] * 86 + ["dpc_moderada"] * 5 + ["dpc_severa"] * 2 + ["sobrepeso"] * 5 + ["obesidad"] * 2)
CARE_AXES = ["psicosocial", "cultural", "ludico", "fisico_recreativo", "educativo", "terapia_ocupacional", "salud"]
ELDERLY_ITEMS = ["kit_estimulacion", "alimentos", "kit_higiene", "lentes", "medicamento"]
PRODUCT_LINES = ["dulces_tipicos", "envasado", "reposteria", "limpieza", "uso_personal", "tejidos", "pintura_tela",
                 "floristeria", "bordado", "velas"]
TRAINING_KINDS = ["organizacion", "desarrollo_humano", "actividad_productiva", "emprendimiento"]
SS_SERVICES = ["transporte", "hospedaje", "alimentacion", "servicio_funerario", "examenes_medicos",
               "tratamiento_medico"]
CARE_CODES = ["kit_higiene", "llamada", "transporte", "alimentacion", "medica", "psicosocial"]
VULNERABILITIES = ["amenazas", "extorsion", "inseguridad", "violencia_intrafamiliar", "desempleo", "reunificacion"]
INSTITUTIONS = ["Refugio de la Niñez", "OIM", "MINTRAB", "SBS"]
HOLIDAYS = {(1, 1), (5, 1), (6, 30), (9, 15), (10, 20), (11, 1), (12, 24), (12, 25), (12, 31)}


def plus_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plus_years(day: dt.date, years: int) -> dt.date:
    return plus_months(day, 12 * years)


def weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


class Command(BaseCommand):
    help = "Genera un año de actividad sintética (centros, inscripciones, asistencia, eventos, entregas...) " \
           "en la base de pruebas de rendimiento."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args, year, seed, **options):
        name = connection.settings_dict["NAME"] or ""
        if "bench" not in name:
            raise CommandError(f"Solo en una base de pruebas de rendimiento (su nombre contiene «bench»); "
                               f"esta es «{name}».")
        if connection.vendor != "postgresql":
            raise CommandError("generate_services necesita PostgreSQL.")
        from tejido.centers.models import Center

        if Center.all_objects.filter(code__startswith=f"{PREFIX}{year}-").exists():
            self.stdout.write(f"Ya generado para {year}: no se hace nada.")
            self._print_counts()
            return
        self.year, self.rng = year, random.Random(seed)
        self.started = time.monotonic()
        self.now = timezone.now()
        self.operator, _ = User.objects.get_or_create(username="bench.generador",
                                                      defaults={"role": Role.PROGRAM_STAFF})
        self.planner, _ = User.objects.get_or_create(username="bench.planificacion",
                                                     defaults={"role": Role.PLANNER})
        with connection.cursor() as cursor:
            self.cursor = cursor
            self.municipalities = dict(self._fetch("SELECT id, department_id FROM territory_municipality"))
            self.by_department = {}
            for m, d in sorted(self.municipalities.items()):
                self.by_department.setdefault(d, []).append(m)
            self.offices = self._fetch("SELECT id, department_id, municipality_id FROM territory_office ORDER BY id")
            for step in (self._childcare, self._screenings, self._elderly, self._women, self._social_service,
                         self._migrants, self._rolls, self._priority_list):
                with transaction.atomic():
                    step()
                self._log(step.__name__.strip("_"))
            self._attendance()
            self._attendance_summary()
            self._plan()
            self.stdout.write("VACUUM ANALYZE …")
            for table in ("centers_center", "programs_enrolment", "programs_rollcall", "programs_attendance",
                          "programs_event", "programs_event_participants", "programs_delivery", "programs_referral",
                          "childcare_nutritionscreening", "women_incomereport", "women_training", "women_fair",
                          "socialservice_supportrequest", "socialservice_outreachday", "migrants_reception",
                          "migrants_receptionmember", "migrants_receptioncare", "migrants_receptionvulnerability"):
                cursor.execute(f"VACUUM ANALYZE {table}")
        self._log("vacuum")
        self._print_counts()
        self.stdout.write(self.style.SUCCESS(f"Generado en {time.monotonic() - self.started:.0f} s."))

    # ---- helpers -----------------------------------------------------------------------------

    def _log(self, what: str) -> None:
        self.stdout.write(f"  {what:<16} {time.monotonic() - self.started:7.0f} s")

    def _fetch(self, sql: str, params=None) -> list[tuple]:
        self.cursor.execute(sql, params or [])
        return self.cursor.fetchall()

    def _ids(self, table: str, n: int) -> list[int]:
        if n == 0:
            return []
        return [r[0] for r in self._fetch("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                                          "FROM generate_series(1, %s)", [table, n])]

    def _copy(self, table: str, columns: list[str], rows) -> int:
        n, quoted = 0, ", ".join(f'"{c}"' for c in columns)  # "end" is a keyword
        with self.cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n

    def _domain(self) -> list:
        """created_at, updated_at, created_by_id, deleted_at, deleted_by_id, deletion_reason."""
        return [self.now, self.now, None, None, None, ""]

    DOMAIN = ["created_at", "updated_at", "created_by_id", "deleted_at", "deleted_by_id", "deletion_reason"]

    def _sample(self, sql: str, n: int, params=None) -> list[tuple]:
        """n rows of `sql` (whose first column is a person id), chosen by a seeded hash: stable."""
        return self._fetch(f"SELECT * FROM ({sql}) s ORDER BY md5(s.id::text || %s) LIMIT %s",
                           [*(params or []), str(self.rng.random()), n])

    def _centers(self, rows: list[dict]) -> list[int]:
        ids = self._ids("centers_center", len(rows))
        columns = self.DOMAIN + ["id", "code", "name", "kind", "municipality_id", "department_id", "address",
                                 "operating_partner", "opened_on", "product_line", "capacity", "status"]
        self._copy("centers_center", columns, (
            self._domain() + [pk, f"{PREFIX}{self.year}-{pk}", r["name"], r["kind"], r["municipality_id"],
                              self.municipalities[r["municipality_id"]], "", "", r.get("opened_on"),
                              r.get("product_line", ""), r.get("capacity"), "active"]
            for pk, r in zip(ids, rows, strict=True)))
        return ids

    def _enrolments(self, rows: list[tuple]) -> list[int]:
        """rows: (person, program, center, department, start, end, exit_reason, by_teacher)."""
        ids = self._ids("programs_enrolment", len(rows))
        columns = self.DOMAIN + ["id", "person_id", "program", "center_id", "department_id", "start", "end",
                                 "exit_reason", "attended_by_teacher", "lives_elsewhere"]
        self._copy("programs_enrolment", columns,
                   (self._domain() + [pk, *r, False] for pk, r in zip(ids, rows, strict=True)))
        # What Enrolment.save() sets: served outside the department where the person lives.
        self.cursor.execute("UPDATE programs_enrolment e SET lives_elsewhere = true FROM registry_person p "
                            "WHERE p.id = e.person_id AND p.department_id <> e.department_id AND e.id >= %s",
                            [min(ids) if ids else 0])
        return ids

    def _events(self, rows: list[dict]) -> list[int]:
        ids = self._ids("programs_event", len(rows))
        columns = self.DOMAIN + ["id", "program", "kind", "topic", "category", "modality", "audience", "date",
                                 "center_id", "municipality_id", "department_id", "partner", "unnamed_participants"]
        self._copy("programs_event", columns, (
            self._domain() + [pk, e["program"], e["kind"], e["topic"], e.get("category", ""), "presencial",
                              e["audience"], e["date"], e.get("center"), e["municipality"],
                              self.municipalities[e["municipality"]], "", e.get("unnamed", 0)]
            for pk, e in zip(ids, rows, strict=True)))
        participants = [(pk, p) for pk, e in zip(ids, rows, strict=True) for p in e.get("people", ())]
        self._copy("programs_event_participants", ["event_id", "person_id"], participants)
        return ids

    def _deliveries(self, rows: list[dict]) -> list[int]:
        ids = self._ids("programs_delivery", len(rows))
        columns = self.DOMAIN + ["id", "program", "item", "quantity", "date", "person_id", "center_id", "event_id",
                                 "municipality_id", "department_id", "receipt", "note"]
        self._copy("programs_delivery", columns, (
            self._domain() + [pk, d["program"], d["item"], d.get("quantity", 1), d["date"], d.get("person"),
                              d.get("center"), d.get("event"), d["municipality"],
                              self.municipalities[d["municipality"]], f"B{pk}", ""]
            for pk, d in zip(ids, rows, strict=True)))
        return ids

    def _day(self, start: dt.date | None = None, end: dt.date | None = None) -> dt.date:
        start = start or dt.date(self.year, 1, 1)
        end = end or dt.date(self.year, 12, 31)
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    # ---- programs ----------------------------------------------------------------------------

    def _childcare(self):
        """Children 6 months–7 years in community homes (about 12 each) and CADIs (about 50)."""
        y, rng = self.year, self.rng
        first_day, last_day = dt.date(y, 1, 15), dt.date(y, 10, 31)
        # Eligible for part of the school year: 6 months by September, under 7 on 15 January.
        kids = self._sample("SELECT id, birth_date, municipality_id FROM registry_person "
                            "WHERE deleted_at IS NULL AND birth_date > %s AND birth_date <= %s",
                            CHILDREN, [plus_years(first_day, -7), plus_months(dt.date(y, 9, 30), -6)])
        by_municipality: dict[int, list] = {}
        for kid in sorted(kids):
            by_municipality.setdefault(kid[2], []).append(kid)
        centers, members = [], []
        for municipality, group in sorted(by_municipality.items()):
            rng.shuffle(group)
            at = 0
            if len(group) >= 80:  # a CADI where there are enough children
                centers.append({"name": f"CADI {municipality}", "kind": "cadi", "municipality_id": municipality,
                                "capacity": 60})
                members.append(group[:50])
                at = 50
            while at < len(group):
                size = rng.randint(9, 15)
                centers.append({"name": f"Hogar Comunitario {municipality}-{len(centers)}", "kind": "community_home",
                                "municipality_id": municipality, "capacity": 15})
                members.append(group[at:at + size])
                at += size
        center_ids = self._centers(centers)
        self.childcare_centers = list(zip(center_ids, centers, strict=True))
        rows = []
        for center_id, center, group in zip(center_ids, centers, members, strict=True):
            department = self.municipalities[center["municipality_id"]]
            for person, birth, _m in group:
                start = max(plus_months(birth, 6), first_day - dt.timedelta(days=rng.randrange(700)))
                end, reason = None, ""
                seventh = plus_years(birth, 7)
                if seventh <= dt.date(y, 12, 31):
                    end, reason = seventh - dt.timedelta(days=1), "edad"
                if rng.random() < 0.08:
                    quit_on = self._day(max(start, first_day), last_day)
                    if end is None or quit_on < end:
                        end, reason = quit_on, rng.choice(["desercion", "traslado", "familia"])
                rows.append((person, Program.CHILDCARE, center_id, department, start, end, reason,
                             center["kind"] == "cadi" or rng.random() < 0.3))
        self.children = list(zip(self._enrolments(rows), rows, strict=True))
        # Caregiver and parent trainings and talks at the centers (counted, not named).
        events = []
        for center_id, center in self.childcare_centers:
            for _ in range(rng.randint(0, 2)):
                events.append({"program": Program.CHILDCARE, "kind": rng.choice(["capacitacion", "charla"]),
                               "topic": "Estimulación oportuna", "audience": rng.choice(["madres_cuidadoras",
                                                                                          "padres"]),
                               "date": self._day(first_day, last_day), "center": center_id,
                               "municipality": center["municipality_id"], "unnamed": rng.randint(5, 40)})
        self._events(events)

    def _screenings(self):
        """Two nutrition screenings a year per child (March and August), classes already set."""
        rng, y = self.rng, self.year
        columns = self.DOMAIN + ["person_id", "center_id", "department_id", "measured_on", "weight_kg", "height_cm",
                                 "measured", "oedema", "reference", "zwfa", "zhfa", "zwfh", "zbfa", "acute_class",
                                 "chronic_class", "implausible", "flags"]
        births = dict(self._fetch("SELECT p.id, p.birth_date FROM registry_person p JOIN programs_enrolment e "
                                  "ON e.person_id = p.id AND e.program = 'childcare'"))

        def rows():
            for _pk, (person, _p, center, department, start, end, _r, _t) in self.children:
                for month in (3, 8):
                    day = dt.date(y, month, rng.randint(1, 28))
                    if day < start or (end and day > end):
                        continue
                    under5 = day < plus_years(births[person], 5)
                    acute = rng.choice(ACUTE)
                    z = round(rng.gauss(0, 1.2), 2)
                    implausible = '["zwfh"]' if rng.random() < 0.005 else "[]"
                    yield self._domain() + [
                        person, center, department, day, Decimal("12.50"), Decimal("88.0"),
                        "L" if under5 else "H", False, "who2006", z, round(z - 0.4, 2),
                        z if under5 else None, None if under5 else z,
                        "" if implausible != "[]" else acute,
                        "retardo_crecimiento" if rng.random() < 0.3 else "normal", implausible, "[]"]
        self.screenings = self._copy("childcare_nutritionscreening", columns, rows())

    def _elderly(self):
        """People 60+ at day centers (about 90 each) and one residential center; care activities
        by axis, home visits, intergenerational events and kits."""
        rng, y = self.rng, self.year
        people = self._sample("SELECT id, department_id, municipality_id FROM registry_person "
                              "WHERE deleted_at IS NULL AND birth_date <= %s", ELDERLY, [dt.date(y - 61, 1, 1)])
        by_department: dict[int, list] = {}
        for p in sorted(people):
            by_department.setdefault(p[1], []).append(p)
        centers, members = [], []
        for department, group in sorted(by_department.items()):
            rng.shuffle(group)
            at = 0
            if department == 1:
                centers.append({"name": "Centro de Atención Permanente", "kind": "elderly_residential",
                                "municipality_id": self.by_department[1][0], "capacity": 100})
                members.append(group[:100])
                at = 100
            while at < len(group):
                municipality = rng.choice(self.by_department[department])
                centers.append({"name": f"Centro de Atención Diurna {department}-{len(centers)}",
                                "kind": "elderly_day", "municipality_id": municipality, "capacity": 100})
                members.append(group[at:at + 90])
                at += 90
        center_ids = self._centers(centers)
        self.elderly_centers = [(c, center) for c, center in zip(center_ids, centers, strict=True)
                                if center["kind"] == "elderly_day"]
        rows = []
        for center_id, center, group in zip(center_ids, centers, members, strict=True):
            for person, _d, _m in group:
                start = dt.date(y, 1, 8) - dt.timedelta(days=rng.randrange(900))
                end = self._day(dt.date(y, 2, 1)) if rng.random() < 0.07 else None
                rows.append((person, Program.ELDERLY, center_id, self.municipalities[center["municipality_id"]],
                             start, end, "traslado" if end else "", None))
        self._enrolments(rows)
        members_of = {c: [p for p, _d, _m in g] for c, g in zip(center_ids, members, strict=True)}
        events, deliveries = [], []
        for center_id, center in self.elderly_centers:
            municipality, group = center["municipality_id"], members_of[center_id]
            for week in range(46):
                day = dt.date(y, 1, 12) + dt.timedelta(weeks=week, days=rng.randrange(5))
                for axis in CARE_AXES:
                    events.append({"program": Program.ELDERLY, "kind": "atencion", "category": axis,
                                   "topic": f"Atención {axis}", "audience": "adultos_mayores", "date": day,
                                   "center": center_id, "municipality": municipality,
                                   "people": rng.sample(group, min(len(group), rng.randint(6, 14)))})
            for _ in range(40):
                events.append({"program": Program.ELDERLY, "kind": "visita_domiciliaria", "topic": "Visita",
                               "audience": "adultos_mayores", "date": self._day(), "center": center_id,
                               "municipality": municipality, "people": [rng.choice(group)]})
            for _ in range(4):
                events.append({"program": Program.ELDERLY, "kind": "intergeneracional", "topic": "Convivio",
                               "audience": "beneficiarios", "date": self._day(), "center": center_id,
                               "municipality": municipality, "unnamed": rng.randint(20, 60)})
            for person in group:
                for _ in range(3):
                    deliveries.append({"program": Program.ELDERLY, "item": rng.choice(ELDERLY_ITEMS),
                                       "date": self._day(), "person": person, "center": center_id,
                                       "municipality": municipality})
        self._events(events)
        self._deliveries(deliveries)

    def _women(self):
        """Women 13+ in productive units (about 15 each); trainings with participants, fairs,
        monthly income reports."""
        rng, y = self.rng, self.year
        women = self._sample("SELECT id, municipality_id FROM registry_person WHERE deleted_at IS NULL "
                             "AND sex = 'F' AND birth_date <= %s", WOMEN, [dt.date(y - 13, 1, 1)])
        by_municipality: dict[int, list] = {}
        for w in sorted(women):
            by_municipality.setdefault(w[1], []).append(w[0])
        centers, members = [], []
        for municipality, group in sorted(by_municipality.items()):
            rng.shuffle(group)
            for at in range(0, len(group), 15):
                opened = self._day() if rng.random() < 0.2 else dt.date(y - 1 - rng.randrange(5), 1, 1)
                centers.append({"name": f"Unidad productiva {municipality}-{len(centers)}", "kind": "productive_unit",
                                "municipality_id": municipality, "opened_on": opened,
                                "product_line": rng.choice(PRODUCT_LINES), "capacity": 20})
                members.append(group[at:at + 15])
        center_ids = self._centers(centers)
        rows = []
        for center_id, center, group in zip(center_ids, centers, members, strict=True):
            for person in group:
                start = max(center["opened_on"], dt.date(y, 1, 1) - dt.timedelta(days=rng.randrange(400)))
                end = self._day(start) if rng.random() < 0.1 and start.year == y else None
                rows.append((person, Program.WOMEN, center_id, self.municipalities[center["municipality_id"]],
                             start, end, "desercion" if end else "", None))
        self._enrolments(rows)
        events, kinds = [], []
        for center_id, center, group in zip(center_ids, centers, members, strict=True):
            for _ in range(10):
                kind = rng.choice(TRAINING_KINDS)
                events.append({"program": Program.WOMEN, "kind": "capacitacion", "topic": "Capacitación",
                               "category": center["product_line"] if kind == "actividad_productiva" else "",
                               "audience": "beneficiarios", "date": self._day(max(center["opened_on"],
                                                                                   dt.date(y, 1, 1))),
                               "center": center_id, "municipality": center["municipality_id"],
                               "people": rng.sample(group, min(len(group), rng.randint(5, 12)))})
                kinds.append((kind, center["product_line"] if kind == "actividad_productiva" else ""))
        ids = self._events(events)
        self._copy("women_training", ["event_id", "training_kind", "product_line"],
                   ((pk, k, line) for pk, (k, line) in zip(ids, kinds, strict=True)))
        fairs = []
        for _ in range(146):
            center_id, center, group = rng.choice(list(zip(center_ids, centers, members, strict=True)))
            fairs.append({"program": Program.WOMEN, "kind": "comercializacion", "topic": "Paseo Artesanal",
                          "audience": "beneficiarios", "date": self._day(), "center": None,
                          "municipality": center["municipality_id"], "people": group[:8]})
        fair_ids = self._events(fairs)
        self._copy("women_fair", ["event_id", "end"],
                   ((pk, f["date"] + dt.timedelta(days=2)) for pk, f in zip(fair_ids, fairs, strict=True)))
        columns = self.DOMAIN + ["person_id", "month", "own_sales", "fair_sales", "center_id", "department_id"]

        def reports():
            for person, _p, center, department, start, end, _r, _t in rows:
                for month in range(1, 13):
                    first = dt.date(y, month, 1)
                    if first < start.replace(day=1) or (end and first > end) or rng.random() < 0.4:
                        continue
                    fair = Decimal(rng.randrange(0, 80000)) / 100 if rng.random() < 0.1 else Decimal("0.00")
                    yield self._domain() + [person, first, Decimal(rng.randrange(5000, 200000)) / 100, fair,
                                            center, department]
        self._copy("women_incomereport", columns, reports())

    def _social_service(self):
        """Support requests (most delivered: a product or a service) and outreach days."""
        rng, y = self.rng, self.year
        products = [r[0] for r in self._fetch("SELECT id FROM stock_product ORDER BY id")]
        codes = dict(self._fetch("SELECT id, code FROM stock_product"))
        people = [r[0] for r in self._sample("SELECT id FROM registry_person WHERE deleted_at IS NULL", 20_000)]
        requests, deliveries = [], []
        for person in people:
            office, department, municipality = rng.choice(self.offices)
            day = self._day(dt.date(y, 1, 1), dt.date(y, 12, 15))
            product = rng.choice(products) if rng.random() < 0.6 else None
            service = "" if product else rng.choice(SS_SERVICES)
            status = rng.choices(["entregada", "solicitada", "denegada"], [85, 10, 5])[0]
            quantity = 1 if product != 5 else rng.randint(1, 4)
            requests.append([person, office, department, day, "producto" if product else "servicio", product, service,
                             quantity, status, municipality])
            if status == "entregada":
                deliveries.append({"program": Program.SOCIAL_SERVICE, "item": codes[product] if product else service,
                                   "quantity": quantity, "date": day + dt.timedelta(days=10), "person": person,
                                   "municipality": municipality})
        delivery_ids = iter(self._deliveries(deliveries))
        columns = self.DOMAIN + ["person_id", "office_id", "department_id", "date", "kind", "product_id", "service",
                                 "quantity", "description", "status", "visit_date", "poverty_status", "study_notes",
                                 "social_worker", "decided_on", "decision_reason", "delivery_id"]
        self._copy("socialservice_supportrequest", columns, (
            self._domain() + [*r[:8], "", r[8], r[3] if r[8] != "solicitada" else None, "",
                              "", "", r[3] if r[8] != "solicitada" else None,
                              "Sin disponibilidad" if r[8] == "denegada" else "",
                              next(delivery_ids) if r[8] == "entregada" else None]
            for r in requests))
        days, outreach = [], []
        for _ in range(300):
            office, department, municipality = rng.choice(self.offices)
            men, women = rng.randint(10, 120), rng.randint(20, 200)
            attendees = rng.sample(people, 30)
            days.append({"program": Program.SOCIAL_SERVICE, "kind": "jornada", "topic": "Jornada médica",
                         "audience": "beneficiarios", "date": self._day(), "municipality": municipality,
                         "unnamed": men + women, "people": attendees})
            outreach.append((office, men, women))
        event_ids = self._events(days)
        self._copy("socialservice_outreachday", ["event_id", "office_id", "men", "women"],
                   ((pk, *o) for pk, o in zip(event_ids, outreach, strict=True)))
        handed = [{"program": Program.SOCIAL_SERVICE, "item": rng.choice(list(codes.values())), "date": d["date"],
                   "person": p, "event": pk, "municipality": d["municipality"]}
                  for pk, d in zip(event_ids, days, strict=True) for p in d["people"][:10]]
        self._deliveries(handed)

    def _migrants(self):
        """Returned family units at four reception centers: a registry household's members
        (up to five), care given, vulnerabilities, some referrals."""
        rng = self.rng
        places = [1, 1, 12, 17]  # Guatemala (air, twice), San Marcos and Petén (land)
        centers = [{"name": f"Centro de Recepción de Migrantes {i}", "kind": "migrant_reception",
                    "municipality_id": self.by_department[d][0], "capacity": 500} for i, d in enumerate(places)]
        center_ids = self._centers(centers)
        households = self._sample("SELECT h.id, h.municipality_id FROM registry_household h", RECEPTIONS)
        household_ids = [h[0] for h in households]
        members: dict[int, list] = {}
        for household, person, relationship, birth, _sex in self._fetch(
                "SELECT m.household_id, m.person_id, m.relationship, p.birth_date, p.sex "
                "FROM registry_householdmember m JOIN registry_person p ON p.id = m.person_id "
                "WHERE m.household_id = ANY(%s) ORDER BY m.id",
                [household_ids]):
            members.setdefault(household, []).append((person, relationship, birth))
        ids = self._ids("migrants_reception", len(households))
        receptions = []
        for pk, (household, municipality) in zip(ids, households, strict=True):
            at = rng.randrange(4)
            receptions.append((pk, self._day(), center_ids[at], self.municipalities[centers[at]["municipality_id"]],
                               "aerea" if at < 2 else "terrestre", "estados_unidos" if at < 2 else "mexico",
                               municipality, self.municipalities[municipality], household))
        columns = self.DOMAIN + ["id", "date", "center_id", "department_id", "arrival_mode", "returned_from",
                                 "returned_from_other", "destination_municipality_id", "destination_department_id",
                                 "vulnerability_other", "notes"]
        self._copy("migrants_reception", columns,
                   (self._domain() + [*r[:6], "", r[6], r[7], "", ""] for r in receptions))

        def member_rows():
            for pk, day, *_rest, household in receptions:
                for position, (person, relationship, birth) in enumerate(members.get(household, [])[:5]):
                    age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
                    yield pk, person, relationship, max(age, 0), position
        self._copy("migrants_receptionmember", ["reception_id", "person_id", "relationship", "age_years", "position"],
                   member_rows())
        self._copy("migrants_receptioncare", ["reception_id", "code"],
                   ((r[0], c) for r in receptions for c in rng.sample(CARE_CODES, rng.randint(2, 4))))
        self._copy("migrants_receptionvulnerability", ["reception_id", "code"],
                   ((r[0], c) for r in receptions for c in rng.sample(VULNERABILITIES, rng.randint(0, 2))))
        columns = self.DOMAIN + ["person_id", "origin_program", "destination_program", "destination_institution",
                                 "reason", "date", "municipality_id", "department_id", "status", "decided_on",
                                 "decision_reason", "source"]

        def referrals():
            for pk, day, *_r, municipality, department, household in receptions:
                if rng.random() < 0.06 and members.get(household):
                    status = rng.choice(["pendiente", "aceptada", "rechazada", "aceptada"])
                    program = rng.choice(["", "", "women", "elderly"])
                    yield self._domain() + [members[household][0][0], Program.SOCIAL_SERVICE, program,
                                            "" if program else rng.choice(INSTITUTIONS), "Seguimiento", day,
                                            municipality, department, status,
                                            None if status == "pendiente" else day + dt.timedelta(days=5),
                                            "Sin cupo" if status == "rechazada" else "", f"migrants.Reception:{pk}"]
        self._copy("programs_referral", columns, referrals())

    def _rolls(self):
        """One roll per center and school day: daycare 15 January–31 October, elderly day
        centers all year, weekdays without holidays."""
        y = self.year
        for program, centers, days in (
                (Program.CHILDCARE, self.childcare_centers, weekdays(dt.date(y, 1, 15), dt.date(y, 10, 31))),
                (Program.ELDERLY, self.elderly_centers, weekdays(dt.date(y, 1, 8), dt.date(y, 12, 18)))):
            self.cursor.execute(
                "INSERT INTO programs_rollcall (center_id, program, date, taken_by_id, taken_at) "
                "SELECT c, %s, d, %s, d + time '16:00' FROM unnest(%s::bigint[]) c CROSS JOIN unnest(%s::date[]) d "
                "ORDER BY d, c", [program, self.operator.pk, [c for c, _ in centers], days])

    def _attendance(self):
        """Every enrolment active on a roll's day gets a mark; about 85% present (a hash of
        the ids, so the same on every run). Month by month, built by the server."""
        y = self.year
        ids = [c for c, _ in self.childcare_centers] + [c for c, _ in self.elderly_centers]
        for month in range(1, 13):
            first, last = dt.date(y, month, 1), dt.date(y, month, calendar.monthrange(y, month)[1])
            with transaction.atomic():
                # The rows come from a join of existing rows, so the FK triggers would only
                # re-check what the join guarantees (and queue 9M deferred checks).
                self.cursor.execute("SET LOCAL session_replication_role = replica")
                self.cursor.execute(
                    "INSERT INTO programs_attendance (roll_id, enrolment_id, present, level) "
                    "SELECT r.id, e.id, (r.id * 7919 + e.id * 104729) %% 100 < 85, "
                    "CASE WHEN r.program <> 'childcare' THEN '' "
                    "WHEN r.date >= p.birth_date + interval '48 months' THEN 'preprimaria' ELSE 'inicial' END "
                    "FROM programs_rollcall r "
                    "JOIN programs_enrolment e ON e.center_id = r.center_id AND e.program = r.program "
                    "AND e.start <= r.date AND (e.end IS NULL OR e.end >= r.date) AND e.deleted_at IS NULL "
                    "JOIN registry_person p ON p.id = e.person_id "
                    "WHERE r.date BETWEEN %s AND %s AND r.center_id = ANY(%s) ORDER BY r.id, e.id",
                    [first, last, ids])
            self._log(f"attendance {month:02d}")

    def _attendance_summary(self):
        """The monthly totals roll_call_save keeps (programs.AttendanceMonth / RollMonth), built by
        the server in two statements since the marks above bypassed the service."""
        y = self.year
        with transaction.atomic():
            self.cursor.execute(
                "INSERT INTO programs_attendancemonth (program, center_id, department_id, month, sex, level, pueblo, "
                "presences) SELECT r.program, r.center_id, c.department_id, date_trunc('month', r.date)::date, p.sex, "
                "a.level, p.pueblo, COUNT(*) FROM programs_attendance a JOIN programs_rollcall r ON r.id = a.roll_id "
                "JOIN programs_enrolment e ON e.id = a.enrolment_id JOIN registry_person p ON p.id = e.person_id "
                "JOIN centers_center c ON c.id = r.center_id WHERE a.present AND r.date BETWEEN %s AND %s "
                "GROUP BY 1, 2, 3, 4, 5, 6, 7", [dt.date(y, 1, 1), dt.date(y, 12, 31)])
            self.cursor.execute(
                "INSERT INTO programs_rollmonth (program, center_id, department_id, month, days) "
                "SELECT r.program, r.center_id, c.department_id, date_trunc('month', r.date)::date, "
                "SUM(DISTINCT (1::bigint << (EXTRACT(DAY FROM r.date)::int - 1))) FROM programs_rollcall r "
                "JOIN centers_center c ON c.id = r.center_id WHERE r.date BETWEEN %s AND %s "
                "AND EXISTS (SELECT 1 FROM programs_attendance a WHERE a.roll_id = r.id) GROUP BY 1, 2, 3, 4",
                [dt.date(y, 1, 1), dt.date(y, 12, 31)])
        self._log("attendance summary")

    def _priority_list(self):
        """A list of 114 prioritised municipalities (as the Gran Cruzada's), for the coverage tables."""
        name = f"Municipios priorizados (bench {self.year})"
        if self._fetch("SELECT 1 FROM territory_prioritylist WHERE name = %s", [name]):
            return
        pk = self._fetch("INSERT INTO territory_prioritylist (name, source) VALUES (%s, 'generate_services') "
                         "RETURNING id", [name])[0][0]
        chosen = self.rng.sample(sorted(self.municipalities), 114)
        self._copy("territory_prioritylist_municipalities", ["prioritylist_id", "municipality_id"],
                   ((pk, m) for m in chosen))

    def _plan(self):
        """The year's plan (seed 004's outputs and counting rules) for the planning tables."""
        from tejido.planning.seed2022 import load_plan

        load_plan(year=self.year, acting_user=self.planner, name=f"Plan {self.year} (bench)")
        self._log("plan")

    def _print_counts(self):
        with connection.cursor() as cursor:
            total = 0
            for table in ("centers_center", "programs_enrolment", "programs_rollcall", "programs_attendance",
                          "programs_event", "programs_event_participants", "programs_delivery", "programs_referral",
                          "childcare_nutritionscreening", "women_incomereport", "socialservice_supportrequest",
                          "migrants_reception", "migrants_receptionmember", "migrants_receptioncare",
                          "migrants_receptionvulnerability"):
                cursor.execute(f"SELECT count(*) FROM {table}")
                n = cursor.fetchone()[0]
                total += n
                self.stdout.write(f"  {table:<34} {n:>12,}")
            self.stdout.write(f"  {'total':<34} {total:>12,}")
