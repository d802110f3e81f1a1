"""Demo activity for Mis Años Dorados: residential centers, elders enrolled, rolls, care by axis,
home visits, kits handed out and referrals to MINTRAB's PAM."""

import datetime as dt
import random

from django.utils import timezone

from tejido.centers.models import Center, CenterKind
from tejido.centers.services import center_create
from tejido.elderly import services as elderly_services
from tejido.elderly.site import PAM, PROGRAM, CareAxis
from tejido.programs.models import Enrolment
from tejido.programs.referrals import referral_decide
from tejido.programs.services import enrolment_create, event_create, roll_call_save
from tejido.registry.models import Person
from tejido.territory.models import Municipality

from .childcare import _weekdays_back

RESIDENTIAL = [("Centro de Atención Permanente Mis Años Dorados, Guatemala", 101),
               ("Centro de Atención Permanente Mis Años Dorados, Jutiapa", 2201)]


def load_elderly_demo(admin, rng: random.Random) -> int:
    if Enrolment.objects.filter(program=PROGRAM).exists():
        return 0
    today = timezone.localdate()
    for name, municipality_id in RESIDENTIAL:
        center_create(acting_user=admin, municipality=Municipality.objects.get(pk=municipality_id), name=name,
                      kind=CenterKind.ELDERLY_RESIDENTIAL, opened_on=dt.date(2012, 3, 1), capacity=40)
    start = dt.date(today.year, 1, 16)
    sixty_at_start = start.replace(year=start.year - 60)
    enrolments = []
    for center in Center.objects.filter(kind__in=[CenterKind.ELDERLY_DAY_CENTER, CenterKind.ELDERLY_RESIDENTIAL]):
        elders = Person.objects.filter(department_id=center.department_id, birth_date__lte=sixty_at_start)
        for person in elders.exclude(enrolments__program=PROGRAM)[: rng.randint(5, 15)]:
            enrolments.append(enrolment_create(person=person, center=center, program=PROGRAM, start=start,
                                               acting_user=admin))
    by_center = {}
    for enrolment in enrolments:
        by_center.setdefault(enrolment.center, []).append(enrolment)
    for center, group in by_center.items():
        for day in _weekdays_back(today, 10):
            roll_call_save(center=center, program=PROGRAM, day=day, acting_user=admin,
                           present_ids={e.pk for e in group if rng.random() < 0.8})
        for axis in rng.sample(list(CareAxis.values), 4):
            event_create(program=PROGRAM, kind="atencion", category=axis, topic=CareAxis(axis).label,
                         audience="adultos_mayores", date=today - dt.timedelta(days=rng.randint(5, 200)),
                         municipality=center.municipality, center=center,
                         participants=[e.person for e in group if rng.random() < 0.7] or [group[0].person],
                         acting_user=admin)
        _services_at(center, group, today, admin, rng)
    return len(enrolments)


def _services_at(center, group, today, admin, rng: random.Random) -> None:
    """Kits every few months, a home visit to some, a referral to PAM for a few."""
    for months_back in (1, 4, 7):
        elderly_services.delivery_record(center=center, item="kit_estimulacion", quantity=len(group),
                                         date=today - dt.timedelta(days=30 * months_back), acting_user=admin,
                                         note="Estrategia Activo Me Siento Bien")
    elderly_services.delivery_record(center=center, item="alimentos", quantity=len(group) * 2,
                                     date=today - dt.timedelta(days=45), acting_user=admin)
    for enrolment in group:
        if rng.random() < 0.3:
            elderly_services.home_visit_record(enrolment=enrolment, date=today - dt.timedelta(days=rng.randint(3, 90)),
                                               topic="Visita de seguimiento", category=rng.choice(CareAxis.values),
                                               acting_user=admin)
        if rng.random() < 0.1:
            day = today - dt.timedelta(days=rng.randint(40, 120))
            referral = elderly_services.referral_from_enrolment(
                enrolment=enrolment, date=day, reason="Sin ingresos propios", destination_institution=PAM,
                acting_user=admin)
            if rng.random() < 0.6:
                referral_decide(referral=referral, accepted=True, date=day + dt.timedelta(days=30), acting_user=admin)
