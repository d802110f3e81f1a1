"""Pieces every program shares: age rules, enrolment at a center, daily attendance.

The four programs differ in data (which ages, which exit reasons), not in code: childcare,
the elderly program and the women's program all enrol a Person and take a roll."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.accounts.models import Program
from tejido.common.models import DomainModel


class AgeRule(models.Model):
    """Who may be enrolled in a program, as data the program can change without code.

    Ages are half-open intervals in completed months: min_months <= age < max_months."""

    program = models.CharField(_("programa"), max_length=20, choices=Program.choices, unique=True)
    min_months = models.PositiveIntegerField(_("edad mínima (meses cumplidos)"))
    max_months = models.PositiveIntegerField(_("edad máxima (meses, sin incluir)"), null=True, blank=True)
    note = models.CharField(_("nota"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("regla de edad")
        verbose_name_plural = _("reglas de edad")

    def __str__(self):
        return f"{self.get_program_display()}: {self.describe()}"

    def describe(self) -> str:
        def months(m):
            years, rest = divmod(m, 12)
            if years == 0:
                return f"{rest} meses"
            return f"{years} años {rest} meses" if rest else f"{years} años"
        upper = f" y menos de {months(self.max_months)}" if self.max_months else ""
        return f"desde {months(self.min_months)}{upper}"


class ExitReason(models.TextChoices):
    READY_FOR_PRIMARY = "primaria", _("Egresa preparado para primero primaria")
    AGED_OUT = "edad", _("Cumplió la edad máxima")
    MOVED = "traslado", _("Se mudó o trasladó")
    DROPPED_OUT = "desercion", _("Abandonó el programa")
    FAMILY_DECISION = "familia", _("Decisión de la familia")
    HEALTH = "salud", _("Salud")
    DECEASED = "fallecimiento", _("Fallecimiento")
    CENTER_CLOSED = "cierre", _("Cierre del centro")
    TRANSFERRED = "cambio_centro", _("Cambio a otro centro")
    OTHER = "otro", _("Otro")


class Enrolment(DomainModel):
    """A person enrolled in a program at a center, from `start` until `end` (open while active)."""

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="enrolments",
                               verbose_name=_("persona"))
    program = models.CharField(_("programa"), max_length=20, choices=Program.choices)
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="enrolments",
                               verbose_name=_("centro"))
    # Denormalised from the center: the department where the service is given, for scope and reports.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    start = models.DateField(_("fecha de ingreso"))
    end = models.DateField(_("fecha de egreso"), null=True, blank=True)
    exit_reason = models.CharField(_("motivo de egreso"), max_length=16, choices=ExitReason.choices, blank=True)
    # Childcare: attended by a teacher (docente) or by the caregiver only.
    attended_by_teacher = models.BooleanField(_("atendido por docente"), null=True, blank=True)
    # Denormalised: the person lives outside the center's department. People are visible where
    # they are served; reading those few from a small index (registry.selectors._served_in_scope)
    # replaced a join over every enrolment of the department on each search (20 ms at 1M people).
    # Kept by save() below and by Person.save() when a person moves.
    lives_elsewhere = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at", "lives_elsewhere"])

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        constraints = [
            # A person is active in at most one center per program at a time.
            models.UniqueConstraint(fields=["person", "program"],
                                    condition=models.Q(end__isnull=True, deleted_at__isnull=True),
                                    name="one_active_enrolment_per_program"),
        ]
        indexes = [models.Index(fields=["center", "end"], name="enrolment_center_end"),
                   models.Index(fields=["department", "program", "start"], name="enrolment_dept_prog"),
                   models.Index(fields=["department", "person"], condition=models.Q(lives_elsewhere=True),
                                name="enrolment_lives_elsewhere")]

    def __str__(self):
        return f"{self.person} — {self.center}"

    def save(self, *args, **kwargs):
        if Enrolment.person.field.is_cached(self):
            home = self.person.department_id
        else:
            people = self._meta.get_field("person").related_model.all_objects
            home = people.filter(pk=self.person_id).values_list("department_id", flat=True).first()
        self.lives_elsewhere = home != self.department_id
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "lives_elsewhere"}
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.end is None

    def active_on(self, day) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class RollCall(models.Model):
    """The roll of one center on one day was taken (so an absent child is a real absence)."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="roll_calls")
    program = models.CharField(max_length=20, choices=Program.choices)
    date = models.DateField(_("fecha"))
    taken_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField(auto_now=True)
    # When the list was taken on the device, if it was taken offline and sent later (docs/offline.md).
    captured_at = models.DateTimeField(_("tomada en el dispositivo"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["center", "program", "date"], name="one_roll_per_day")]
        verbose_name = _("lista de asistencia")
        verbose_name_plural = _("listas de asistencia")

    def version_rows(self):
        """The marks: the day's list form replaces them all, so its version covers them
        (reliability.locking.version_of)."""
        return list(self.marks.order_by("enrolment_id"))


class Attendance(models.Model):
    """One person's presence on one roll."""

    roll = models.ForeignKey(RollCall, on_delete=models.CASCADE, related_name="marks")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("presente"), default=False)
    # The program level on that day (childcare: inicial / preprimaria), kept so monthly
    # averages by level are a GROUP BY, not an age computation per row.
    level = models.CharField(_("nivel"), max_length=12, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["roll", "enrolment"], name="one_mark_per_roll")]
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencias")


class Event(DomainModel):
    """A training, talk, fair or outreach day with participants: every program uses the same
    piece and differs only in its kinds and audiences."""

    class Kind(models.TextChoices):
        TRAINING = "capacitacion", _("Capacitación")
        TALK = "charla", _("Charla informativa")
        COMMERCIAL = "comercializacion", _("Evento de comercialización")
        OUTREACH = "jornada", _("Jornada de servicios")
        CARE_ACTIVITY = "atencion", _("Atención integral")
        INTERGENERATIONAL = "intergeneracional", _("Evento intergeneracional")
        HOME_VISIT = "visita_domiciliaria", _("Visita domiciliaria")
        MEETING = "reunion", _("Reunión")

    class Modality(models.TextChoices):
        IN_PERSON = "presencial", _("Presencial")
        VIRTUAL = "virtual", _("Virtual")
        DISTANCE = "a_distancia", _("A distancia")
        IN_SITU = "in_situ", _("In situ")

    class Audience(models.TextChoices):
        TEACHERS = "docentes", _("Docentes")
        CAREGIVERS = "madres_cuidadoras", _("Madres cuidadoras")
        PARENTS = "padres", _("Madres y padres de familia")
        SUPERVISORS = "supervisoras", _("Delegadas y supervisoras")
        STAFF = "personal", _("Personal de SOSEP")
        BENEFICIARIES = "beneficiarios", _("Beneficiarias y beneficiarios")
        ELDERLY = "adultos_mayores", _("Personas adultas mayores")

    program = models.CharField(_("programa"), max_length=20, choices=Program.choices)
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("tema"), max_length=250)
    # A program's own classification of the event (elderly: one of the seven care axes;
    # women: the product line of a training), kept as data.
    category = models.CharField(_("categoría"), max_length=40, blank=True)
    modality = models.CharField(_("modalidad"), max_length=12, choices=Modality.choices, default=Modality.IN_PERSON)
    audience = models.CharField(_("dirigido a"), max_length=20, choices=Audience.choices)
    date = models.DateField(_("fecha"))
    center = models.ForeignKey("centers.Center", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="events", verbose_name=_("centro"))
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipio"))
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    partner = models.CharField(_("institución aliada"), max_length=150, blank=True)
    # People attending without a registry record (a talk to 33 parents): counted, not named.
    unnamed_participants = models.PositiveIntegerField(_("participantes sin registro"), default=0)
    # A training's participants who received a diploma (seed 001 §7: «100 personas capacitadas … 69
    # recibieron su diploma de acreditación»).
    # db_default: writers that COPY rows without naming the column (the data generators) get 0, not NULL.
    diplomas = models.PositiveIntegerField(_("personas con diploma"), default=0, db_default=0)
    # The office's own code for the event, as its spreadsheets name it (unique per program when
    # given): an import groups its rows by it instead of by date, place and topic.
    code = models.CharField(_("código"), max_length=40, blank=True, default="", db_default="")
    participants = models.ManyToManyField("registry.Person", blank=True, related_name="events",
                                          verbose_name=_("participantes registrados"))
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[participants])

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("evento")
        verbose_name_plural = _("eventos")
        indexes = [models.Index(fields=["department", "program", "date"], name="event_dept_prog_date")]
        constraints = [models.UniqueConstraint(fields=["program", "code"], condition=~models.Q(code=""),
                                               name="event_code_unique_per_program")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.topic}"


# item code -> label; each program registers its items (elderly.site, socialservice, ...).
DELIVERY_ITEM_LABELS: dict = {}


class Delivery(DomainModel):
    """Something handed to a person or a group: a wheelchair, a kit of materials, a diaper pack,
    a service such as transport. Every program records deliveries here; a delivery from an
    office's stock also has its stock exit (tejido.stock)."""

    program = models.CharField(_("programa"), max_length=20, choices=Program.choices)
    # The program's own item code (social service: "silla_ruedas"; elderly: "kit_materiales").
    item = models.CharField(_("producto o servicio"), max_length=40)
    quantity = models.PositiveIntegerField(_("cantidad"), default=1)
    date = models.DateField(_("fecha"))
    person = models.ForeignKey("registry.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="deliveries", verbose_name=_("persona"))
    center = models.ForeignKey("centers.Center", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="deliveries", verbose_name=_("centro"))
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries",
                              verbose_name=_("evento o jornada"))
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipio"))
    # Where it was handed over, for scope and reports.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    receipt = models.CharField(_("número de constancia"), max_length=40, blank=True)
    note = models.CharField(_("observación"), max_length=250, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("entrega")
        verbose_name_plural = _("entregas")
        indexes = [models.Index(fields=["department", "program", "date"], name="delivery_dept_prog_date")]

    def __str__(self):
        return f"{self.quantity} × {self.item_label} ({self.date:%d/%m/%Y})"

    @property
    def item_label(self) -> str:
        return str(DELIVERY_ITEM_LABELS.get(self.item, self.item))


class Referral(DomainModel):
    """A person referred from one program to another program of the secretariat or to a
    partner institution; the receiver accepts or rejects it with a reason; follow-up visits."""

    class Status(models.TextChoices):
        PENDING = "pendiente", _("Pendiente")
        ACCEPTED = "aceptada", _("Aceptada")
        REJECTED = "rechazada", _("Rechazada")
        CLOSED = "cerrada", _("Cerrada")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="referrals",
                               verbose_name=_("persona"))
    origin_program = models.CharField(_("programa que deriva"), max_length=20, choices=Program.choices)
    # Either a program of the secretariat or a partner institution (Refugio de la Niñez, OIM, MINTRAB...).
    destination_program = models.CharField(_("programa de destino"), max_length=20, choices=Program.choices,
                                           blank=True)
    destination_institution = models.CharField(_("institución de destino"), max_length=150, blank=True)
    reason = models.CharField(_("motivo"), max_length=250)
    date = models.DateField(_("fecha de derivación"))
    # Where the person will be served and followed up: scope and reports use it.
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipio de seguimiento"))
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_on = models.DateField(_("fecha de respuesta"), null=True, blank=True)
    decision_reason = models.CharField(_("motivo de la respuesta"), max_length=250, blank=True)
    # The record that gave rise to it, e.g. "migrants.Reception:42", for the origin's own pages.
    source = models.CharField(_("origen"), max_length=60, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("derivación")
        verbose_name_plural = _("derivaciones")
        indexes = [models.Index(fields=["department", "origin_program", "date"], name="referral_dept_origin"),
                   models.Index(fields=["source"], name="referral_source")]
        constraints = [models.CheckConstraint(
            condition=~models.Q(destination_program="", destination_institution=""), name="referral_has_destination")]

    def __str__(self):
        return f"{self.person} → {self.destination_label}"

    @property
    def destination_label(self) -> str:
        return self.get_destination_program_display() if self.destination_program else self.destination_institution


class ReferralFollowUp(models.Model):
    """A community follow-up visit or call on a referral."""

    class Kind(models.TextChoices):
        VISIT = "visita", _("Visita en la comunidad")
        CALL = "llamada", _("Llamada telefónica")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("fecha"))
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices, default=Kind.VISIT)
    notes = models.CharField(_("observaciones"), max_length=500)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("seguimiento")
        verbose_name_plural = _("seguimientos")


class AttendanceMonth(models.Model):
    """A center's presences in one month by sex, level and pueblo, rewritten with every roll of
    that month (programs.attendance_summary). Monthly and yearly averages read these few rows
    instead of millions of marks; the marks stay the record of who came."""

    program = models.CharField(max_length=20, choices=Program.choices)
    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+")
    month = models.DateField()  # first day of the month
    sex = models.CharField(max_length=1)
    level = models.CharField(max_length=12, blank=True)
    pueblo = models.CharField(max_length=12, blank=True)
    presences = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "center", "month", "sex", "level", "pueblo"],
                                               name="one_attendance_month_row")]
        indexes = [models.Index(fields=["program", "month", "department"], name="attendance_month_scope")]


class RollMonth(models.Model):
    """The days of a month on which a center took a roll with at least one mark, as bits
    (day d = bit d-1): the days of a whole territory are the OR of its centers' masks."""

    program = models.CharField(max_length=20, choices=Program.choices)
    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    days = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "center", "month"], name="one_roll_month_row")]
        indexes = [models.Index(fields=["program", "month", "department"], name="roll_month_scope")]
