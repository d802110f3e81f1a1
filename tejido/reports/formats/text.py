"""How a value reads in a document: 16,407 · Q1,234.56 · 94.48%."""

from tejido.web.templatetags.tejido import num, quetzales


def cell_text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return quetzales(value)
    if kind == "percent":
        return f"{num(value, 2)}%"
    if kind == "int":
        return num(value)
    return str(value)


def scope_text(report: dict) -> str:
    departments = report["scope"]["departments"]
    return ", ".join(departments) if departments else "nacional"
