"""Madres cuidadoras: one row per caregiver post at a community home or CADI, with who pays her
and the monthly amount (seed 001 §4: 1,247 paid by SOSEP, 31 by municipalities, 2 by the prison
system), through `childcare.staff.caregiver_add`, the service of the center's staff page: a
daycare center in the importer's territory, an adult, not twice at one center, an amount within
range. Rehearsed in pass 1 like enrolments; the person by CUI or Tejido number, the center by
number or the office's code."""

from django.utils.translation import gettext_lazy

from tejido.centers.models import Center
from tejido.childcare.models import Caregiver
from tejido.childcare.staff import caregiver_add
from tejido.registry.models import Person

from ..fields import Coded, Column, parse_date, parse_decimal
from .enrolments import CENTER, PERSON, START, PersonAtCenterKind, PersonLookup

PAYER, AMOUNT = "Quién paga", "Monto mensual (Q)"


class CaregiversKind(PersonAtCenterKind):
    slug = "cuidadoras"
    label = gettext_lazy("Madres cuidadoras")
    key_help = gettext_lazy("Persona + centro + fecha de inicio.")
    rehearse = True
    service_fields = {"person_id": PERSON, "person": PERSON, "center": CENTER, "start": START, "payer": PAYER,
                      "monthly_amount": AMOUNT}

    def __init__(self):
        self.person = Column("person_id", PERSON, True, PersonLookup(),
                             gettext_lazy("CUI (13 dígitos) o número de registro de la persona en Tejido"))
        self.center = Column("center_id", CENTER, True, None,
                             gettext_lazy("Hogar Comunitario o CADI: número, «número - nombre» o código"))
        self.columns = [
            self.person, self.center,
            Column("start", START, True, parse_date, gettext_lazy("Desde cuándo cuida en ese centro")),
            Column("payer", PAYER, True,
                   Coded(Caregiver.Payer, aliases={"SOSEP": "sosep", "Transferencia SOSEP": "sosep",
                                                   "Municipal": "municipalidad"}),
                   gettext_lazy("De la lista: SOSEP, Municipalidad o Sistema Penitenciario"),
                   [str(label) for _v, label in Caregiver.Payer.choices]),
            Column("monthly_amount", AMOUNT, False, parse_decimal,
                   gettext_lazy("Opcional: quetzales al mes, p. ej. 1000")),
        ]

    def key(self, clean: dict) -> str:
        return f"{clean['person_id']}|{clean['center_id']}|{clean['start']:%Y-%m-%d}"

    def apply(self, clean: dict, ctx) -> int:
        return caregiver_add(center=Center.objects.get(pk=clean["center_id"]),
                             person=Person.objects.get(pk=clean["person_id"]), payer=clean["payer"],
                             monthly_amount=clean.get("monthly_amount"), start=clean["start"],
                             acting_user=ctx.user).pk


POST_CODE, SOURCE, TEACHER = "Código del puesto", "Asignado por", "Docente (CUI o número de registro)"


class TeacherPostsKind(PersonAtCenterKind):
    """Puestos docentes (seed 001 table 5: by who assigned them) through `teacher_post_add`, the
    staff page's service. One row per post; two posts of one center, date and assigner without a
    teacher are told apart by their «Código del puesto»."""

    slug = "puestos_docentes"
    label = gettext_lazy("Puestos docentes")
    key_help = gettext_lazy("Centro + fecha + quién asignó + docente (o código del puesto).")
    rehearse = True
    service_fields = {"center": CENTER, "start": START, "source": SOURCE, "teacher": TEACHER}

    def __init__(self):
        from tejido.childcare.models import TeacherPost

        from ..fields import text

        self.person = Column("teacher_id", TEACHER, False, PersonLookup(),
                             gettext_lazy("Opcional: la o el docente, por CUI o número en Tejido"))
        self.center = Column("center_id", CENTER, True, None,
                             gettext_lazy("CADI u Hogar Comunitario: número, «número - nombre» o código"))
        self.columns = [
            self.center,
            Column("start", START, True, parse_date, gettext_lazy("Desde cuándo existe el puesto")),
            Column("source", SOURCE, True,
                   Coded(TeacherPost.Source, aliases={"MINEDUC": "mineduc_sosep",
                                                       "Supervisión": "direccion_departamental",
                                                       "Municipalidad": "municipalidad_cooperante"}),
                   gettext_lazy("De la lista"), [str(label) for _v, label in TeacherPost.Source.choices]),
            self.person,
            Column("code", POST_CODE, False, text(40),
                   gettext_lazy("Opcional: distingue puestos sin docente del mismo centro, fecha y asignación")),
        ]

    def key(self, clean: dict) -> str:
        who = f"p{clean['teacher_id']}" if clean.get("teacher_id") else f"c{clean.get('code') or ''}"
        return f"{clean['center_id']}|{clean['start']:%Y-%m-%d}|{clean['source']}|{who}"[:255]

    def apply(self, clean: dict, ctx) -> int:
        from tejido.childcare.staff import teacher_post_add

        teacher = Person.objects.get(pk=clean["teacher_id"]) if clean.get("teacher_id") else None
        return teacher_post_add(center=Center.objects.get(pk=clean["center_id"]), source=clean["source"],
                                start=clean["start"], teacher=teacher, acting_user=ctx.user).pk
