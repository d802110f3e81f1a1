"""Demo agreements and center licences: most childcare and elderly centers operate under an
agreement with their municipality (a few with an NGO or MINGOB), some agreements already ended
or end soon; most centers hold a sanitary licence, some in process, expired or missing."""

import datetime as dt
import random

from django.utils import timezone

from tejido.agreements import services
from tejido.agreements.models import Agreement, CenterDocument, CounterpartyKind, DocumentKind
from tejido.agreements.selectors import LICENSED_KINDS
from tejido.centers.models import PROGRAM_OF_KIND, Center

NGOS = ["Asociación Amigos del Desarrollo", "Fundación Niñez Feliz", "Asociación Vida Plena",
        "Fundación Abuelos de Guatemala"]
GOVERNMENT = "Ministerio de Gobernación (MINGOB)"


def load_agreements_demo(admin, rng: random.Random) -> int:
    if Agreement.all_objects.exists():
        return 0
    today = timezone.localdate()
    groups = {}
    centers = Center.objects.filter(kind__in=LICENSED_KINDS).select_related("municipality")
    for center in centers:
        groups.setdefault((center.municipality, PROGRAM_OF_KIND[center.kind]), []).append(center)
    created = 0
    for (municipality, program), group in sorted(groups.items(), key=lambda item: (item[0][0].pk, item[0][1])):
        roll = rng.random()
        if roll < 0.85:
            kind, name, town = CounterpartyKind.MUNICIPALITY, f"Municipalidad de {municipality.name}", municipality
        elif roll < 0.97:
            kind, name, town = CounterpartyKind.NGO, rng.choice(NGOS), None
        else:
            kind, name, town = CounterpartyKind.GOVERNMENT, GOVERNMENT, None
        # Mostly in force; some ended last months (centers still open: an alert), some end soon.
        shape = rng.random()
        if shape < 0.1:
            end = today - dt.timedelta(days=rng.randint(5, 120))
        elif shape < 0.2:
            end = today + dt.timedelta(days=rng.randint(5, 55))
        else:
            end = today + dt.timedelta(days=rng.randint(90, 700))
        start = end - dt.timedelta(days=rng.choice([730, 1095]))
        services.agreement_create(acting_user=admin, counterparty_name=name, counterparty_kind=kind,
                                  municipality=town, program=program, start_date=start, end_date=end,
                                  centers=group, number=f"CONV-{start.year}-{created + 1:04d}",
                                  subject="Funcionamiento de los centros de atención")
        created += 1
    for center in centers:
        _licences(center, today, admin, rng)
    return created


def _licences(center, today, admin, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.65:
        issued = today - dt.timedelta(days=rng.randint(30, 700))
        services.center_document_create(
            center=center, kind=DocumentKind.SANITARY_LICENCE, number=f"LS-{issued.year}-{center.pk:05d}",
            issued_on=issued, expires_on=issued + dt.timedelta(days=730), issuer="DRACES / MSPAS",
            acting_user=admin)
    elif roll < 0.75:
        services.center_document_create(center=center, kind=DocumentKind.SANITARY_LICENCE,
                                        status=CenterDocument.Status.IN_PROCESS, issuer="DRACES / MSPAS",
                                        acting_user=admin)
    elif roll < 0.85:
        issued = today - dt.timedelta(days=rng.randint(760, 1000))
        services.center_document_create(
            center=center, kind=DocumentKind.SANITARY_LICENCE, number=f"LS-{issued.year}-{center.pk:05d}",
            issued_on=issued, expires_on=issued + dt.timedelta(days=730), issuer="DRACES / MSPAS",
            acting_user=admin)
    if rng.random() < 0.5:
        issued = today - dt.timedelta(days=rng.randint(30, 900))
        services.center_document_create(
            center=center, kind=DocumentKind.HABITABILITY, number=f"CH-{center.pk:05d}", issued_on=issued,
            expires_on=issued + dt.timedelta(days=1095), issuer="Inspector de saneamiento, centro de salud",
            acting_user=admin)
