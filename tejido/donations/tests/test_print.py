"""Issue 16 item 10: the printed delivery record of a donation's distributions (A4, black and
white): items, quantities, recipients and signature lines, within the donation's scope."""

import datetime as dt

import pytest

from tejido.common.models import AccessEvent
from tejido.common.testing import client_for, make_person
from tejido.donations import services

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_out(people, don):
    items = {i.description: i for i in don["taiwan"].items.all()}
    chairs, canes = items["sillas de ruedas para adulto"], items["bastones de aluminio"]
    person = make_person(given_names="Herminia", first_surname="Lemus")
    day = D + dt.timedelta(days=5)
    services.distribute(item=chairs, kind="beneficiario", program="social_service", person=person, date=day,
                        quantity=2, receipt="R-1", acting_user=people["zacapa"])
    services.distribute(item=canes, kind="beneficiario", program="social_service", person=person, date=day,
                        quantity=1, receipt="R-1", acting_user=people["zacapa"])
    services.distribute(item=chairs, kind="sede", office=don["jutiapa"], date=day, quantity=100, receipt="R-2",
                        acting_user=people["zacapa"])
    return {"donation": don["taiwan"], "person": person}


def test_delivery_record_lists_items_quantities_and_recipients(people, handed_out):
    donation = handed_out["donation"]
    client = client_for(people["zacapa"])
    url = f"/donaciones/{donation.pk}/imprimir/"
    detail = client.get(f"/donaciones/{donation.pk}/").content.decode()
    assert f'href="{url}"' in detail and f'href="{url}?constancia=R-1"' in detail
    html = client.get(url).content.decode()
    assert donation.code in html and "ACTA-2" in html and "Taiwán" in html
    assert "sillas de ruedas para adulto" in html and "bastones de aluminio" in html
    assert "Herminia Lemus" in html and "R-1" in html and "R-2" in html and ">100<" in html
    assert html.count('class="signature"') >= 2 and "Recibí conforme" in html
    assert "tejido/print.css" in html and 'class="site"' not in html
    assert AccessEvent.objects.filter(model="donations.Donation", object_id=str(donation.pk),
                                      detail__imprimir="acta-entrega").exists()
    # one receipt: the record of that delivery only
    one = client.get(f"{url}?constancia=R-1").content.decode()
    assert "R-1" in one and "R-2" not in one and "bastones de aluminio" in one and ">100<" not in one


def test_delivery_record_scope_and_planners(people, handed_out):
    url = f"/donaciones/{handed_out['donation'].pk}/imprimir/"
    assert client_for(people["jutiapa"]).get(url).status_code == 404
    planner = client_for(people["planner"]).get(url)
    assert planner.status_code == 200
    html = planner.content.decode()
    assert "Herminia" not in html and "(persona registrada)" in html
