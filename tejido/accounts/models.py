"""Users, their role and their territorial scope; API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrador")
    PROGRAM_STAFF = "program_staff", _("Personal central de programa")
    DEPARTMENT_OFFICER = "department_officer", _("Delegado departamental")
    CENTER_CLERK = "center_clerk", _("Digitador de centro")
    PLANNER = "planner", _("Planificación y finanzas")
    AUDITOR = "auditor", _("Auditor")
    # The only role that opens child-protection cases (seed 001 §4.1.7); no one else, not
    # even administrators or other central staff, sees their content.
    PROTECTION_OFFICER = "protection_officer", _("Encargada de protección infantil")


# How each role's title reads for a woman and for a man («Delegada departamental», «Digitador de
# centro»); with no form chosen, both («Delegada o delegado departamental»).
ROLE_TITLES = {
    Role.ADMIN: (_("Administradora"), _("Administrador"), _("Administradora o administrador")),
    Role.DEPARTMENT_OFFICER: (_("Delegada departamental"), _("Delegado departamental"),
                              _("Delegada o delegado departamental")),
    Role.CENTER_CLERK: (_("Digitadora de centro"), _("Digitador de centro"), _("Digitadora o digitador de centro")),
    Role.AUDITOR: (_("Auditora"), _("Auditor"), _("Auditora o auditor")),
    Role.PROTECTION_OFFICER: (_("Encargada de protección infantil"), _("Encargado de protección infantil"),
                              _("Encargada o encargado de protección infantil")),
}


class TitleForm(models.TextChoices):
    BOTH = "", _("Sin indicar (las dos formas)")
    FEMININE = "f", _("Femenina (delegada, digitadora…)")
    MASCULINE = "m", _("Masculina (delegado, digitador…)")


class Program(models.TextChoices):
    CHILDCARE = "childcare", _("Hogares Comunitarios")
    WOMEN = "women", _("Mejoramiento Socioeconómico de la Mujer")
    SOCIAL_SERVICE = "social_service", _("Servicio Social")
    ELDERLY = "elderly", _("Mis Años Dorados")


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.DEPARTMENT_OFFICER)
    program = models.CharField(_("programa"), max_length=20, choices=Program.choices, blank=True)
    departments = models.ManyToManyField(
        "territory.Department", blank=True, related_name="officers", verbose_name=_("departamentos"),
        help_text=_("Para delegados departamentales: los departamentos cuyos registros puede ver."),
    )
    centers = models.ManyToManyField(
        "centers.Center", blank=True, related_name="clerks", verbose_name=_("centros"),
        help_text=_("Para digitadores: los centros cuyos registros puede ver."),
    )
    title_form = models.CharField(_("forma del cargo"), max_length=1, choices=TitleForm.choices, blank=True,
                                  help_text=_("Cómo se muestra el cargo: «Delegada departamental» o «Delegado "
                                              "departamental»."))

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")

    @property
    def role_label(self) -> str:
        """The role's title as this user holds it (feminine, masculine or both forms)."""
        titles = ROLE_TITLES.get(self.role)
        if titles is None:
            return Role(self.role).label
        feminine, masculine, both = titles
        return {TitleForm.FEMININE: feminine, TitleForm.MASCULINE: masculine}.get(self.title_form, both)

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def needs_second_factor(self) -> bool:
        """Administrators, and whoever opens child-protection cases, log in with a TOTP code."""
        return self.is_administrator or self.role == Role.PROTECTION_OFFICER


class ApiToken(models.Model):
    """A bearer token for /api/v1/. Only a hash is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nombre"), max_length=80)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The second-factor device the session that made the token was verified with. For a user who
    # needs a second factor a token works only while this device exists and is hers: a token made
    # with the password alone, or whose device was removed, opens nothing (issue 15, item 1).
    otp_device = models.ForeignKey("otp_totp.TOTPDevice", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    class Meta:
        verbose_name = _("token de API")
        verbose_name_plural = _("tokens de API")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, device=None) -> tuple["ApiToken", str]:
        """`device`: the verified second-factor device of the session that asks (None for roles
        that do not need one)."""
        key = "tj_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=cls.hash_key(key),
                                   otp_device=device)
        return token, key

    @property
    def passes_second_factor(self) -> bool:
        """Whether this token may act for its user as far as the second factor goes."""
        if not self.user.needs_second_factor:
            return True
        device = self.otp_device
        return device is not None and device.confirmed and device.user_id == self.user_id
