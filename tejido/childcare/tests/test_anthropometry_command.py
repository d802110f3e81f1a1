"""`manage.py anthropometry`: the CSV in, the same CSV with z-scores and flags out."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from tejido.childcare.anthropometry.csvio import score_csv, score_row

INPUT = (
    "\ufeffid,sex,birth_date,measure_date,weight_kg,height_cm,measured,oedema,note\n"
    # WHO anthro README child 2: girl, 1000 days, 15 kg, 80 cm -> -3.50, 0.95, 4.13, 4.66
    "1,2,2020-01-01,2022-09-27,15,80,,,readme\n"
    # standing at 500 days: +0.7 cm
    "2,1,2021-01-01,2022-05-16,9.5,75,H,n,\n"
    "3,3,2021-01-01,2022-05-16,9.5,75,H,n,sexo\n"
    "4,1,2021-31-01,2022-05-16,9.5,75,H,n,fecha\n"
    "5,1,2021-01-01,2022-05-16,-9.5,75,H,n,peso\n"
    "6,2,2020-01-01,2022-01-01,9,80,L,s,edema\n"
    "7,1,2000-01-01,2023-01-01,60,170,H,n,mayor\n"
    "8,1,2021-01-01,2022-05-16,9.5,75,X,quizas,\n"
    "9,2,2015-06-01,2023-06-01,26,128,H,n,siete\n"
    "10,1,2021-01-01,2022-05-16,\"9,5\",,,,coma decimal sin talla\n"
)


def run(text, *args, tmp_path):
    path = tmp_path / "medidas.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("anthropometry", str(path), *args, stdout=out)
    return out.getvalue()


def test_command_end_to_end(tmp_path):
    output = run(INPUT, tmp_path=tmp_path)
    lines = output.splitlines()
    assert lines[0] == ("id,sex,birth_date,measure_date,weight_kg,height_cm,measured,oedema,note,"
                        "zwfa,zhfa,zwfh,zbfa,flags")  # BOM gone, input columns kept in order
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(output))}
    assert len(rows) == 10

    readme = rows["1"]
    assert (readme["zwfa"], readme["zhfa"], readme["zwfh"], readme["zbfa"]) == ("0.95", "-3.50", "4.13", "4.66")
    assert readme["flags"] == "" and readme["note"] == "readme"

    assert rows["2"]["zhfa"] and rows["2"]["zwfh"] and rows["2"]["flags"] == ""
    assert rows["3"]["flags"] == "sexo_invalido" and rows["3"]["zwfa"] == ""
    assert rows["4"]["flags"] == "fecha_invalida" and rows["4"]["zhfa"] == ""
    assert rows["5"]["flags"] == "peso_invalido"
    assert rows["5"]["zwfa"] == "" and rows["5"]["zhfa"] != ""
    assert rows["6"]["flags"] == "edema" and rows["6"]["zwfa"] == "" and rows["6"]["zhfa"] != ""
    assert rows["7"]["flags"] == "edad_fuera_rango"
    assert rows["8"]["flags"] == "posicion_invalida;edema_invalido"
    assert rows["8"]["zwfa"] == "" and rows["8"]["zhfa"] != ""  # oedema unknown: no weight z
    seven = rows["9"]
    assert seven["zwfh"] == "" and seven["zwfa"] != "" and seven["zbfa"] != ""  # WHO 2007
    assert rows["10"]["zwfa"] != "" and rows["10"]["zhfa"] == "" and rows["10"]["flags"] == ""


def test_two_decimals(tmp_path):
    output = run(INPUT, tmp_path=tmp_path)
    for row in csv.DictReader(io.StringIO(output)):
        for column in ("zwfa", "zhfa", "zwfh", "zbfa"):
            if row[column]:
                assert len(row[column].split(".")[1]) == 2


def test_classes_option(tmp_path):
    output = run(INPUT, "--classes", tmp_path=tmp_path)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(output))}
    assert rows["1"]["acute_class"] == "obesidad" and rows["1"]["chronic_class"] == "retardo_crecimiento"
    assert rows["6"]["acute_class"] == "dpc_severa"
    assert rows["3"]["acute_class"] == ""


def test_semicolon_files(tmp_path):
    text = "sex;birth_date;measure_date;weight_kg;height_cm\n2;2020-01-01;2022-09-27;15;80\n"
    output = run(text, "--delimiter", ";", tmp_path=tmp_path)
    assert output.splitlines()[1] == "2;2020-01-01;2022-09-27;15;80;0.95;-3.50;4.13;4.66;"


def test_rescoring_an_output_overwrites_its_columns(tmp_path):
    first = run(INPUT, tmp_path=tmp_path)
    second = run(first, tmp_path=tmp_path)
    assert second == first


def test_missing_columns_stop_the_file(tmp_path):
    with pytest.raises(CommandError, match="Faltan columnas en el archivo: birth_date"):
        run("sex,fecha,measure_date,weight_kg,height_cm\n1,2020-01-01,2021-01-01,9,75\n", tmp_path=tmp_path)


def test_unreadable_file(tmp_path):
    with pytest.raises(CommandError, match="No se pudo abrir"):
        call_command("anthropometry", str(tmp_path / "no-existe.csv"), stdout=io.StringIO())
    latin = tmp_path / "latin.csv"
    latin.write_bytes("sex,birth_date,measure_date,weight_kg,height_cm,nombre\n1,2020-01-01,2021-01-01,9,75,Peña\n"
                      .encode("cp1252"))
    with pytest.raises(CommandError, match="--encoding cp1252"):
        call_command("anthropometry", str(latin), stdout=io.StringIO())
    out = io.StringIO()
    call_command("anthropometry", str(latin), "--encoding", "cp1252", stdout=out)
    assert "Peña" in out.getvalue()


def test_rows_are_streamed():
    """Each row is written before the next one is read."""
    written = []

    class Out:
        def write(self, text):
            written.append(text)

    def lines():
        yield "sex,birth_date,measure_date,weight_kg,height_cm\n"
        for n in range(1, 4):
            yield "1,2020-01-01,2021-01-01,9,75\n"
            # asked for the next line: the header and the n rows read so far are out
            assert len(written) == 1 + n

    assert score_csv(lines(), Out()) == 3
    assert len(written) == 4


def test_score_row_missing_cells_are_flags():
    cells = score_row({"sex": "1", "birth_date": None, "measure_date": "2021-01-01",
                       "weight_kg": None, "height_cm": None})
    assert cells["flags"] == "fecha_invalida"
    assert cells["zwfa"] == ""
