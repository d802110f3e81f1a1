"""The template registry: one module per kind of record people import in bulk."""

from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError

from .attendance import AttendanceKind
from .budget import BudgetKind
from .caregivers import CaregiversKind, TeacherPostsKind
from .centers import CentersKind
from .deliveries import DeliveriesKind
from .enrolments import EnrolmentsKind
from .events import EventsKind
from .households import HouseholdsKind
from .income import IncomeKind
from .people import PeopleKind
from .receptions import ReceptionsKind
from .screenings import ScreeningsKind

# In the order a migration imports them: centers and people first, then what refers to them.
KINDS = {kind.slug: kind for kind in (CentersKind(), PeopleKind(), EnrolmentsKind(), CaregiversKind(),
                                      TeacherPostsKind(), ScreeningsKind(), HouseholdsKind(), AttendanceKind(),
                                      EventsKind(), DeliveriesKind(), IncomeKind(), ReceptionsKind(), BudgetKind())}


def get_kind(slug: str):
    """A fresh instance per import: `context()` binds the importer's territory and centers to the
    column parsers, which must never be shared with another user's import running alongside."""
    try:
        return type(KINDS[slug])()
    except KeyError:
        raise ApplicationError(_("Elija una plantilla de la lista."), field="plantilla") from None
