"""PostgreSQL COPY text format (the default `FORMAT text`): one line per row, columns separated by
a tab, `\\N` for NULL, and a backslash, tab, newline or carriage return inside a value written as
`\\\\`, `\\t`, `\\n`, `\\r`. A name with a tab or a backslash must come back exactly as it was typed."""

import re

NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
needs_escape = re.compile(r"[\\\t\n\r]").search


def copy_escape(value: str) -> str:
    """A text value for a COPY line."""
    return value.translate(_ESCAPES) if needs_escape(value) else value


def copy_value(value) -> str:
    """Any Python value for a COPY line: None, booleans, dates, numbers, text."""
    if value is None:
        return NULL
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return copy_escape(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
