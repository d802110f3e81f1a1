"""The list of published tables in docs/portal.md, generated from the allow-list
(`python manage.py portal_doc`; tests/test_catalogue_doc.py fails when the file falls behind)."""

from django.utils import translation

from tejido.reports.catalogue_doc import replaced as replaced_between
from tejido.reports.tables import TABLES

from .catalogue import PROGRAMS, PUBLISHED

START, END = "<!-- publicados:inicio (generado: python manage.py portal_doc) -->", "<!-- publicados:fin -->"


def _code(columns) -> str:
    return ", ".join(f"`{c}`" for c in columns) or "—"


def _how(spec) -> str:
    said = []
    if spec.by_department:
        said.append("por departamento")
    if spec.row_key:
        said.append("fila = " + " + ".join(f"`{c}`" for c in spec.row_key))
    if spec.stock:
        said.append("al último día del periodo (el año = su último cuatrimestre)")
    if spec.floor:
        said.append(f"fila listada solo si `{spec.floor}` ≥ 1")
    return "; ".join(said) or "—"


def published_markdown() -> str:
    """One row per allow-listed table, in the allow-list's order."""
    lines = [START, "", "| id | Cuadro | Programa | Conteos de personas protegidos | No se publica | Cómo |",
             "|---|---|---|---|---|---|"]
    with translation.override("es"):
        programs = {code: str(label) for code, label in PROGRAMS}
        for spec in PUBLISHED:
            lines.append(f"| `{spec.table_id}` | {TABLES[spec.table_id].title} | {programs[spec.program]} | "
                         f"{_code(spec.counts)} | {_code(spec.omit)} | {_how(spec)} |")
    return "\n".join([*lines, "", END])


def replaced(document: str, block: str) -> str:
    return replaced_between(document, block, START, END)
