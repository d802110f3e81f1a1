"""Issue 18 item 1: every template has a sample (`import_template X --muestra`), and the samples
are one small migration: written as each template's workbook and imported together with
`import_bundle` («solo filas válidas») by a Zacapa officer into a database with only the territory,
every file loads, and only the rows written wrong on purpose are refused, each next to its column."""

import io

import pytest
from django.core.management import CommandError, call_command

from tejido.imports.kinds import KINDS
from tejido.imports.models import ImportBatch
from tejido.imports.samples import SAMPLES

from .helpers import read_report

pytestmark = pytest.mark.django_db

# template -> (rows, refused, created); the budget is the planning office's, not a delegation's
EXPECTED = {"centros": (6, 1, 5), "personas": (8, 2, 6), "inscripciones": (5, 1, 4), "cuidadoras": (1, 0, 1),
            "puestos_docentes": (1, 0, 1), "tamizajes": (2, 0, 2), "hogares": (3, 0, 3), "asistencia": (2, 0, 2),
            "eventos": (2, 0, 2), "entregas": (2, 1, 1), "ingresos": (2, 0, 2), "recepciones": (2, 0, 2)}


def test_every_template_has_a_sample_as_wide_as_its_columns():
    assert set(SAMPLES) == set(KINDS)
    for slug, kind in KINDS.items():
        assert SAMPLES[slug] and all(len(row) == len(kind.columns) for row in SAMPLES[slug]), slug


def test_the_samples_load_as_one_migration(people, tmp_path):
    call_command("import_template", "todas", str(tmp_path), muestra=True, stdout=io.StringIO())
    (tmp_path / "13-presupuesto.xlsx").unlink()  # the planning office's: a delegation may not import it
    assert sorted(p.name for p in tmp_path.iterdir())[:3] == ["01-centros.xlsx", "02-personas.xlsx",
                                                              "03-inscripciones.xlsx"]
    out = io.StringIO()
    try:
        call_command("import_bundle", str(tmp_path), usuario=people["zacapa"].username, valid_rows_only=True,
                     stdout=out)
    except CommandError:
        pytest.fail(out.getvalue())
    batches = {b.kind: b for b in ImportBatch.objects.all()}
    found = {slug: (b.total_rows, b.error_rows, b.created_rows) for slug, b in batches.items()}
    assert found == EXPECTED, out.getvalue()
    notes = {slug: [row[-1] for row in read_report(batches[slug].report_path)[1:] if row[-1]]
             for slug in ("centros", "personas", "inscripciones", "entregas")}
    assert notes["centros"] == ["Línea productiva: Elija la línea productiva."]
    assert notes["personas"][0].startswith("CUI:") and notes["personas"][1].startswith("Comunidad lingüística:")
    assert notes["inscripciones"] == [
        "Persona (CUI o número de registro): José Daniel Pérez Caal no es mujer: el programa atiende solo a mujeres."]
    assert notes["entregas"] == [
        "Sede: Los productos de bodega salen de las existencias de una sede: escríbala."]
