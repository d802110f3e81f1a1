"""Asistencia: daily roll marks, one row per person, center and day. Each row goes through
programs.services.roll_call_save, the same service as the roll on screen: the center's roll of
that day is saved again with this person's mark added, which keeps AttendanceMonth and RollMonth
(programs/attendance_summary.py) consistent with the marks. As on screen, everyone enrolled that
day who is not marked present is absent. Rehearsed in pass 1 like enrolments."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.centers.models import Center
from tejido.common.errors import ApplicationError
from tejido.programs.models import Attendance
from tejido.programs.services import enrolments_active_on, roll_call_save

from ..fields import Column, parse_date, parse_yes_no
from .base import RowErrors
from .enrolments import CENTER, PERSON, PersonAtCenterKind, PersonLookup, program_of_center

DAY, PRESENT = "Fecha", "Presente"


class AttendanceKind(PersonAtCenterKind):
    slug = "asistencia"
    label = gettext_lazy("Asistencia diaria")
    key_help = gettext_lazy("Centro + fecha + persona.")
    service_fields = {"center": CENTER, "date": DAY, "person": PERSON}

    def __init__(self):
        self.person = Column("person_id", PERSON, True, PersonLookup(),
                             gettext_lazy("CUI (13 dígitos) o número de registro de la persona inscrita"))
        self.center = Column("center_id", CENTER, True, None,
                             gettext_lazy("Número del centro («número - nombre» de la lista)"))
        self.columns = [
            self.center,
            Column("day", DAY, True, parse_date, gettext_lazy("Día hábil: dd/mm/aaaa, aaaa-mm-dd o dd-mm-aaaa")),
            self.person,
            Column("present", PRESENT, True, parse_yes_no,
                   gettext_lazy("Sí o No; quien no aparece en el archivo queda ausente ese día"), ["Sí", "No"]),
        ]

    def validate(self, values, positions, ctx) -> dict:
        clean, problems = self.cells(values, positions)
        if problems:
            raise RowErrors(problems)
        clean["program"] = program_of_center(clean["center_id"],
                                             _("Ese centro no lleva lista de asistencia de ningún programa."))
        return clean

    def key(self, clean: dict) -> str:
        return f"{clean['center_id']}|{clean['day']:%Y-%m-%d}|{clean['person_id']}"

    def apply(self, clean: dict, ctx) -> int:
        """The roll of that center and day with this row's mark changed; returns the roll's id (its
        marks are replaced on every save, the roll itself stays)."""
        center, day, program = Center.objects.get(pk=clean["center_id"]), clean["day"], clean["program"]
        enrolment = enrolments_active_on(center, program, day).filter(person_id=clean["person_id"]).first()
        if enrolment is None:
            raise ApplicationError(_("No estaba inscrita o inscrito en este centro ese día."), field="person")
        present = set(Attendance.objects.filter(roll__center=center, roll__program=program, roll__date=day,
                                                present=True).values_list("enrolment_id", flat=True))
        if clean["present"]:
            present.add(enrolment.pk)
        else:
            present.discard(enrolment.pk)
        return roll_call_save(center=center, program=program, day=day, present_ids=present,
                              acting_user=ctx.user).pk



