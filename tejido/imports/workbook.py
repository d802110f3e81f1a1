"""The downloadable XLSX template of a kind: «Datos» (Spanish headers, drop-down lists for coded
values), «Instrucciones» (every column: required, what to write) and a hidden «Listas» sheet
the drop-downs point at."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from tejido.centers.models import Center
from tejido.territory.models import Municipality
from tejido.territory.scope import scope_of

MAX_ROWS = 1_048_576
MAX_CENTERS_IN_LIST = 3000


def list_values(kind, column, user) -> list[str]:
    if column.choices:
        return column.choices
    if column.name == "municipality_id":
        return [f"{m.id} - {m.name} ({m.department.name})"
                for m in Municipality.objects.select_related("department").order_by("id")]
    if column.name in {"registered_center_id", "center_id"}:
        scope = scope_of(user)
        centers = Center.objects.order_by("department_id", "name")
        if scope.department_ids:
            centers = centers.filter(department_id__in=scope.department_ids)
        elif not scope.national:
            centers = centers.filter(pk__in=scope.center_ids)
        return [f"{c.pk} - {c.name}" for c in centers[:MAX_CENTERS_IN_LIST]]
    return []


def template_bytes(kind, user, *, sample_rows=()) -> bytes:
    workbook = Workbook()
    data = workbook.active
    data.title = "Datos"
    lists = workbook.create_sheet("Listas")
    instructions = workbook.create_sheet(_("Instrucciones"))
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(kind.columns, start=1):
        cell = data.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = required_fill
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = max(14, len(column.header) + 4)
        values = list_values(kind, column, user)
        if values:
            for row, value in enumerate(values, start=1):
                lists.cell(row=row, column=index, value=value)
            source = f"{quote_sheetname('Listas')}!${letter}$1:${letter}${len(values)}"
            # Not strict: people also type codes and other spellings, which the import accepts.
            validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
            validation.add(f"{letter}2:{letter}{MAX_ROWS}")
            data.add_data_validation(validation)
    for row in sample_rows:
        data.append(list(row))
    data.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    _instructions(instructions, kind)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _instructions(sheet, kind) -> None:
    sheet.append([_("Plantilla de importación: %(kind)s") % {"kind": kind.label}])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in [
        _("Escriba un registro por fila en la hoja «Datos», desde la fila 2. No cambie los encabezados."),
        _("Las columnas en amarillo son obligatorias. No combine celdas."),
        _("Fechas: una fecha de Excel, o texto dd/mm/aaaa, aaaa-mm-dd o dd-mm-aaaa."),
        _("Si alguna fila tiene errores, no se importa nada: descargue el informe de errores (el mismo archivo "
          "con una columna «Errores»), corrija y vuelva a subirlo. Las filas ya importadas se omiten."),
        _("Clave de cada fila (para no importarla dos veces): %(key)s") % {"key": kind.key_help},
    ]:
        sheet.append([line])
    sheet.append([])
    sheet.append([_("Columna"), _("Obligatoria"), _("Qué escribir")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in kind.columns:
        sheet.append([column.header, _("Sí") if column.required else _("No"), str(column.help)])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 90
