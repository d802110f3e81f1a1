"""The English catalogue (locale/en/LC_MESSAGES) is complete, compiled and safe to format.

Source strings are Spanish; English comes from django.po, compiled to django.mo. These tests need
no database: they read the two files (with the standard library only: polib is not a dependency)
and load the compiled catalogue through `gettext` and Django's `translation.override`.
"""

import ast
import gettext as gettext_module
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"
HOW_TO_FIX = "run manage.py makemessages -l en, translate, compilemessages"


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural.get(i, "") for i in range(max(self.msgstr_plural, default=0) + 1)]

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def untranslated(self) -> bool:
        return not all(self.translations)

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")\s*$')


@cache
def po_entries() -> tuple[Entry, ...]:
    """The active entries of django.po, header excluded (obsolete `#~` entries are skipped)."""
    entries: list[Entry] = []
    current: Entry | None = None
    flags: set[str] = set()
    target: tuple[str, int | None] | None = None

    def append(entry: Entry, where: tuple[str, int | None], text: str) -> None:
        name, index = where
        if name == "msgstr" and index is not None:
            entry.msgstr_plural[index] = entry.msgstr_plural.get(index, "") + text
        else:
            setattr(entry, name, (getattr(entry, name) or "") + text)

    for number, raw in enumerate(PO_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            assert current is not None and target is not None, f"{PO_FILE}:{number}: stray string"
            append(current, target, ast.literal_eval(line))
            continue
        match = _KEYWORD.match(line)
        assert match, f"{PO_FILE}:{number}: cannot parse {raw!r}"
        keyword, index, text = match.groups()
        # A new entry starts at its msgctxt, or at its msgid when it has none.
        if keyword == "msgctxt" or (keyword == "msgid" and (target is None or target[0] != "msgctxt")):
            current = Entry(line=number, flags=flags)
            flags = set()
            entries.append(current)
        assert current is not None
        target = (keyword, int(index) if index is not None else None)
        append(current, target, ast.literal_eval(text))
    return tuple(e for e in entries if e.msgid or e.msgctxt)  # the header has an empty msgid


@cache
def mo_catalogue() -> gettext_module.GNUTranslations:
    with MO_FILE.open("rb") as mo:
        return gettext_module.GNUTranslations(mo)


def test_catalogue_is_parsed():
    entries = po_entries()
    assert len(entries) > 1000, f"only {len(entries)} entries read from {PO_FILE}"
    assert any(e.msgid_plural for e in entries)


def test_no_fuzzy_or_untranslated_entries():
    offenders = [e for e in po_entries() if e.fuzzy or e.untranslated]
    listed = "\n".join(f"  {'fuzzy' if e.fuzzy else 'untranslated'}, {e}" for e in offenders[:10])
    assert not offenders, (
        f"{len(offenders)} fuzzy or untranslated entries in {PO_FILE} (first 10):\n{listed}\n"
        f"To fix: {HOW_TO_FIX}."
    )


def _plural_samples(catalogue: gettext_module.GNUTranslations) -> dict[int, int]:
    """Plural form index -> a count that selects it, per the .mo's own Plural-Forms."""
    samples: dict[int, int] = {}
    for n in range(0, 200):
        samples.setdefault(catalogue.plural(n), n)
    return samples


def test_mo_is_compiled_from_this_po():
    """Every translated entry of the .po reads the same from the .mo: it was compiled after the last edit."""
    catalogue = mo_catalogue()
    samples = _plural_samples(catalogue)
    stale = []
    for entry in po_entries():
        if entry.fuzzy or entry.untranslated:
            continue  # reported by test_no_fuzzy_or_untranslated_entries; msgfmt leaves them out
        if entry.msgid_plural is None:
            got = [catalogue.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt is not None
                   else catalogue.gettext(entry.msgid)]
        else:
            got = [catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, samples[i])
                   if entry.msgctxt is not None
                   else catalogue.ngettext(entry.msgid, entry.msgid_plural, samples[i])
                   for i in range(len(entry.translations))]
        if got != entry.translations:
            stale.append(f"  {entry}: .mo has {got!r}, .po has {entry.translations!r}")
    assert not stale, (
        f"{MO_FILE} is older than {PO_FILE}: {len(stale)} entries differ (first 10):\n"
        + "\n".join(stale[:10]) + f"\nTo fix: {HOW_TO_FIX}."
    )


# %(name)s and its typed variants (%(z).2f, %(low)g), and the bare %s / %d. "%%" is a literal percent
# sign; "% del periodo" or "150 % de" are Spanish text, not placeholders.
_NAMED = re.compile(r"%\(([^)]+)\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")
_BARE = re.compile(r"%[sd]")


def placeholders(text: str) -> set[str]:
    text = text.replace("%%", "")
    return {m.group(0) for m in _NAMED.finditer(text)} | {m.group(0) for m in _BARE.finditer(_NAMED.sub("", text))}


def test_placeholders_match():
    mismatched = []
    for entry in po_entries():
        expected = [placeholders(entry.msgid)]
        if entry.msgid_plural is not None:
            expected.append(placeholders(entry.msgid_plural))
        for msgstr in entry.translations:
            if msgstr and placeholders(msgstr) not in expected:
                mismatched.append(f"  {entry}: msgid has {sorted(expected[0])}, msgstr has "
                                  f"{sorted(placeholders(msgstr))}")
    assert not mismatched, (
        f"{len(mismatched)} translations whose placeholders differ from the Spanish (first 10):\n"
        + "\n".join(mismatched[:10])
    )


def test_placeholder_pattern():
    assert placeholders("%(n)s de %(total)d: %(z).2f, %s y %d; 100 %% o 50 % del total") == {
        "%(n)s", "%(total)d", "%(z).2f", "%s", "%d"}


def test_django_serves_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("Menú") == "Menu"
        assert translation.gettext("Bitácora de accesos") == "Access log"
        assert translation.gettext("Hogares Comunitarios") != "Hogares Comunitarios"
        # "centro" is both a model's verbose_name and a singular/plural pair: one entry serves both.
        assert translation.gettext("centro") == "center"
        assert translation.ngettext("centro", "centros", 3) == "centers"
        assert translation.ngettext("%(n)s mes", "%(n)s meses", 1) % {"n": 1} == "1 month"
    with translation.override("es"):
        assert translation.gettext("Menú") == "Menú"
