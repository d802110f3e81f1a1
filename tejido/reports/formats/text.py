"""How a value reads in a document: 16,407 · Q1,234.56 · 94.48%."""

import re

from tejido.web.templatetags.tejido import num, quetzales

# Characters XML 1.0 does not allow: Word and Excel files refuse them (python-docx and openpyxl
# raise) and a PDF shows them as boxes. Records can carry them (a vertical tab pasted from Word).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def printable(value, *, longest: int | None = None):
    """The value (a report, or any part of it) with those characters as spaces in every text, and
    texts longer than `longest` characters cut there (ending in "…")."""
    if isinstance(value, str):
        value = _NOT_XML.sub(" ", value)
        return value[:longest - 1] + "…" if longest and len(value) > longest else value
    if isinstance(value, dict):
        return {key: printable(item, longest=longest) for key, item in value.items()}
    if isinstance(value, list):
        return [printable(item, longest=longest) for item in value]
    return value


def cell_text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return quetzales(value)
    if kind == "percent":
        return f"{num(value, 2)}%"
    if kind == "decimal":
        return num(value, 2)
    if kind == "int":
        return num(value)
    return str(value)


def scope_text(report: dict) -> str:
    departments = report["scope"]["departments"]
    return ", ".join(departments) if departments else "nacional"


def check_texts(report: dict) -> list[tuple[str, bool]]:
    """The report's cross-table checks (report_checks.py) as lines (text, failed) for DOCX and PDF:
    one per check, what disagrees after a failed one."""
    lines = []
    for check in report.get("checks", []):
        if check["ok"]:
            lines.append((f"✓ {check['title']}: coinciden.", False))
            continue
        lines.append((f"✗ {check['title']}. {check['explanation']}", True))
        lines.extend((f"    {example}", False) for example in check["examples"])
    return lines
