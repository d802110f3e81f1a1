"""A report's narrative bound to its figures (issue 17 item 9).

The 2023 annual report said «221 municipios» in its text and 218 in its table: the text was typed
apart from the tables. Here a section's text names a number by the cell it comes from,

    Se atendió a [[childcare.children_by_department|Total|total]] niñas y niños en
    [[childcare.children_by_department|Total|municipalities]] municipios.

`[[table id|row|column id]]`: the row is the text of the row's first column («Zacapa»), «Total» for
the totals row, or «#3» for the third row. Wherever the report is printed (HTML, DOCX, PDF, JSON)
the reference becomes the cell's value as the table prints it, for the period and scope of that
build. A reference that names no cell is refused when the text is saved; a number typed by hand is
flagged to the editor, with the reference to use when it equals a cell."""

import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.common.errors import ApplicationError

from .formats.text import cell_text

PRESENTATION = "presentacion"
SECTION_LABELS = {
    PRESENTATION: gettext_lazy("Presentación"),
    "childcare": gettext_lazy("Hogares Comunitarios y CADI"),
    "protection": gettext_lazy("Protección de la niñez"),
    "women": gettext_lazy("Mejoramiento de las condiciones socioeconómicas de la mujer"),
    "social_service": gettext_lazy("Servicio Social"),
    "migrants": gettext_lazy("Unidades familiares migrantes"),
    "elderly": gettext_lazy("Mis Años Dorados"),
    "donations": gettext_lazy("Donaciones"),
    "shelters": gettext_lazy("Albergues temporales"),
    "agreements": gettext_lazy("Convenios y licencias"),
    "programs": gettext_lazy("Capacitaciones al personal"),
    "planning": gettext_lazy("Metas físicas y ejecución presupuestaria"),
}
REFERENCE = re.compile(r"\[\[\s*([a-z_]+\.[a-z_]+)\s*\|\s*([^|\]]+?)\s*\|\s*([a-z_]+)\s*\]\]")
# 16,407 · 94.48 · 218 (not part of a word, a code like 4.1.5 or a reference)
NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w]|[.,]\d)")
SMALLEST_FLAGGED = 10  # «los cuatro perfiles», «3 cuatrimestres»: small counts of words are not figures
YEARS = (1990, 2100)   # «en 2023», «el plan 2022»: a four-digit number in this range is read as a year


class NarrativeError(ApplicationError):
    pass


@dataclass
class Cell:
    reference: str
    table: str
    row: str
    column: str
    value: object
    text: str


def _fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def _row_label(table: dict, row: dict) -> str:
    first = table["columns"][0]["id"]
    return str(row.get(first, ""))


def _find_row(table: dict, label: str) -> dict | None:
    if _fold(label) in ("total", "totales"):
        return table.get("totals") or None
    if label.startswith("#") and label[1:].isdigit():
        index = int(label[1:]) - 1
        return table["rows"][index] if 0 <= index < len(table["rows"]) else None
    matches = [row for row in table["rows"] if _fold(_row_label(table, row)) == _fold(label)]
    return matches[0] if len(matches) == 1 else None


def resolve(report: dict, table_id: str, row_label: str, column_id: str) -> str:
    """The cell's value as its table prints it, or NarrativeError saying what is not there."""
    table = next((t for t in report["tables"] if t["id"] == table_id), None)
    if table is None:
        raise NarrativeError(_("El cuadro «%(t)s» no está en este informe.") % {"t": table_id})
    column = next((c for c in table["columns"] if c["id"] == column_id), None)
    if column is None:
        raise NarrativeError(_("El cuadro «%(t)s» no tiene la columna «%(c)s».")
                             % {"t": table["title"], "c": column_id})
    row = _find_row(table, row_label)
    if row is None:
        raise NarrativeError(_("El cuadro «%(t)s» no tiene una sola fila «%(r)s» en este periodo.")
                             % {"t": table["title"], "r": row_label})
    return cell_text(row.get(column_id), column["kind"]) or "—"


def cells(report: dict) -> list[Cell]:
    """Every numeric cell of the report with its reference (the editor's picker)."""
    found = []
    for table in report["tables"]:
        numeric = [c for c in table["columns"] if c["kind"] != "text"]
        labelled = [(str(_("Total")), table.get("totals"))] if table.get("totals") else []
        labels = [_row_label(table, row) for row in table["rows"]]
        for index, (label, row) in enumerate(zip(labels, table["rows"], strict=True)):
            unique = label and labels.count(label) == 1 and _fold(label) not in ("total", "totales")
            labelled.append((label if unique else f"#{index + 1}", row))
        for label, row in labelled:
            for column in numeric:
                value = row.get(column["id"])
                if value is None:
                    continue
                found.append(Cell(f"[[{table['id']}|{label}|{column['id']}]]", table["title"], label,
                                  str(column["label"]), value, cell_text(value, column["kind"])))
    return found


def _as_number(text: str) -> float:
    return float(text.replace(",", ""))


def typed_numbers(text: str, report: dict, years: set[int]) -> list[str]:
    """Numbers written by hand (outside references): each one flagged, with the reference to use
    when it equals a cell of the report, or saying that no table has it."""
    by_value: dict[float, list[Cell]] = {}
    for cell in cells(report):
        if isinstance(cell.value, (int, float)):
            by_value.setdefault(float(cell.value), []).append(cell)
    problems = []
    for match in NUMBER.finditer(REFERENCE.sub(" ", text)):
        typed = match.group(1)
        value = _as_number(typed)
        a_year = "," not in typed and "." not in typed and (int(value) in years or YEARS[0] <= value <= YEARS[1])
        if value < SMALLEST_FLAGGED or a_year:
            continue
        same = by_value.get(value, [])
        if same:
            problems.append(_("«%(n)s» está escrito a mano; es la cifra de %(where)s: escriba %(ref)s para que "
                              "siga al cuadro.") % {"n": typed, "where": f"{same[0].table}, {same[0].row}, "
                                                                            f"{same[0].column}",
                                                     "ref": same[0].reference})
        else:
            problems.append(_("«%(n)s» está escrito a mano y no es ninguna cifra de los cuadros de este informe: "
                              "si es una cifra del informe, no coincide con los cuadros.") % {"n": typed})
    return problems


def render(text: str, report: dict) -> tuple[str, list[str]]:
    """The text with each reference replaced by its value; the problems (references that name no
    cell, numbers typed by hand)."""
    problems = []

    def value(match):
        try:
            return resolve(report, match.group(1), match.group(2), match.group(3))
        except NarrativeError as error:
            problems.append(error.message)
            return "[?]"

    rendered = REFERENCE.sub(value, text)
    years = {int(report["period"]["start"][:4]), int(report["period"]["end"][:4])}
    return rendered, problems + typed_numbers(text, report, years)


def sections_of(report: dict) -> list[tuple[str, str, str]]:
    """(section, label, id of the first table it goes before; "" for the presentation), in order."""
    seen, out = set(), [(PRESENTATION, str(SECTION_LABELS[PRESENTATION]), "")]
    for table in report["tables"]:
        prefix = table["id"].split(".")[0]
        if prefix not in seen and prefix in SECTION_LABELS:
            seen.add(prefix)
            out.append((prefix, str(SECTION_LABELS[prefix]), table["id"]))
    return out


def narrative_of(report: dict) -> list[dict]:
    """The report's saved texts, rendered for this build: [{section, label, before, text, problems}]."""
    from datetime import date

    from .models import Narrative

    saved = {n.section: n.text for n in Narrative.objects.filter(
        report=report["report"], start=date.fromisoformat(report["period"]["start"]),
        end=date.fromisoformat(report["period"]["end"])) if n.text.strip()}
    out = []
    for section, label, before in sections_of(report):
        if section in saved:
            text, problems = render(saved[section], report)
            out.append({"section": section, "label": label, "before": before, "text": text, "problems": problems})
    return out


@transaction.atomic
def narrative_save(*, acting_user, report: dict, section: str, text: str):
    """Save one section's text for the report's period. `report`: the report as built for the
    editor, to check every reference against. A reference that names no cell is refused (nothing
    saved); numbers typed by hand are returned as warnings."""
    from datetime import date

    from tejido.common.audit import save_with_history
    from tejido.planning.services import require_planning_write

    from .models import Narrative

    require_planning_write(acting_user)
    if section not in {s for s, _label, _before in sections_of(report)}:
        raise NarrativeError(_("Esa sección no está en este informe."), field="section")
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > 20000:
        raise NarrativeError(_("El texto no puede tener más de 20,000 caracteres."), field=section)
    for match in REFERENCE.finditer(text):
        try:
            resolve(report, match.group(1), match.group(2), match.group(3))
        except NarrativeError as error:
            raise NarrativeError(_("%(ref)s: %(why)s") % {"ref": match.group(0), "why": error.message},
                                 field=section) from None
    narrative = Narrative.objects.filter(report=report["report"], start=date.fromisoformat(report["period"]["start"]),
                                         end=date.fromisoformat(report["period"]["end"]), section=section).first()
    if narrative is None:
        narrative = Narrative(report=report["report"], start=date.fromisoformat(report["period"]["start"]),
                              end=date.fromisoformat(report["period"]["end"]), section=section)
    narrative.text, narrative.updated_by = text, acting_user
    save_with_history(narrative, acting_user=acting_user)
    return narrative, render(text, report)[1]
