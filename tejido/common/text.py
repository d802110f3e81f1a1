"""Text helpers shared by search, deduplication and imports."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize_text(value: str | None) -> str:
    """Lower case, accents and apostrophes removed, words separated by one space.

    "Q'eqchi'" -> "qeqchi"; "María José  PÉREZ" -> "maria jose perez".
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = without_marks.lower().replace("'", "").replace("’", "")
    return _NON_ALNUM.sub(" ", lowered).strip()


def search_tokens(query: str, *, max_tokens: int = 6) -> list[str]:
    return [t for t in normalize_text(query).split(" ") if t][:max_tokens]


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value):
    """Protect a spreadsheet cell against formula injection (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
