"""An officer imports only into their own territory, and only they see their batches and reports."""

import pytest

from tejido.common.testing import api_client_for, client_for
from tejido.registry.models import Person

from .helpers import person_row, read_report, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_zacapa_officer_cannot_import_a_person_into_jutiapa(people, run_import):
    rows = [person_row(), person_row(given_names="Rosa", municipality_id="2201")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows))
    assert batch.status == "rejected" and Person.objects.count() == 0
    assert read_report(batch.report_path)[2][-1] == (
        "Municipio de residencia: Ese municipio está fuera de los departamentos que usted atiende.")


def test_a_center_of_another_department_is_unknown(people, run_import):
    jutiapa_cadi = people["jutiapa_cadi"]
    batch = run_import(people["zacapa"], xlsx_bytes([person_row(registered_center_id=str(jutiapa_cadi.pk))]))
    assert read_report(batch.report_path)[1][-1] == (
        f"Centro de registro: Centro desconocido o fuera de su territorio: «{jutiapa_cadi.pk}».")


def test_registered_at_own_center_may_live_elsewhere(people, run_import):
    """As registry services allow: a child from across the border at a Zacapa CADI."""
    center = people["zacapa_cadi"]
    batch = run_import(people["zacapa"], xlsx_bytes([person_row(municipality_id="2201",
                                                                registered_center_id=f"{center.pk} - CADI Zacapa")]))
    assert batch.status == "done"
    assert Person.objects.get().registered_center == center


def test_center_clerk_must_name_their_center(people, run_import):
    batch = run_import(people["clerk"], xlsx_bytes([person_row()]))
    assert read_report(batch.report_path)[1][-1] == "Centro de registro: Elija uno de los centros que usted atiende."
    batch = run_import(people["clerk"], xlsx_bytes([person_row(registered_center_id=people["zacapa_cadi"].pk)]))
    assert batch.status == "done"


def test_only_the_owner_sees_a_batch_and_its_report(people, run_import):
    batch = run_import(people["jutiapa"], xlsx_bytes([person_row(municipality_id="2201", birth_date="x")]))
    assert batch.has_report
    zacapa, jutiapa = client_for(people["zacapa"]), client_for(people["jutiapa"])
    for url in (f"/importar/{batch.pk}/", f"/importar/{batch.pk}/errores/"):
        assert zacapa.get(url).status_code == 404
        assert jutiapa.get(url).status_code == 200
    admin_api, zacapa_api = api_client_for(people["central"]), api_client_for(people["zacapa"])
    for url in (f"/api/v1/importar/{batch.pk}", f"/api/v1/importar/{batch.pk}/errores"):
        assert zacapa_api.get(url).status_code == 404
        assert admin_api.get(url).status_code == 404  # not even national staff: the file is the owner's
    assert "jutiapa" not in zacapa.get("/importar/").content.decode().lower().replace("jutiapa1", "")


def test_each_import_gets_its_own_scoped_parsers(people):
    """Two imports running side by side (threads of one server) never share a user's centers."""
    from tejido.imports.fields import CellError
    from tejido.imports.kinds import get_kind

    zacapa, jutiapa = get_kind("personas"), get_kind("personas")
    zacapa.context(people["zacapa"])
    jutiapa.context(people["jutiapa"])
    assert zacapa.center.parse(str(people["zacapa_cadi"].pk)) == people["zacapa_cadi"].pk
    with pytest.raises(CellError):
        zacapa.center.parse(str(people["jutiapa_cadi"].pk))
