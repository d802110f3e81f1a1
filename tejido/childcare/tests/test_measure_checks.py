"""Issue 16 item 7: implausible measures are caught at entry (form, API, field-team CSV), low
weight for age raises an alert like wasting and stunting, and the child's page draws weight for
length/height next to the two other growth charts.

Expected z-scores are worked by hand from rows of WHO's own LMS tables
(/work/shared/reference/who2006, copied unchanged to tejido/childcare/who_tables), with
z = ((X/M)^L - 1) / (L*S), which for L = 1 is (X/M - 1) / S."""

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from tejido.childcare.anthropometry import compute
from tejido.childcare.models import NutritionScreening
from tejido.childcare.screening import ImplausibleMeasure, screening_record
from tejido.common.testing import api_client_for, client_for, make_person
from tejido.programs.services import enrolment_create

pytestmark = pytest.mark.django_db

# lenanthro.txt, sex 1, age 731 days: L = 1, M = 87.1303, S = 0.03508 (standing, "H").
# 9.3 cm: z = (9.3 / 87.1303 - 1) / 0.03508 = -25.4636...  -> -25.46, far beyond WHO's -6.
BOY_BORN = dt.date(2021, 3, 1)
TWO_YEARS = dt.date(2023, 3, 2)  # 731 days after BOY_BORN (2022 is not a leap year)
TINY_HEIGHT_Z = -25.46


def test_who_rows_worked_by_hand():
    # the 9.3 cm boy of 731 days, standing, 12.0 kg
    r = compute(sex=1, birth_date=BOY_BORN, measure_date=TWO_YEARS, weight_kg=12.0, height_cm=9.3, measured="H")
    assert r.rounded("zhfa") == TINY_HEIGHT_Z and "zhfa" in r.implausible
    # weianthro.txt, sex 1, age 731: L = -0.0137, M = 12.1548, S = 0.11427
    # z(11.0 kg) = ((11.0 / 12.1548)^-0.0137 - 1) / (-0.0137 * 0.11427) = -0.8742
    r = compute(sex=1, birth_date=BOY_BORN, measure_date=TWO_YEARS, weight_kg=11.0, height_cm=None)
    assert r.rounded("zwfa") == -0.87
    # weianthro.txt, sex 2, age 365: L = -0.2022, M = 8.9462, S = 0.12267
    # z(7.0 kg) = ((7.0 / 8.9462)^-0.2022 - 1) / (-0.2022 * 0.12267) = -2.0503  (low weight for age)
    girl_born = dt.date(2022, 1, 1)
    r = compute(sex=2, birth_date=girl_born, measure_date=girl_born + dt.timedelta(days=365), weight_kg=7.0,
                height_cm=None)
    assert r.rounded("zwfa") == -2.05 and r.underweight_class == "bajo_peso"
    # wflanthro.txt, sex 1, length 69.0: L = -0.3521, M = 8.1955, S = 0.08219
    # z(7.5 kg) = ((7.5 / 8.1955)^-0.3521 - 1) / (-0.3521 * 0.08219) = -1.0960
    r = compute(sex=1, birth_date=BOY_BORN, measure_date=dt.date(2022, 3, 1), weight_kg=7.5, height_cm=69.0,
                measured="L")
    assert r.rounded("zwfh") == -1.10
    # wfhanthro.txt, sex 2, height 95.0: L = -0.3833, M = 13.8914, S = 0.08975
    # z(12.0 kg) = ((12.0 / 13.8914)^-0.3833 - 1) / (-0.3833 * 0.08975) = -1.6774
    r = compute(sex=2, birth_date=girl_born, measure_date=dt.date(2025, 1, 2), weight_kg=12.0, height_cm=95.0,
                measured="H")
    assert r.rounded("zwfh") == -1.68


@pytest.fixture
def boy(people):
    person = make_person(given_names="Mateo", sex="M", birth_date=BOY_BORN)
    return enrolment_create(person=person, center=people["zacapa_cadi"], program="childcare",
                            start=dt.date(2022, 1, 10), acting_user=people["zacapa"])


def _record(people, enrolment, **kw):
    data = dict(person=enrolment.person, center=enrolment.center, measured_on=TWO_YEARS,
                weight_kg=Decimal("12.0"), height_cm=Decimal("9.3"), measured="H", acting_user=people["zacapa"])
    data.update(kw)
    return screening_record(**data)


def test_implausible_measure_is_refused_until_confirmed(people, boy):
    with pytest.raises(ImplausibleMeasure) as refused:
        _record(people, boy)
    assert refused.value.field == "height_cm"
    assert "-25.46" in refused.value.message and "verifique" in refused.value.message.lower()
    assert refused.value.z["zhfa"] == TINY_HEIGHT_Z
    assert not NutritionScreening.objects.exists()

    screening = _record(people, boy, confirmed=True)
    assert screening.zhfa == TINY_HEIGHT_Z and "zhfa" in screening.implausible
    assert screening.chronic_class == ""  # confirmed, but still never counted in the figures
    # a plausible measure needs no confirmation
    assert _record(people, boy, height_cm=Decimal("87.1")).zhfa == pytest.approx(0, abs=0.05)


def test_form_shows_the_z_score_and_asks_for_confirmation(people, boy):
    client = client_for(people["zacapa"])
    url = f"/primera-infancia/inscripciones/{boy.pk}/nutricion/"
    data = {"measured_on": TWO_YEARS.isoformat(), "weight_kg": "12.0", "height_cm": "9.3", "measured": "H"}
    page = client.post(url, data)
    html = page.content.decode()
    assert page.status_code == 200 and not NutritionScreening.objects.exists()
    assert "-25.46" in html and "Confirmo que la medida es correcta" in html
    # ticking the box without the warning having been shown for these values does not save
    assert client.post(url, {**data, "confirmed": "on"}).status_code == 200
    assert not NutritionScreening.objects.exists()
    shown = re.search(r'name="confirmed_values" value="([^"]+)"', html).group(1)
    # changing a value after the warning asks again
    changed = client.post(url, {**data, "height_cm": "9.4", "confirmed": "on", "confirmed_values": shown})
    assert changed.status_code == 200 and "Confirmo que la medida es correcta" in changed.content.decode()
    assert not NutritionScreening.objects.exists()
    saved = client.post(url, {**data, "confirmed": "on", "confirmed_values": shown})
    assert saved.status_code == 302
    assert NutritionScreening.objects.get().height_cm == Decimal("9.3")
    # a plausible measure is saved at once, with no box
    assert client.post(url, {**data, "height_cm": "87.0", "measured_on": "2023-03-03"}).status_code == 302


def test_api_answers_422_until_confirmed(people, boy):
    api = api_client_for(people["zacapa"])
    body = {"enrolment_id": boy.pk, "measured_on": TWO_YEARS.isoformat(), "weight_kg": "12.0", "height_cm": "9.3",
            "measured": "H"}

    def post(payload):
        return api.post("/api/v1/primera-infancia/tamizajes", json.dumps(payload), content_type="application/json")

    refused = post(body)
    assert refused.status_code == 422, refused.content
    answer = refused.json()
    assert "-25.46" in answer["detail"] and "confirmar" in answer["detail"]
    assert answer["field"] == "height_cm" and answer["z"]["zhfa"] == TINY_HEIGHT_Z
    assert not NutritionScreening.objects.exists()
    assert post({**body, "confirmar": True}).status_code == 201
    assert post({**body, "measured_on": "2023-03-03", "confirmed": True}).status_code == 201
    assert NutritionScreening.objects.count() == 2


def test_field_team_csv_flags_the_row(tmp_path):
    path = tmp_path / "medidas.csv"
    path.write_text("id,sex,birth_date,measure_date,weight_kg,height_cm,measured\n"
                    f"1,1,{BOY_BORN},{TWO_YEARS},12.0,87.1,H\n"
                    f"2,1,{BOY_BORN},{TWO_YEARS},12.0,9.3,H\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("anthropometry", str(path), stdout=out, stderr=err)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["1"]["flags"] == ""
    assert rows["2"]["zhfa"] == "-25.46" and "zhfa_improbable" in rows["2"]["flags"].split(";")
    assert "improbable" in err.getvalue() and "id 2" in err.getvalue() and "id 1" not in err.getvalue()


@pytest.fixture
def thin_girl(people):
    """A girl of one year whose latest screening shows low weight for age only: 7.0 kg
    (z = -2.05, see above) at 74.0 cm: length for age and weight for length normal."""
    today = timezone.localdate()
    person = make_person(given_names="Rosita", sex="F", birth_date=today - dt.timedelta(days=365))
    enrolment = enrolment_create(person=person, center=people["zacapa_cadi"], program="childcare",
                                 start=today - dt.timedelta(days=100), acting_user=people["zacapa"])
    s = screening_record(person=person, center=enrolment.center, measured_on=today, weight_kg=Decimal("7.0"),
                         height_cm=Decimal("70.0"), measured="L", acting_user=people["zacapa"])
    assert s.zwfa == -2.05 and s.acute_class == "normal" and s.chronic_class == "normal"
    return enrolment


def test_low_weight_for_age_is_an_alert_like_the_others(people, thin_girl):
    client = client_for(people["zacapa"])
    nutrition = client.get(f"/primera-infancia/inscripciones/{thin_girl.pk}/nutricion/").content.decode()
    assert '<span class="badge danger">Bajo peso</span>' in nutrition
    person = client.get(f"/personas/{thin_girl.person_id}/").content.decode()
    assert '<span class="badge danger">Bajo peso</span>' in person
    center = client.get(f"/primera-infancia/centros/{thin_girl.center_id}/").content.decode()
    assert '<span class="badge danger">Bajo peso</span>' in center
    home = client.get("/").content.decode()
    attention = home.split("Requieren atención")[1].split("</article>")[0]
    assert "Rosita" in attention and "Bajo peso" in attention
    assert "Rosita" not in client_for(people["jutiapa"]).get("/").content.decode()


def test_weight_for_length_chart_under_two_and_weight_for_height_after(people, boy):
    client = client_for(people["zacapa"])
    url = f"/primera-infancia/inscripciones/{boy.pk}/nutricion/"
    _record(people, boy, measured_on=dt.date(2022, 3, 1), weight_kg=Decimal("7.5"), height_cm=Decimal("69.0"),
            measured="L")
    html = client.get(url).content.decode()
    assert html.count("<svg") == 3
    assert 'aria-label="Peso para la longitud' in html and "Peso para la longitud (menores de 2 años)" in html
    _record(people, boy, measured_on=dt.date(2023, 6, 1), weight_kg=Decimal("12.5"), height_cm=Decimal("89.0"),
            measured="H")
    html = client.get(url).content.decode()
    assert html.count("<svg") == 3 and "Peso para la talla (2 a 5 años)" in html
    assert 'aria-label="Peso para la talla' in html
