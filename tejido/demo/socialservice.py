"""Demo activity for the social service: stock bought and donated at the departmental
offices, a transfer from the central office, ~150 requests at every stage of their path
(most delivered, with receipts) and ~10 outreach days with products handed out."""

import datetime as dt
import random

from django.utils import timezone

from tejido.common.errors import ApplicationError
from tejido.registry.choices import PovertyStatus
from tejido.registry.models import Person
from tejido.socialservice import services
from tejido.socialservice.models import OutreachDay, Service, SupportRequest
from tejido.stock import services as stock
from tejido.stock.catalogue import ensure_catalogue
from tejido.territory.models import Municipality, Office

# Bought (or donated) per office at the start of the year: product code -> (low, high).
OPENING = {"silla_ruedas": (8, 25), "muletas": (4, 12), "andador": (5, 15), "baston": (15, 40), "panales": (10, 40)}
SOCIAL_WORKERS = ["Licda. Marta Solís", "Lic. Ernesto Paz", "Licda. Gloria Quiñónez", "T.S. Brenda Ajú",
                  "T.S. Oscar Chen"]
DENIAL_REASONS = ["El estudio socioeconómico no muestra condición de pobreza.",
                  "Ya recibió el mismo apoyo este año.", "La familia cuenta con apoyo de otra institución."]
NEEDS = ["Secuelas de derrame cerebral", "Fractura de cadera", "Persona adulta mayor con movilidad reducida",
         "Amputación por diabetes", "Parálisis cerebral infantil", "Traslado a consulta en la capital",
         "Tratamiento de hemodiálisis", "Fallecimiento de familiar sin recursos"]
PARTNERS = {"jornada_medica": "MSPAS, Área de Salud", "servicios_integrados": "SCEP"}


def _day(today: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    return today - dt.timedelta(days=rng.randint(low, high))


def _stock(admin, rng, today, offices, products) -> None:
    opening = today - dt.timedelta(days=360)
    for office in offices:
        for code, (low, high) in OPENING.items():
            reference = f"OC-{opening.year}-{office.department_id:02d}{rng.randint(100, 999)}"
            stock.receive(office=office, product=products[code], quantity=rng.randint(low, high), date=opening,
                          origin="compra", reference=reference, acting_user=admin)
        if rng.random() < 0.5:
            stock.receive(office=office, product=products[rng.choice(list(OPENING))], quantity=rng.randint(5, 20),
                          date=_day(today, rng, 150, 200), origin="donacion",
                          reference=f"ACTA-DON-{rng.randint(1, 300):03d}", acting_user=admin)
    central = next(o for o in offices if o.department_id == 1)
    for office in rng.sample([o for o in offices if o != central], 3):
        stock.transfer(source=central, destination=office, product=products["silla_ruedas"], quantity=3,
                       date=_day(today, rng, 300, 320), reference=f"ENV-{office.department_id:02d}",
                       acting_user=admin)


def _requests(admin, rng, today, offices, products, count: int) -> int:
    made = 0
    by_department = {o.department_id: list(Person.objects.filter(department_id=o.department_id, birth_date__lt=today
                                                                 - dt.timedelta(days=400))[:60]) for o in offices}
    weighted = [o for o in offices if by_department[o.department_id]
                for _ in range(3 if o.department_id in (1, 19, 22) else 1)]
    for _ in range(count if weighted else 0):
        office = rng.choice(weighted)
        person = rng.choice(by_department[office.department_id])
        start = _day(today, rng, 20, 330)
        if rng.random() < 0.7:
            code = rng.choices(list(products), weights=[4, 1, 2, 5, 4])[0]
            request = services.request_create(person=person, office=office, date=start, kind="producto",
                                               product=products[code],
                                               quantity=rng.randint(1, 4) if code == "panales" else 1,
                                               description=rng.choice(NEEDS), acting_user=admin)
        else:
            request = services.request_create(person=person, office=office, date=start, kind="servicio",
                                              service=rng.choice(Service.values), description=rng.choice(NEEDS),
                                              acting_user=admin)
        made += 1
        stage = rng.random()
        if stage < 0.12:
            continue
        visit = start + dt.timedelta(days=rng.randint(1, 5))
        services.request_study(request=request, visit_date=visit, social_worker=rng.choice(SOCIAL_WORKERS),
                               poverty_status=rng.choice([PovertyStatus.POOR, PovertyStatus.EXTREME,
                                                          PovertyStatus.EXTREME]), acting_user=admin)
        if stage < 0.25:
            continue
        decided = visit + dt.timedelta(days=rng.randint(1, 4))
        if stage < 0.35:
            services.request_decide(request=request, approved=False, date=decided,
                                    reason=rng.choice(DENIAL_REASONS), acting_user=admin)
            continue
        services.request_decide(request=request, approved=True, date=decided, acting_user=admin)
        if stage < 0.45:
            continue
        try:
            services.request_deliver(request=request, date=decided + dt.timedelta(days=rng.randint(1, 5)),
                                     acting_user=admin)
        except ApplicationError:
            pass  # the office ran out: the request waits, approved, as in real life
    return made


def _outreach(admin, rng, today, offices, products, count: int) -> int:
    for _ in range(count):
        office = rng.choice(offices)
        category = rng.choices(list(PARTNERS), weights=[4, 1])[0]
        municipality = rng.choice(list(Municipality.objects.filter(department_id=office.department_id)))
        people = list(Person.objects.filter(department_id=office.department_id)[:200])
        named = rng.sample(people, min(len(people), rng.randint(3, 8)))
        day = services.outreach_create(office=office, category=category, municipality=municipality,
                                       date=_day(today, rng, 15, 300), partner=PARTNERS[category],
                                       men=rng.randint(20, 150), women=rng.randint(30, 220), participants=named,
                                       acting_user=admin)
        for person in named[: rng.randint(1, len(named))] if named else []:
            code = rng.choice(["baston", "andador", "silla_ruedas", "panales"])
            try:
                services.outreach_deliver(outreach=day, product=products[code], quantity=1, person=person,
                                          acting_user=admin)
            except ApplicationError:
                break
    return count


def load_socialservice_demo(admin, rng: random.Random, *, requests: int = 150, outreach_days: int = 10) -> int:
    if SupportRequest.objects.exists() or OutreachDay.objects.exists():
        return 0
    today = timezone.localdate()
    products = ensure_catalogue()
    offices = list(Office.objects.filter(code__startswith="sede-").order_by("code"))
    _stock(admin, rng, today, offices, products)
    made = _requests(admin, rng, today, offices, products, requests)
    _outreach(admin, rng, today, offices, products, outreach_days)
    return made
