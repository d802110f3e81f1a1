"""Demo activity for the daycare program: enrolments, a month of rolls, two screening rounds,
two evaluation rounds, teacher posts and caregivers, so every page and figure has data."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from tejido.centers.models import Center, CenterKind
from tejido.childcare.anthropometry.engine import DAYS_PER_MONTH
from tejido.childcare.anthropometry.tables import table
from tejido.childcare.evaluations import PROFILES, evaluation_record
from tejido.childcare.models import Caregiver, TeacherPost
from tejido.childcare.screening import SEX_CODE, screening_record
from tejido.programs.ages import completed_months
from tejido.programs.models import Enrolment
from tejido.programs.services import enrolment_create, event_create, roll_call_save
from tejido.registry.models import Person

PROGRAM = "childcare"


def _weekdays_back(today: dt.date, count: int) -> list[dt.date]:
    days, day = [], today
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return sorted(days)


def _measurement(rng, person: Person, on: dt.date):
    """A plausible length/height and weight: z drawn around Guatemalan averages (stunting is
    common, wasting rare), turned into cm and kg with the WHO tables."""
    sex = SEX_CODE[person.sex]
    days = (on - person.birth_date).days
    months = days / DAYS_PER_MONTH
    z_height = rng.gauss(-1.2, 1.0)
    height_lms = table("lhfa").lookup(sex, days) if months < 60 else table("hfa_2007").lookup(sex, months)
    height = round(height_lms.value_at(z_height), 1)
    z_weight = rng.gauss(0.2, 1.0)
    weight_table = table("wfl") if days < 731 else table("wfh")
    weight_lms = weight_table.lookup(sex, height) or table("wfa").lookup(sex, min(days, 1826))
    weight = round(weight_lms.value_at(z_weight), 2)
    return Decimal(str(weight)), Decimal(str(height)), ("L" if days < 731 else "H")


def load_childcare_demo(admin, rng: random.Random) -> int:
    if Enrolment.objects.filter(program=PROGRAM).exists():
        return 0
    today = timezone.localdate()
    year_start = dt.date(today.year, 1, 12)
    enrolments = []
    children = Person.objects.filter(registered_center__kind__in=[CenterKind.CADI, CenterKind.COMMUNITY_HOME])
    for child in children.select_related("registered_center"):
        start = max(year_start, child.birth_date + dt.timedelta(days=190))
        if start > today or completed_months(child.birth_date, start) >= 84:
            continue
        enrolments.append(enrolment_create(person=child, center=child.registered_center, program=PROGRAM,
                                           start=start, acting_user=admin,
                                           attended_by_teacher=rng.random() < 0.75))
    by_center = {}
    for enrolment in enrolments:
        by_center.setdefault(enrolment.center, []).append(enrolment)
    for center, group in by_center.items():
        for day in _weekdays_back(today, 20):
            present = {e.pk for e in group if e.start <= day and rng.random() < 0.85}
            roll_call_save(center=center, program=PROGRAM, day=day, present_ids=present, acting_user=admin)
    rounds = [(dt.date(today.year, 3, 16), 1), (dt.date(today.year, 9, 14), 2)]
    for enrolment in enrolments:
        person = enrolment.person
        for day, round_number in rounds:
            if day < enrolment.start or day > today:
                continue
            weight, height, position = _measurement(rng, person, day)
            # drawn from the WHO curves: never implausible but in the far tails, which are kept
            screening_record(person=person, center=enrolment.center, measured_on=day, weight_kg=weight,
                             height_cm=height, measured=position, confirmed=True, acting_user=admin)
            evaluation_record(person=person, center=enrolment.center, kind="escala", round=round_number,
                              evaluated_on=day, acting_user=admin,
                              profile=rng.choices([c for c, _ in PROFILES["escala"]],
                                                  [30, 52 + 6 * round_number, 12 - 4 * round_number, 6])[0])
            if completed_months(person.birth_date, day) >= 66:
                evaluation_record(person=person, center=enrolment.center, kind="abc", round=round_number,
                                  evaluated_on=day, acting_user=admin,
                                  profile=rng.choice([c for c, _ in PROFILES["abc"]]))
    _staff(rng)
    _events(admin, rng, today)
    _protection_cases(rng, today, enrolments)
    _materials(admin, today)
    _ready_for_primary(admin, today, enrolments)
    return len(enrolments)


MATERIALS = [("Cuadernos de trabajo de preprimaria", "ninos", 30), ("Guía de lectura en familia", "docentes", 3),
             ("Kit de estimulación temprana", "madres_cuidadoras", 2)]


def _materials(admin, today: dt.date) -> None:
    """Educational materials at a dozen daycare centers (its own random sequence: the rest of the
    demo keeps the numbers it had)."""
    from tejido.childcare.staff import material_deliver

    rng = random.Random(17)
    centers = list(Center.objects.filter(kind__in=[CenterKind.CADI, CenterKind.COMMUNITY_HOME]).order_by("id"))
    for center in rng.sample(centers, min(12, len(centers))):
        day = max(dt.date(today.year, 1, 12), today - dt.timedelta(days=rng.randint(5, 200)))
        for material, recipients, per_center in rng.sample(MATERIALS, rng.randint(1, 3)):
            material_deliver(center=center, date=day, material=material, recipients=recipients,
                             quantity=per_center * rng.randint(1, 3), acting_user=admin)


def _ready_for_primary(admin, today: dt.date, enrolments) -> None:
    """The children already six and a half leave today ready for first grade (seed 001 §4.1.5),
    after every roll and screening of the demo."""
    from tejido.programs.models import ExitReason
    from tejido.programs.services import enrolment_exit

    for enrolment in enrolments:
        if enrolment.start < today and completed_months(enrolment.person.birth_date, today) >= 78:
            enrolment_exit(enrolment=enrolment, end=today, reason=ExitReason.READY_FOR_PRIMARY, acting_user=admin)


def _protection_cases(rng: random.Random, today: dt.date, enrolments) -> None:
    """A dozen cases for the protection officer's demo: reported, followed up, some closed."""
    from tejido.accounts.models import User
    from tejido.protection.services import case_action_add, case_close, case_report

    officer = User.objects.filter(username="proteccion").first()
    if officer is None or not enrolments:
        return
    for enrolment in rng.sample(enrolments, min(12, len(enrolments))):
        reported = min(today, max(enrolment.start, today - dt.timedelta(days=rng.randint(15, 300))))
        case = case_report(child=enrolment.person, center=enrolment.center, reported_on=reported,
                           reporter_role=rng.choice(["docente", "madre_cuidadora", "supervisora"]),
                           suspicion=rng.choice(["fisica", "psicologica", "negligencia"]),
                           description="Caso de demostración: señales observadas en el centro.",
                           acting_user=officer)
        followed = min(today, reported + dt.timedelta(days=rng.randint(1, 10)))
        case_action_add(case=case, date=followed, kind="entrevista", done_by="Psicóloga departamental",
                        notes="Entrevista con la madre.", acting_user=officer)
        if rng.random() < 0.4:
            case_close(case=case, closed_on=min(today, followed + dt.timedelta(days=rng.randint(5, 40))),
                       summary="Seguimiento concluido; la familia asiste a talleres.", acting_user=officer)


# (topic, theme counted apart by seed 001 tables 6 and 8; "" = another theme)
TALKS = [("Prevención de violencia y maltrato infantil", "prevencion_violencia"),
         ("La importancia de la alimentación y buenas prácticas de higiene", "alimentacion"),
         ("Lectura en familia", "")]
TRAININGS = [("docentes", "virtual", "Planificación de nivel inicial y preprimario"),
             ("docentes", "a_distancia", "Inducción docente: espacios de aprendizaje"),
             ("madres_cuidadoras", "presencial", "Hacia una educación alternativa"),
             ("supervisoras", "virtual", "Lineamientos pedagógicos y administrativos")]


def _events(admin, rng: random.Random, today: dt.date) -> None:
    """Talks to parents at some centers and trainings for teachers and caregivers."""
    centers = list(Center.objects.filter(kind__in=[CenterKind.CADI, CenterKind.COMMUNITY_HOME]))
    for center in rng.sample(centers, min(25, len(centers))):
        day = today - dt.timedelta(days=rng.randint(10, 200))
        topic, theme = rng.choice(TALKS)
        event_create(program=PROGRAM, kind="charla", topic=topic, category=theme, audience="padres",
                     date=day - dt.timedelta(days=day.weekday() // 5 * 2), municipality=center.municipality,
                     center=center, unnamed_participants=rng.randint(3, 30), acting_user=admin)
    for audience, modality, topic in TRAININGS:
        center = rng.choice(centers)
        event_create(program=PROGRAM, kind="capacitacion", topic=topic, audience=audience, modality=modality,
                     date=today - dt.timedelta(days=rng.randint(20, 250)), municipality=center.municipality,
                     center=center, unnamed_participants=rng.randint(15, 120), acting_user=admin)


def _staff(rng: random.Random) -> None:
    """Teacher posts at CADIs and a caregiver for each community home (seed 001 table 5)."""
    sources = [s for s in TeacherPost.Source.values]
    for center in Center.objects.filter(kind=CenterKind.CADI):
        for _ in range(rng.randint(1, 3)):
            TeacherPost.objects.create(center=center, source=rng.choices(sources, [78, 5, 17])[0],
                                       start=dt.date(2024, 1, 15))
    for center in Center.objects.filter(kind__in=[CenterKind.COMMUNITY_HOME, CenterKind.CADI]):
        mother = (Person.objects.filter(municipality=center.municipality, sex="F", birth_date__year__lt=1995)
                  .exclude(caregiver_posts__isnull=False).first())
        if mother is not None:
            Caregiver.objects.create(person=mother, center=center, start=dt.date(2023, 1, 9),
                                     payer=rng.choices(["sosep", "municipalidad"], [95, 5])[0],
                                     monthly_amount=Decimal("1000.00"))
