"""Demo activity for the women's program: productive units in every department, ~400 women of
the demo registry enrolled, trainings of the four kinds (some with INTECAP), three fairs with
sales, and monthly income reports."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from tejido.programs.models import Enrolment
from tejido.registry.models import Person
from tejido.territory.models import Department, Municipality
from tejido.women import services
from tejido.women.choices import ProductLine, TrainingKind
from tejido.women.site import PROGRAM

UNIT_NAMES = ["Mujeres Emprendedoras", "Flor de", "Manos Unidas", "Nuevo Amanecer", "Mujeres Trabajadoras",
              "Esperanza de", "Unidas por el Progreso"]
PARTNERS = ["", "", "", "INTECAP", "Pro Mujer", "MINEDUC Extraescolar"]
FAIRS = [("Paseo Artesanal en Cayalá", 101, 3), ("Paseo Artesanal Sexta Avenida", 101, 2),
         ("Paseo Artesanal Zacapa", 1901, 2)]


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 4, high * 4)) / 4


def _months(start: dt.date, until: dt.date):
    month = start.replace(day=1)
    while month <= until:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def load_women_demo(admin, rng: random.Random, *, women_target: int = 400) -> int:
    if Enrolment.objects.filter(program=PROGRAM).exists():
        return 0
    today = timezone.localdate()
    units = []
    for department in Department.objects.order_by("id"):
        municipalities = list(Municipality.objects.filter(department=department).order_by("id"))
        for municipality in rng.sample(municipalities, min(len(municipalities), rng.randint(2, 3))):
            line = rng.choice(ProductLine.values[:-1])
            prefix = rng.choice(UNIT_NAMES)
            name = f"{prefix} {municipality.name}" if prefix.endswith("de") else f"{prefix} de {municipality.name}"
            units.append(services.unit_create(acting_user=admin, municipality=municipality, name=name,
                                              product_line=line, opened_on=today - dt.timedelta(days=400)))
    per_unit = max(3, women_target // len(units))
    thirteen = today.replace(year=today.year - 14)
    enrolled = {}  # unit -> [(person, start)]
    taken = set()
    for unit in units:
        candidates = list(Person.objects.filter(department_id=unit.department_id, sex="F",
                                                birth_date__lte=thirteen).exclude(pk__in=taken)
                          .order_by("id").values_list("pk", flat=True)[:per_unit * 3])
        for pk in rng.sample(candidates, min(len(candidates), per_unit)):
            person = Person.objects.get(pk=pk)
            start = today - dt.timedelta(days=rng.randint(60, 320))
            services.woman_enrol(person=person, center=unit, start=start, acting_user=admin)
            enrolled.setdefault(unit, []).append((person, start))
            taken.add(pk)
    # Trainings at each unit with the women enrolled by then, some with a partner institution.
    for unit, members in enrolled.items():
        for _n in range(rng.randint(3, 7)):
            day = today - dt.timedelta(days=rng.randint(5, 55))
            present = [p for p, start in members if start <= day and rng.random() < 0.7]
            kind = rng.choice(TrainingKind.values)
            line = unit.product_line if kind == TrainingKind.PRODUCTIVE else ""
            services.training_create(acting_user=admin, training_kind=kind, product_line=line, date=day,
                                     municipality=unit.municipality, center=unit, partner=rng.choice(PARTNERS),
                                     participants=present, unnamed_participants=0 if present else rng.randint(5, 15))
    # Fairs with sales of women from many departments.
    everyone = [(p, start) for members in enrolled.values() for p, start in members]
    for index, (topic, municipality_id, days) in enumerate(FAIRS):
        start = today - dt.timedelta(days=20 + 35 * index)
        sellers = [p for p, since in everyone if since <= start]
        sales = [(p, _money(rng, 100, 2500)) for p in rng.sample(sellers, min(len(sellers), rng.randint(25, 45)))]
        services.fair_create(acting_user=admin, topic=topic, municipality=Municipality.objects.get(pk=municipality_id),
                             start=start, end=start + dt.timedelta(days=days - 1), sales=sales,
                             partner="Municipalidad de Guatemala" if municipality_id == 101 else "",
                             unnamed_participants=rng.randint(0, 10))
    # Monthly income of most women for the months since they joined (fair sales from the fairs).
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    for person, start in everyone:
        for month in _months(start, last_month):
            if rng.random() < 0.75:
                services.income_report_save(acting_user=admin, person=person, month=month,
                                            own_sales=_money(rng, 0, 2500))
    return len(everyone)
