"""Mis Años Dorados writers beyond the shared ones: a home visit is an Event with the visited
person as its one named participant, so it counts with the rest of integral care."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.programs import services as program_services
from tejido.programs.deliveries import delivery_create
from tejido.programs.models import Enrolment, Event
from tejido.programs.referrals import referral_create

from .site import PROGRAM, CareAxis, ElderlyItem


@transaction.atomic
def home_visit_record(*, enrolment: Enrolment, date: dt.date, topic: str, acting_user, category: str = "") -> Event:
    if category and category not in CareAxis.values:
        raise ApplicationError(_("Elija un eje de la lista."), field="category")
    if not enrolment.active_on(date):
        raise ApplicationError(_("En esa fecha la persona no estaba inscrita en el programa."), field="date")
    return program_services.event_create(
        program=PROGRAM, kind=Event.Kind.HOME_VISIT, topic=topic, audience=Event.Audience.ELDERLY, date=date,
        center=enrolment.center, municipality=enrolment.center.municipality, acting_user=acting_user,
        participants=[enrolment.person], category=category, modality=Event.Modality.IN_SITU)


@transaction.atomic
def referral_from_enrolment(*, enrolment: Enrolment, date: dt.date, reason: str, acting_user,
                            destination_program: str = "", destination_institution: str = ""):
    program_services.check_center_in_scope(acting_user, enrolment.center)
    return referral_create(person=enrolment.person, origin_program=PROGRAM, reason=reason, date=date,
                           municipality=enrolment.center.municipality, acting_user=acting_user,
                           destination_program=destination_program, destination_institution=destination_institution,
                           source=f"elderly.Enrolment:{enrolment.pk}")


def delivery_record(*, center, item: str, quantity: int, date: dt.date, acting_user, note: str = ""):
    """Kits, food or glasses handed out at a center (the item must be one the program gives)."""
    if item not in ElderlyItem.values:
        raise ApplicationError(_("Elija qué se entregó de la lista."), field="item")
    return delivery_create(program=PROGRAM, item=item, quantity=quantity, date=date, center=center,
                           municipality=center.municipality, note=note, acting_user=acting_user)
