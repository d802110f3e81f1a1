"""A large synthetic registry for benchmarks: `generate_people --people 1000000`.

Streams families from the demo's FamilyGenerator in batches, so memory stays flat at any
size. PostgreSQL gets COPY (ids reserved from the sequences first); other databases get
bulk_create. Neither sends signals, so no simple-history rows are written: this is
synthetic bulk data, not changes anyone made, and history would triple the load time.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from tejido.demo.people import FamilyGenerator
from tejido.registry.models import Household, HouseholdMember, Person
from tejido.territory.loader import load_territory
from tejido.territory.models import Department, Municipality

# Synthetic CUI serials start here (or after the highest serial already stored), far above
# the demo's 10,000,000, so generated CUIs never collide with existing ones.
CUI_SERIAL_FLOOR = 50_000_000
MAX_CUI_SERIAL = 99_999_999  # 8 digits


class Command(BaseCommand):
    help = "Genera un registro sintético grande (personas, hogares y miembros) para pruebas de rendimiento."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument("--batch", type=int, default=5000, help="personas por lote")

    def handle(self, *args, people, seed, batch, **options):
        if not Department.objects.exists():
            load_territory()
        departments = dict(Municipality.objects.values_list("id", "department_id"))
        serial_start = self._cui_serial_start()
        if serial_start + people > MAX_CUI_SERIAL:
            raise CommandError("No quedan series de CUI suficientes para tantas personas.")
        generator = FamilyGenerator(sorted(departments), seed=seed, today=timezone.localdate(),
                                    cui_serial_start=serial_start)
        writer = CopyWriter() if connection.vendor == "postgresql" else BulkWriter()

        started = time.monotonic()
        done = households = 0
        next_report = 0
        while done < people:
            families = self._families(generator, min(batch, people - done))
            with transaction.atomic():  # a batch lands whole or not at all
                done += self._insert(writer, families, departments)
            households += len(families)
            if done >= next_report or done >= people:
                elapsed = time.monotonic() - started
                self.stdout.write(f"{done:>10,} personas, {households:,} hogares  "
                                  f"{elapsed:6.0f} s  ({done / elapsed:,.0f}/s)")
                next_report = done + max(people // 20, batch)

        if connection.vendor == "postgresql":
            # Fresh planner statistics (and a flushed GIN pending list, visibility map for
            # index-only scans), as autovacuum would leave them in production.
            self.stdout.write("VACUUM ANALYZE …")
            with connection.cursor() as cursor:
                for model in (Person, Household, HouseholdMember):
                    cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        self.stdout.write(self.style.SUCCESS(
            f"{done:,} personas en {households:,} hogares en {time.monotonic() - started:.0f} s."))

    def _cui_serial_start(self) -> int:
        # CUIs are 13 digits with the serial first, so the greatest CUI holds the greatest serial.
        top = Person.all_objects.filter(cui__regex=r"^\d{13}$").aggregate(top=Max("cui"))["top"]
        return max(CUI_SERIAL_FLOOR, int(top[:8]) if top else 0)

    def _families(self, generator, people: int) -> list:
        families, count = [], 0
        while count < people:
            family = generator.family()
            family.members = family.members[: people - count]  # the head comes first, so it stays
            families.append(family)
            count += len(family.members)
        return families

    def _insert(self, writer, families, departments) -> int:
        now = timezone.now()
        stamps = {"created_at": now, "updated_at": now}
        household_ids = writer.insert(Household, [
            {**stamps, "name": f.name, "municipality_id": f.municipality_id,
             "department_id": departments[f.municipality_id]}
            for f in families
        ])
        # Same derived fields Person.refresh_derived sets: department from municipality, search_name.
        rows, links = [], []
        for family, household_id in zip(families, household_ids, strict=True):
            for m in family.members:
                rows.append({
                    **stamps, "given_names": m.given_names, "first_surname": m.first_surname,
                    "second_surname": m.second_surname, "married_surname": m.married_surname, "sex": m.sex,
                    "birth_date": m.birth_date, "birth_date_estimated": m.birth_date_estimated, "cui": m.cui,
                    "pueblo": m.pueblo, "language_community": m.language_community, "disability": m.disability,
                    "poverty_status": m.poverty_status, "municipality_id": family.municipality_id,
                    "department_id": departments[family.municipality_id], "search_name": m.search_name,
                })
                links.append((household_id, m.relationship))
        person_ids = writer.insert(Person, rows)
        writer.insert(HouseholdMember, [
            {**stamps, "household_id": household_id, "person_id": person_id, "relationship": relationship}
            for (household_id, relationship), person_id in zip(links, person_ids, strict=True)
        ])
        return len(rows)


class BulkWriter:
    """Any database: bulk_create, which hands back the new ids (SQLite ≥ 3.35, PostgreSQL)."""

    def insert(self, model, rows: list[dict]) -> list[int]:
        objs = model.objects.bulk_create([model(**row) for row in rows], batch_size=1000)
        return [obj.pk for obj in objs]


class CopyWriter:
    """PostgreSQL: COPY is several times faster than INSERT. COPY returns no ids, so reserve
    them from the table's identity sequence first; concurrent inserts stay safe."""

    def __init__(self):
        self._columns = {}

    def _layout(self, model):
        if model not in self._columns:
            fields = [f for f in model._meta.concrete_fields]
            # Model defaults live in Python, not in the database: fill them in for COPY.
            self._columns[model] = [(f.attname, f.column, f.get_default()) for f in fields]
        return self._columns[model]

    def insert(self, model, rows: list[dict]) -> list[int]:
        table = model._meta.db_table
        layout = self._layout(model)
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, len(rows)])
            ids = [r[0] for r in cursor.fetchall()]
            columns = ", ".join(column for _, column, _ in layout)
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for pk, row in zip(ids, rows, strict=True):
                    row["id"] = pk
                    copy.write_row([row.get(attname, default) for attname, _, default in layout])
        return ids
