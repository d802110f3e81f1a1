"""One Person per human across every program; households and family units."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.common.models import DomainModel
from tejido.common.text import normalize_text

from .choices import (
    Disability,
    HouseholdKind,
    LanguageCommunity,
    PovertyStatus,
    Pueblo,
    Relationship,
    Sex,
)


class Person(DomainModel):
    given_names = models.CharField(_("nombres"), max_length=80)
    first_surname = models.CharField(_("primer apellido"), max_length=50)
    second_surname = models.CharField(_("segundo apellido"), max_length=50, blank=True)
    married_surname = models.CharField(_("apellido de casada"), max_length=50, blank=True)
    sex = models.CharField(_("sexo"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("fecha de nacimiento"))
    birth_date_estimated = models.BooleanField(_("fecha de nacimiento estimada"), default=False)
    cui = models.CharField(_("CUI"), max_length=13, null=True, blank=True, unique=True)
    pueblo = models.CharField(_("pueblo"), max_length=12, choices=Pueblo.choices, default=Pueblo.NOT_STATED)
    language_community = models.CharField(_("comunidad lingüística"), max_length=12,
                                          choices=LanguageCommunity.choices, default=LanguageCommunity.NOT_STATED)
    disability = models.CharField(_("discapacidad"), max_length=12, choices=Disability.choices,
                                  default=Disability.NOT_STATED)
    poverty_status = models.CharField(_("condición de pobreza"), max_length=16, choices=PovertyStatus.choices,
                                      default=PovertyStatus.NOT_ASSESSED)
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT, related_name="residents",
                                     verbose_name=_("municipio de residencia"))
    # Denormalised from municipality: the scope filter is one indexed column at a million rows.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="residents",
                                   editable=False)
    place = models.ForeignKey("territory.Place", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="residents", verbose_name=_("lugar poblado"))
    address = models.CharField(_("dirección"), max_length=250, blank=True)
    phone = models.CharField(_("teléfono"), max_length=20, blank=True)
    registered_center = models.ForeignKey("centers.Center", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="registered_people", verbose_name=_("centro de registro"))
    # Lower-case, accent-free "given names surnames" for search (trigram-indexed on PostgreSQL).
    search_name = models.CharField(max_length=300, editable=False, db_index=False)

    # The history is read one person at a time (by `id`, indexed) and by date or user; the copies of the
    # person's other indexes (CUI twice, every foreign key) only slowed each write, a bulk import's most.
    history = HistoricalRecords(excluded_fields=["search_name", "updated_at"],
                                no_db_index=["cui", "created_by", "deleted_by", "municipality", "department", "place",
                                             "registered_center"])

    class Meta:
        ordering = ["first_surname", "second_surname", "given_names", "id"]
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        indexes = [
            # Lists are ordered by name: these let PostgreSQL read the first page straight from an
            # index instead of sorting a department (or the whole country) on every page.
            # They are partial (live rows) and carry search_name, so a search can walk the
            # index without touching the table (INCLUDE is PostgreSQL-only; SQLite ignores it).
            models.Index(fields=["first_surname", "second_surname", "given_names", "id"], include=["search_name"],
                         condition=models.Q(deleted_at__isnull=True), name="person_name_order"),
            models.Index(fields=["department", "first_surname", "second_surname", "given_names", "id"],
                         include=["search_name"], condition=models.Q(deleted_at__isnull=True),
                         name="person_dept_name_order"),
            # (municipality and registered_center have their foreign keys' own indexes: the two
            # named copies here were dropped, one index write less per person each.)
            models.Index(fields=["birth_date"], name="person_birth_date"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def surnames(self) -> str:
        text = " ".join(p for p in [self.first_surname, self.second_surname] if p)
        if self.married_surname:
            text += f" de {self.married_surname}"
        return text

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surnames}".strip()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_department_id = instance.__dict__.get("department_id")
        return instance

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding and getattr(self, "_stored_department_id", None) != self.department_id:
            self._mark_enrolments_lived_elsewhere()
        self._stored_department_id = self.department_id

    def _mark_enrolments_lived_elsewhere(self) -> None:
        """A person who moves changes which of their enrolments are outside their department
        (Enrolment.lives_elsewhere, read by the scope of the departments that serve them)."""
        from tejido.programs.models import Enrolment

        mine = Enrolment.all_objects.filter(person_id=self.pk)
        mine.exclude(department_id=self.department_id).filter(lives_elsewhere=False).update(lives_elsewhere=True)
        mine.filter(department_id=self.department_id, lives_elsewhere=True).update(lives_elsewhere=False)

    def refresh_derived(self) -> None:
        self.department_id = self.municipality.department_id if self.municipality_id else None
        self.search_name = normalize_text(
            " ".join([self.given_names, self.first_surname, self.second_surname, self.married_surname])
        )

    def age_on(self, day) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())


class Household(DomainModel):
    """A household, or a returned-migrant family unit received together."""

    kind = models.CharField(_("tipo"), max_length=16, choices=HouseholdKind.choices, default=HouseholdKind.HOUSEHOLD)
    name = models.CharField(_("nombre"), max_length=120, help_text=_("P. ej. «Familia Pérez Caal»."))
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT, related_name="households",
                                     verbose_name=_("municipio"))
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="households",
                                   editable=False)
    place = models.ForeignKey("territory.Place", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="households", verbose_name=_("lugar poblado"))
    address = models.CharField(_("dirección"), max_length=250, blank=True)
    members = models.ManyToManyField(Person, through="HouseholdMember", related_name="households")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("hogar")
        verbose_name_plural = _("hogares")
        indexes = [models.Index(fields=["department", "name"], name="household_dept_name")]

    def __str__(self):
        return self.name


class HouseholdMember(DomainModel):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relationship = models.CharField(_("parentesco"), max_length=16, choices=Relationship.choices)
    joined_on = models.DateField(_("desde"), null=True, blank=True)
    left_on = models.DateField(_("hasta"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("miembro del hogar")
        verbose_name_plural = _("miembros del hogar")
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], condition=models.Q(deleted_at__isnull=True),
                                    name="unique_live_membership"),
            models.UniqueConstraint(fields=["household"],
                                    condition=models.Q(relationship="jefe", deleted_at__isnull=True,
                                                       left_on__isnull=True),
                                    name="one_head_per_household"),
        ]
