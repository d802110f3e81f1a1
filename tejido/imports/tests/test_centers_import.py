"""Issue 18 items 1 and 3: centers of every kind imported through the form's services, named
afterwards by the office's own code in the other templates."""

import datetime as dt

import pytest

from tejido.centers.models import Center
from tejido.common.testing import make_person, valid_cui
from tejido.imports.kinds import KINDS
from tejido.programs.models import Enrolment

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["centros"].columns]


def center(code="", name="Hogar Las Flores", kind="Hogar Comunitario", municipality="1901", office="",
           address="", partner="", opened="", opens="", closes="", capacity="", line=""):
    return [code, name, kind, municipality, office, address, partner, opened, opens, closes, capacity, line]


def test_centers_of_every_kind_through_the_forms_services_and_named_by_code(people, run_import):
    rows = [center(code="HC-0101", opened="05/01/2024", opens="8:00", closes="12:00", capacity=12,
                   partner="Municipalidad de Zacapa"),
            center(code="CADI-07", name="CADI El Jícaro", kind="CADI", municipality="1902", office="sede-19",
                   opens="8", closes="4:00 p. m."),
            center(code="UP-33", name="Unidad Las Tejedoras", kind="Unidad productiva",
                   line="Tejidos y artesanías típicas"),
            center(name="Centro de Atención Diurna Zacapa", kind="Centro de Atención Diurna")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="centros.xlsx", kind="centros")
    assert (batch.status, batch.created_rows) == ("done", 4), (batch.error_preview, batch.skipped_rows)
    home = Center.objects.get(code="HC-0101")
    assert (home.kind, home.opened_on, home.opens_at, home.closes_at, home.capacity, home.department_id) == (
        "community_home", dt.date(2024, 1, 5), dt.time(8), dt.time(12), 12, 19)
    cadi = Center.objects.get(code="CADI-07")
    assert (cadi.municipality_id, cadi.office.code, cadi.closes_at) == (1902, "sede-19", dt.time(16))
    assert Center.objects.get(code="UP-33").product_line == "tejidos"
    assert home.history.get().history_user == people["zacapa"]
    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="centros.xlsx", kind="centros")
    assert (again.created_rows, again.skipped_rows) == (0, 4)

    # the other templates name a center by that code
    child = make_person(given_names="Ana", birth_date=dt.date(2021, 3, 1), cui=valid_cui())
    enrolments = [[child.cui, "CADI-07", "10/01/2024"]]
    batch = run_import(people["zacapa"], xlsx_bytes(enrolments, [c.header for c in KINDS["inscripciones"].columns][:3]),
                       kind="inscripciones")
    assert batch.status == "done", batch.error_preview
    assert Enrolment.objects.get(person=child).center == cadi


def test_center_rules_per_row_next_to_the_column(people, run_import):
    Center.objects.filter(pk=people["zacapa_cadi"].pk).update(code="CADI-01")
    rows = [center(code="CADI-01", name="Otro"),                     # code of a center typed by hand: skipped
            center(name="Unidad sin línea", kind="Unidad productiva"),
            center(name="Hogar con línea", line="Repostería"),
            center(name="Hogar de Jutiapa", municipality="2201"),       # outside Zacapa
            center(name="Hogar del futuro", opened="01/01/2099"),
            center(name="Hogar al revés", opens="12:00", closes="08:00"),
            center(name="Hogar hora rara", opens="25:00")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="centros.xlsx", kind="centros")
    assert batch.status == "rejected" and Center.objects.count() == 2  # the fixture's two CADIs
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes[0] == "Ya importada: se omite."
    assert notes[1] == "Línea productiva: Elija la línea productiva."
    assert notes[2] == "Línea productiva: Solo las unidades productivas tienen línea productiva."
    assert notes[3] == "Municipio: Ese municipio está fuera de los departamentos que usted atiende."
    assert notes[4] == "Fecha de apertura: La fecha de apertura no puede estar en el futuro."
    assert notes[5] == "Hora de cierre: La hora de cierre debe ser posterior a la de apertura."
    assert notes[6] == "Hora de apertura: Hora no válida «25:00»; escriba p. ej. 08:00 o 16:30."
    # a center clerk cannot create centers; a number that is one center's id and another's code is refused
    batch_page = run_import
    from tejido.common.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        batch_page(people["clerk"], xlsx_bytes(rows[:1], HEADERS), name="centros.xlsx", kind="centros")


def test_a_text_that_is_a_number_and_a_code_is_refused(people):
    from tejido.common.testing import ZACAPA_TOWN, make_center
    from tejido.imports.fields import CellError
    from tejido.imports.kinds.people import CenterLookup

    one, other = people["zacapa_cadi"], make_center(ZACAPA_TOWN, name="Hogar Dos")
    Center.objects.filter(pk=other.pk).update(code=str(one.pk))
    lookup = CenterLookup({one.pk: 19, other.pk: 19})
    with pytest.raises(CellError, match="es el código de un centro y el número de otro"):
        lookup(str(one.pk))
    assert lookup(f"{one.pk} - CADI Zacapa") == one.pk  # the list's form is a number
    Center.objects.filter(pk=other.pk).update(code="901-19")
    lookup = CenterLookup({one.pk: 19, other.pk: 19})
    assert lookup("901-19") == other.pk  # a code with a dash is not read as number 901
