"""Donation documents (issue 15): a PDF with active content is refused next to its field, on the
service, the page and the API; a clean PDF is still accepted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tejido.common.errors import ApplicationError
from tejido.common.testing import api_client_for
from tejido.common.tests import pdfs
from tejido.donations import services
from tejido.donations.models import Donation

from .conftest import D, item

pytestmark = pytest.mark.django_db


def _create(people, don, **files):
    return services.donation_create(office=don["zacapa"], received_on=D, donor=don["taiwan"].donor,
                                    acting_user=people["zacapa"], items=[item("agua", 1, "materiales", "1")], **files)


@pytest.mark.parametrize("case", sorted(pdfs.RISKY))
def test_certificate_with_active_content_is_refused(people, don, settings, tmp_path, case):
    settings.MEDIA_ROOT = tmp_path
    before = Donation.objects.count()
    with pytest.raises(ApplicationError, match="no se aceptan por seguridad") as error:
        _create(people, don, certificate=SimpleUploadedFile("acta.pdf", pdfs.RISKY[case]()))
    assert error.value.field == "certificate"
    assert Donation.objects.count() == before


def test_clean_pdf_is_still_accepted(people, don, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = pdfs.clean_reportlab()
    donation = _create(people, don, invoice=SimpleUploadedFile("factura.pdf", data))
    with donation.invoice.open("rb") as saved:
        assert saved.read() == data  # saved whole, from its first byte, after the scan


def test_api_refuses_a_pdf_with_javascript(people, don, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = f"/api/v1/donaciones/{don['taiwan'].pk}/documentos/factura"
    response = api_client_for(people["zacapa"]).post(
        url, {"file": SimpleUploadedFile("f.pdf", pdfs.javascript_in_object_stream())})
    assert response.status_code == 400 and response.json()["field"] == "file"
    assert "no se aceptan por seguridad" in response.json()["detail"]
    assert not Donation.objects.get(pk=don["taiwan"].pk).invoice
