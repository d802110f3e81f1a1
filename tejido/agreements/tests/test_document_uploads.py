"""Agreement documents (issue 15): a PDF with active content is refused next to its field on the
service and the page; a clean PDF is still accepted."""

import pytest
from django.test import Client

from tejido.agreements.models import Agreement, AgreementDocument
from tejido.common.errors import ApplicationError
from tejido.common.tests import pdfs

from .conftest import pdf
from .test_agreements import make

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", sorted(pdfs.RISKY))
def test_signed_agreement_with_active_content_is_refused(people, places, case):
    with pytest.raises(ApplicationError, match="no se aceptan por seguridad") as error:
        make(people["zacapa"], [places["zacapa_cadi"]], document=pdf("convenio.pdf", pdfs.RISKY[case]()))
    assert error.value.field == "document"
    assert not Agreement.all_objects.exists() and not AgreementDocument.all_objects.exists()


def test_clean_pdf_is_still_accepted_and_saved_whole(people, places):
    data = pdfs.clean_reportlab()
    agreement = make(people["zacapa"], [places["zacapa_cadi"]], document=pdf("convenio.pdf", data))
    document = AgreementDocument.objects.get(agreement=agreement)
    with document.file.open("rb") as saved:
        assert saved.read() == data


def test_page_shows_the_refusal_next_to_the_file(people, places):
    agreement = make(people["zacapa"], [places["zacapa_cadi"]])
    client = Client()
    client.force_login(people["zacapa"])
    response = client.post(f"/convenios/{agreement.pk}/documentos/",
                           {"title": "Adenda", "file": pdf("adenda.pdf", pdfs.launch_action())})
    assert response.status_code == 400 and "no se aceptan por seguridad" in response.content.decode()
    assert not AgreementDocument.all_objects.filter(agreement=agreement).exists()
