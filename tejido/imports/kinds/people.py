"""Personas: the registry's rules (tejido/registry/services.py) applied row by row, with the
territory and centers loaded once so a million rows need no per-row query."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.centers.models import Center
from tejido.common.errors import PermissionDenied
from tejido.common.text import normalize_text
from tejido.registry.choices import Disability, LanguageCommunity, PovertyStatus, Pueblo, Sex
from tejido.registry.cui import clean_cui, cui_check_digit
from tejido.registry.models import Person
from tejido.registry.selectors import PERSON_RECORD_SCOPE
from tejido.registry.services import MAX_AGE_YEARS, TEXT_LIMITS, cui_taken_elsewhere
from tejido.territory.scope import require_personal_data, require_write, restrict

from ..copytext import NULL, copy_escape, needs_escape
from ..fields import (
    SEX_HELP,
    SEX_VARIANTS,
    CellError,
    Coded,
    Column,
    MunicipalityLookup,
    as_text,
    parse_date,
    parse_yes_no,
    sex_code,
    text,
)
from .base import Kind, RowErrors, history_reason, values_present, writer

# Spellings seen in departmental spreadsheets, besides codes and labels.
PUEBLO_ALIASES = {"Indigena": "maya", "Maya indigena": "maya", "Xinca": "xinca", "Garifuna": "garifuna",
                  "No sabe": "no_indica", "Ninguno": "no_indica"}
LANGUAGE_ALIASES = {"Castellano": "espanol", "Kekchi": "qeqchi", "Quiche": "kiche", "Cakchiquel": "kaqchikel",
                    "Kanjobal": "qanjobal", "Tzutujil": "tzutujil", "Pocomchi": "poqomchi", "Chorti": "chorti",
                    "Popti": "jakalteko", "Xinca": "xinka"}
DISABILITY_ALIASES = {"No": "ninguna", "Fisica": "fisica", "Motriz": "fisica", "Sordera": "auditiva",
                      "Ceguera": "visual"}

# Person columns written by COPY (engine.stream_all); the others (deleted_at, deleted_by, place) are NULL.
PERSON_COPY_COLUMNS = (
    "id", "created_at", "updated_at", "created_by_id", "deletion_reason", "given_names", "first_surname",
    "second_surname", "married_surname", "sex", "birth_date", "birth_date_estimated", "cui", "pueblo",
    "language_community", "disability", "poverty_status", "municipality_id", "department_id", "address", "phone",
    "registered_center_id", "search_name",
)
HISTORY_LEFT_OUT = {"updated_at", "search_name"}  # Person.history's excluded_fields
# Their creation history rows (registry_historicalperson), by the same COPY stream: the person's columns
# in the same order, `updated_at` (the import time) becoming `history_date` and `search_name` (not in the
# history) giving way to the reason, the type «+» and the importing user; history_id from its sequence.
HISTORY_COPY_COLUMNS = (
    *PERSON_COPY_COLUMNS[:2], "history_date", *PERSON_COPY_COLUMNS[3:-1],
    "history_change_reason", "history_type", "history_user_id",
)


@dataclass
class PeopleContext:
    user_id: int
    national: bool
    department_ids: frozenset
    clerk_center_ids: frozenset
    municipalities: MunicipalityLookup
    centers: dict  # id -> department id, only centers the user may register people at
    today: dt.date
    history_reason: str = ""  # set by `begin`: «Importación N.º 12» on each person's «+» history row
    user: object = None  # whose scope decides what a CUI clash may say (`conflicts`)


_CENTER_NUMBER = re.compile(r"^(\d{1,18})(?:\s+-\s+.*)?$")


class CenterLookup:
    """A center by number ("12"), "número - nombre" or the office's own code ("HC-0123"), only among
    the centers the user serves; an unknown center and one outside the territory answer alike. A
    text that is one center's number and another's code is refused, never guessed."""

    def __init__(self, centers: dict):
        self.centers = centers
        self._codes = None

    def codes(self) -> dict[str, int]:
        if self._codes is None:  # loaded at the first cell that needs it: most files use numbers
            self._codes = {normalize_text(code): pk for pk, code in Center.objects.filter(
                pk__in=list(self.centers)).exclude(code="").values_list("pk", "code")}
        return self._codes

    def __call__(self, value):
        raw = as_text(value)
        if not raw:
            return None
        by_code = self.codes().get(normalize_text(raw))
        # "12" or "12 - CADI Zacapa" (the list's form); not "901-19", which is a code
        match = _CENTER_NUMBER.match(raw)
        by_number = int(match.group(1)) if match and int(match.group(1)) in self.centers else None
        if by_code is not None and by_number is not None and by_code != by_number:
            raise CellError(_("«%(value)s» es el código de un centro y el número de otro: escriba «número - nombre» "
                              "de la lista.") % {"value": raw[:40]})
        found = by_code if by_code is not None else by_number
        if found is None:
            raise CellError(_("Centro desconocido o fuera de su territorio: «%(value)s».") % {"value": raw[:40]})
        return found


class PeopleKind(Kind):
    slug = "personas"
    label = gettext_lazy("Personas")
    key_help = gettext_lazy("El CUI; sin CUI, nombres y apellidos + fecha de nacimiento + municipio.")

    def __init__(self):
        self.municipality = Column("municipality_id", "Municipio de residencia", True, None,
                                   gettext_lazy("Código INE o «código - municipio (departamento)» de la lista"))
        self.center = Column("registered_center_id", "Centro de registro", False, None,
                             gettext_lazy("Número del centro («número - nombre» de la lista); obligatorio para "
                                          "digitadores de centro"))
        self.columns = [
            Column("given_names", "Nombres", True, text(TEXT_LIMITS["given_names"]), gettext_lazy("Texto")),
            Column("first_surname", "Primer apellido", True, text(TEXT_LIMITS["first_surname"]),
                   gettext_lazy("Texto")),
            Column("second_surname", "Segundo apellido", False, text(TEXT_LIMITS["second_surname"]),
                   gettext_lazy("Texto")),
            Column("married_surname", "Apellido de casada", False, text(TEXT_LIMITS["married_surname"]),
                   gettext_lazy("Solo mujeres")),
            Column("sex", "Sexo", True, sex_code(), SEX_HELP, [str(label) for _v, label in Sex.choices],
                   variants=SEX_VARIANTS),
            Column("birth_date", "Fecha de nacimiento", True, parse_date,
                   gettext_lazy("dd/mm/aaaa, aaaa-mm-dd o dd-mm-aaaa, o una fecha de Excel")),
            Column("birth_date_estimated", "Fecha estimada", False, parse_yes_no,
                   gettext_lazy("Sí si la fecha es aproximada; vacío o No si es exacta"), ["Sí", "No"]),
            Column("cui", "CUI", False, _parse_cui,
                   gettext_lazy("13 dígitos del DPI (espacios y guiones se ignoran)")),
            self.municipality,
            Column("pueblo", "Pueblo", False, Coded(Pueblo, aliases=PUEBLO_ALIASES, default=Pueblo.NOT_STATED),
                   gettext_lazy("De la lista; vacío = No indica"), [str(label) for _v, label in Pueblo.choices]),
            Column("language_community", "Comunidad lingüística", False,
                   Coded(LanguageCommunity, aliases=LANGUAGE_ALIASES, default=LanguageCommunity.NOT_STATED),
                   gettext_lazy("De la lista (Q'eqchi' o Qeqchi, con o sin tildes); vacío = No indica"),
                   [str(label) for _v, label in LanguageCommunity.choices]),
            Column("disability", "Discapacidad", False,
                   Coded(Disability, aliases=DISABILITY_ALIASES, default=Disability.NOT_STATED),
                   gettext_lazy("De la lista; vacío = No indica"), [str(label) for _v, label in Disability.choices]),
            Column("poverty_status", "Condición de pobreza", False,
                   Coded(PovertyStatus, default=PovertyStatus.NOT_ASSESSED),
                   gettext_lazy("De la lista; vacío = Sin estudio socioeconómico"),
                   [str(label) for _v, label in PovertyStatus.choices]),
            Column("address", "Dirección", False, text(TEXT_LIMITS["address"]), gettext_lazy("Texto")),
            Column("phone", "Teléfono", False, text(TEXT_LIMITS["phone"]),
                   gettext_lazy("Números, espacios y guiones")),
            self.center,
        ]
        self._headers = {c.name: c.header for c in self.columns}

    def check_user(self, user) -> None:
        scope = require_write(user)
        require_personal_data(user)
        if not scope.national and not scope.department_ids and not scope.center_ids:
            raise PermissionDenied(_("Su cuenta no tiene departamentos ni centros asignados."))

    def context(self, user) -> PeopleContext:
        from tejido.territory.scope import scope_of

        scope = scope_of(user)
        centers = Center.objects.all()
        if scope.department_ids:
            centers = centers.filter(department_id__in=scope.department_ids)
        elif not scope.national:
            centers = centers.filter(pk__in=scope.center_ids)
        ctx = PeopleContext(user_id=user.pk, national=scope.national, department_ids=scope.department_ids,
                            clerk_center_ids=scope.center_ids, municipalities=MunicipalityLookup(),
                            centers=dict(centers.values_list("id", "department_id")), today=timezone.localdate(),
                            user=user)
        # Parsers that depend on the territory and the user's centers are bound per import.
        self.municipality.parse = ctx.municipalities
        self.center.parse = CenterLookup(ctx.centers)
        return ctx

    def validate(self, values, positions, ctx: PeopleContext) -> dict:
        clean, problems = self.cells(values, positions)
        headers = self._headers

        def problem(name, message):
            problems.append((headers[name], message))

        if clean.get("married_surname") and clean.get("sex") != Sex.FEMALE:
            problem("married_surname", _("El apellido de casada solo aplica a mujeres."))
        birth = clean.get("birth_date")
        if birth:
            if birth > ctx.today:
                problem("birth_date", _("La fecha de nacimiento no puede estar en el futuro."))
            elif birth < ctx.today.replace(year=ctx.today.year - MAX_AGE_YEARS):
                problem("birth_date", _("Edad imposible: más de %(years)s años.") % {"years": MAX_AGE_YEARS})
        phone = clean.get("phone")
        if phone and not phone.replace(" ", "").replace("-", "").lstrip("+").isdigit():
            problem("phone", _("El teléfono solo puede tener números, espacios y guiones."))
        if clean.get("cui"):
            message = _cui_problem(clean["cui"], ctx.municipalities.by_id)
            if message:
                problem("cui", message)
        if clean.get("municipality_id"):
            message = _scope_problem(clean, ctx)
            if message:
                problems.append(message)
        if problems:
            raise RowErrors(problems)
        clean["cui"] = clean.get("cui") or None
        return clean

    def _normal(self, part: str) -> str:
        """normalize_text of one name, remembered: names repeat (a few thousand given names and surnames
        across a million rows), and normalizing each part then joining them gives the same text as
        normalizing the whole name (what Person.refresh_derived does)."""
        memo = self.__dict__.setdefault("_normal_memo", {})
        found = memo.get(part)
        if found is None:
            found = normalize_text(part)
            if len(memo) < 200_000:
                memo[part] = found
        return found

    def key(self, clean: dict) -> str:
        if clean["cui"]:
            return f"cui:{clean['cui']}"
        names = " ".join(filter(None, (self._normal(clean["given_names"]), self._normal(clean["first_surname"]),
                                       self._normal(clean["second_surname"]))))
        return f"{names}|{clean['birth_date']:%Y-%m-%d}|{clean['municipality_id']}"[:255]

    def existing(self, keys, ctx) -> set[str]:
        """Imported before, or a CUI already in the registry however it got there."""
        found = super().existing(keys, ctx)
        cuis = [k[4:] for k in keys if k.startswith("cui:")]
        found |= {f"cui:{c}" for c in values_present(Person, "cui", cuis)}
        return found

    def conflicts(self, found, ctx) -> dict[str, str]:
        """A CUI already registered is skipped when it is the same person, and an error when the name
        differs (a mistake in the file or in the registry); the stored name is never shown. Only for
        people the importer may open (`PERSON_RECORD_SCOPE`): a CUI of someone outside the territory is
        the same error whatever name the row has, so the file confirms nothing about that person (not
        the name, not that it matches, not where they live), and points to the duplicate review."""
        by_cui = {key[4:]: record for key, record in found if key.startswith("cui:")}
        if not by_cui:
            return {}
        stored = Person.all_objects.filter(cui__in=list(by_cui))
        visible = None if ctx.national else set(
            restrict(stored, ctx.user, **PERSON_RECORD_SCOPE).values_list("cui", flat=True))
        other_name = _("CUI: ya está registrado en Tejido con otro nombre; revise el CUI o los nombres.")
        elsewhere = f"{self._headers['cui']}: {cui_taken_elsewhere()}"
        problems = {}
        for cui, given, first in stored.values_list("cui", "given_names", "first_surname"):
            if visible is not None and cui not in visible:
                problems[f"cui:{cui}"] = elsewhere
            elif _name_of(given, first) != _name_of(by_cui[cui]["given_names"], by_cui[cui]["first_surname"]):
                problems[f"cui:{cui}"] = other_name
        return problems

    def begin(self, ctx: PeopleContext, batch) -> None:
        ctx.history_reason = history_reason(batch)

    def write(self, records, ctx: PeopleContext) -> list[int]:
        """bulk_create (any database but PostgreSQL, which streams `copy_texts`): the people, then their
        «+» history rows with the same values, user and time."""
        now = timezone.now()
        normal = self._normal
        rows = []
        for r in records:
            # The derived fields Person.refresh_derived computes: department and search_name.
            rows.append({
                **r, "created_at": now, "updated_at": now, "created_by_id": ctx.user_id,
                "department_id": ctx.municipalities.by_id[r["municipality_id"]],
                "search_name": " ".join(filter(None, (normal(r["given_names"]), normal(r["first_surname"]),
                                                      normal(r["second_surname"]), normal(r["married_surname"])))),
            })
        ids = writer().insert(Person, rows)
        if ctx.history_reason:
            history = Person.history.model
            history.objects.bulk_create([
                history(**{k: v for k, v in row.items() if k not in HISTORY_LEFT_OUT}, id=pk, history_date=now,
                        history_change_reason=ctx.history_reason, history_type="+", history_user_id=ctx.user_id)
                for pk, row in zip(ids, rows, strict=True)], batch_size=1000)
        return ids

    copy_table = Person._meta.db_table
    copy_columns = PERSON_COPY_COLUMNS
    history_table = Person.history.model._meta.db_table
    history_columns = HISTORY_COPY_COLUMNS

    def copy_lines(self, records, ids, ctx: PeopleContext) -> str:
        """COPY text of the people, with the derived fields `write` computes (department, search_name)."""
        return self.copy_texts(records, ids, ctx)[0]

    def copy_texts(self, records, ids, ctx: PeopleContext) -> tuple[str, str]:
        """COPY text of the people and, once `begin` named the batch, of their «+» history rows. A history
        line is its person's line up to the center, then the reason, «+» and the user instead of
        search_name (`HISTORY_COPY_COLUMNS`), so it costs one more string per row. The typed texts are
        escaped only when a row has a backslash, tab or newline (rare): one scan."""
        now = timezone.now().isoformat()
        head = f"{now}\t{now}\t{ctx.user_id}\t"
        tail = f"{copy_escape(ctx.history_reason)}\t+\t{ctx.user_id}\n" if ctx.history_reason else ""
        normal, departments = self._normal, ctx.municipalities.by_id
        lines, history = [], []
        for pk, r in zip(ids, records, strict=True):
            given, first, second = r["given_names"], r["first_surname"], r["second_surname"]
            married, address, phone = r["married_surname"], r["address"], r["phone"]
            if needs_escape(given + first + second + married + address + phone):
                given, first, second, married, address, phone = map(
                    copy_escape, (given, first, second, married, address, phone))
            search = " ".join(filter(None, (normal(r["given_names"]), normal(r["first_surname"]),
                                            normal(r["second_surname"]), normal(r["married_surname"]))))
            center = r["registered_center_id"]
            shared = (
                f"{pk}\t{head}\t{given}\t{first}\t{second}\t{married}\t{r['sex']}\t{r['birth_date']}\t"
                f"{'t' if r['birth_date_estimated'] else 'f'}\t{r['cui'] or NULL}\t{r['pueblo']}\t"
                f"{r['language_community']}\t{r['disability']}\t{r['poverty_status']}\t{r['municipality_id']}\t"
                f"{departments[r['municipality_id']]}\t{address}\t{phone}\t{NULL if center is None else center}\t")
            lines.append(f"{shared}{search}\n")
            if tail:
                history.append(shared + tail)
        return "".join(lines), "".join(history)


def _parse_cui(value) -> str:
    """clean_cui, with the common case (13 digits already) kept fast."""
    raw = as_text(value)
    return raw if raw.isdigit() else clean_cui(raw)


def _name_of(given_names: str, first_surname: str) -> str:
    """The first given name and the first surname, without accents or case: «María José Pérez» and
    «MARIA PEREZ» are the same person written twice; «Juana López» is not."""
    given = normalize_text(given_names).split()[:1]
    return " ".join(given + [normalize_text(first_surname)])


def _cui_problem(cui: str, municipality_departments: dict) -> str:
    """registry.cui.validate_cui's checks, against the territory in memory instead of a query per row."""
    if len(cui) != 13 or not cui.isdigit():
        return _("El CUI debe tener exactamente 13 dígitos.")
    if cui_check_digit(cui[:8]) != int(cui[8]):
        return _("El CUI no es válido: el dígito verificador no coincide.")
    department, municipality = int(cui[9:11]), int(cui[11:13])
    if not 1 <= department <= 22:
        return _("El CUI no es válido: el departamento %(code)s no existe.") % {"code": cui[9:11]}
    if department * 100 + municipality not in municipality_departments:
        return (_("El CUI no es válido: el municipio %(municipality)s no existe en el departamento %(department)s.")
                % {"municipality": cui[11:13], "department": cui[9:11]})
    return ""


def _scope_problem(clean: dict, ctx: PeopleContext):
    """registry.services._check_person_scope: officers place people in their departments (or at
    one of their centers); center clerks only at their own centers."""
    if ctx.national:
        return None
    center = clean.get("registered_center_id")
    if ctx.department_ids:
        department = ctx.municipalities.by_id[clean["municipality_id"]]
        if not center and department not in ctx.department_ids:
            return ("Municipio de residencia", _("Ese municipio está fuera de los departamentos que usted atiende."))
        return None
    if not center or center not in ctx.clerk_center_ids:
        return ("Centro de registro", _("Elija uno de los centros que usted atiende."))
    return None
