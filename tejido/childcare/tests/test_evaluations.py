import datetime as dt

import pytest
from django.test import Client

from tejido.childcare.evaluations import evaluation_comparison, evaluation_record
from tejido.childcare.models import ChildEvaluation
from tejido.common.errors import ApplicationError
from tejido.common.testing import make_person
from tejido.programs.services import enrolment_create

pytestmark = pytest.mark.django_db
MARCH, SEPTEMBER = dt.date(2023, 3, 15), dt.date(2023, 9, 15)


def _kid(people, born=dt.date(2019, 1, 1), name="Niña"):
    person = make_person(given_names=name, birth_date=born)
    enrolment_create(person=person, center=people["zacapa_cadi"], program="childcare", start=dt.date(2023, 2, 1),
                     acting_user=people["central"])
    return person


def _eval(people, person, kind="escala", round=1, day=MARCH, profile="positivo", user="zacapa"):
    return evaluation_record(person=person, center=people["zacapa_cadi"], kind=kind, round=round, evaluated_on=day,
                             profile=profile, acting_user=people[user])


def test_comparison_of_first_and_second_development_evaluation(people):
    """Four children. March: positivo, positivo, negativo, fluctuante. September: positivo ×3,
    de acuerdo ×1. Shares: first 0/50/25/25, negative+fluctuating 50 %; second 25/75/0/0, 0 %."""
    kids = [_kid(people, name=f"N{i}") for i in range(4)]
    for kid, first, second in zip(kids, ["positivo", "positivo", "negativo", "fluctuante"],
                                  ["positivo", "positivo", "positivo", "de_acuerdo"], strict=True):
        _eval(people, kid, profile=first)
        _eval(people, kid, round=2, day=SEPTEMBER, profile=second)
    table = evaluation_comparison(user=people["central"], kind="escala", year=2023)
    first, second = table["rounds"]
    assert [share for _label, _n, share in first["cells"]] == [0.0, 50.0, 25.0, 25.0]
    assert first["challenge"] == (2, 50.0)
    assert [share for _label, _n, share in second["cells"]] == [25.0, 75.0, 0.0, 0.0]
    assert second["challenge"] == (0, 0.0)
    assert evaluation_comparison(user=people["jutiapa"], kind="escala", year=2023)["rounds"][0]["total"] == 0

    # the report table has the seed's «NEGA+FLUC» as a row after the four profiles, and its drill-down
    # lists the two children (negativo and fluctuante) of the first evaluation
    from tejido.reports.builder import build_report
    from tejido.reports.drill import drill_url
    from tejido.reports.period import Period

    report = build_report("annual", user=people["central"], period=Period.year(2023), program="childcare")
    comparison = next(t for t in report["tables"] if t["id"] == "childcare.development_comparison")
    scale = [r for r in comparison["rows"] if r["instrument"] == "Escala de Desarrollo"]
    assert [r["profile"] for r in scale][-1] == "Negativo + Fluctuante"
    assert scale[-1] | {} == {"instrument": "Escala de Desarrollo", "profile": "Negativo + Fluctuante", "first": 2,
                              "first_percent": 50.0, "second": 0, "second_percent": 0.0}
    index = comparison["rows"].index(scale[-1])
    url = drill_url(report, comparison, scale[-1], "first", index=index)
    client = Client()
    client.force_login(people["central"])
    listed = client.get(url).content.decode()
    # names with their surname: a bare «N0» can occur in the random CSRF token of the page
    assert 'data-total="2"' in listed and "N2 Pérez" in listed and "N3 Pérez" in listed
    assert "N0 Pérez" not in listed and "N1 Pérez" not in listed


def test_abc_test_only_from_five_and_a_half(people):
    young = _kid(people, born=dt.date(2018, 3, 16), name="Joven")  # 4 y 11 m... on 15 March 2023
    with pytest.raises(ApplicationError, match="desde los 5 años 6 meses"):
        _eval(people, young, kind="abc", profile="media")
    old = _kid(people, born=dt.date(2017, 9, 15), name="Mayor")  # exactly 5 y 6 m
    assert _eval(people, old, kind="abc", profile="media").profile == "media"


@pytest.mark.parametrize("kw, field", [
    ({"day": dt.date(2999, 3, 1)}, "evaluated_on"),
    ({"day": dt.date(2018, 1, 1)}, "evaluated_on"),
    ({"profile": "media"}, "profile"),          # an ABC profile on the development scale
    ({"round": 3}, "round"),
])
def test_bad_evaluations_are_refused(people, kw, field):
    kid = _kid(people)
    with pytest.raises(ApplicationError) as error:
        _eval(people, kid, **kw)
    assert error.value.field == field
    assert not ChildEvaluation.objects.exists()


def test_one_evaluation_per_child_kind_round_and_year(people):
    kid = _kid(people)
    _eval(people, kid)
    with pytest.raises(ApplicationError, match="Ya hay una primera"):
        _eval(people, kid, day=MARCH + dt.timedelta(days=3))
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        _eval(people, kid, user="jutiapa", round=2, day=SEPTEMBER)


def test_evaluation_page(people):
    from tejido.programs.models import Enrolment

    kid = _kid(people)
    enrolment = Enrolment.objects.get(person=kid)
    client = Client()
    client.force_login(people["zacapa"])
    url = f"/primera-infancia/inscripciones/{enrolment.pk}/evaluaciones/"
    bad = client.post(url, {"kind": "escala", "round": "1", "evaluated_on": "2023-03-15", "profile": "media"})
    assert "Elija un perfil de la lista" in bad.content.decode()
    ok = client.post(url, {"kind": "escala", "round": "1", "evaluated_on": "2023-03-15", "profile": "negativo"})
    assert ok.status_code == 302
    assert "Negativo" in client.get(url).content.decode()
