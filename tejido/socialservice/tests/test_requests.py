"""The path of a request (study → decision → delivery) and its rules."""

import datetime as dt

import pytest

from tejido.common.errors import ApplicationError
from tejido.common.testing import JUTIAPA_TOWN, make_person
from tejido.programs.models import Delivery
from tejido.socialservice import services
from tejido.socialservice.models import SupportRequest
from tejido.stock.models import Movement, StockLevel

pytestmark = pytest.mark.django_db
D = dt.date(2023, 3, 1)


def new_request(ss, user, person=None, *, office="zacapa", product="silla_ruedas", quantity=1, service=""):
    person = person or make_person(given_names="Ana Lucía", first_surname="Guerra")
    if service:
        return services.request_create(person=person, office=ss[office], date=D, kind="servicio", service=service,
                                       acting_user=user)
    return services.request_create(person=person, office=ss[office], date=D, kind="producto",
                                   product=ss["products"][product], quantity=quantity, acting_user=user)


def study(request, user, status="pobreza_extrema"):
    return services.request_study(request=request, visit_date=D + dt.timedelta(days=3), poverty_status=status,
                                  social_worker="Licda. Marta Solís", notes="Vive sola.", acting_user=user)


def approve(request, user):
    return services.request_decide(request=request, approved=True, date=D + dt.timedelta(days=5), acting_user=user)


def level(ss, office, code):
    return StockLevel.objects.get(office=ss[office], product=ss["products"][code]).quantity


def test_main_path_delivers_from_stock_with_receipt(people, ss):
    user = people["zacapa"]
    request = new_request(ss, user, quantity=2)
    request = study(request, user)
    assert request.person.poverty_status == "pobreza_extrema"
    request.person.refresh_from_db()
    assert request.person.poverty_status == "pobreza_extrema"  # registry updated
    request = approve(request, user)
    request = services.request_deliver(request=request, date=D + dt.timedelta(days=7), acting_user=user)
    assert request.status == "entregada"
    assert request.delivery.receipt == f"SS-2023-{request.pk:06d}"
    assert (request.delivery.program, request.delivery.item, request.delivery.quantity) == (
        "social_service", "silla_ruedas", 2)
    assert request.delivery.department_id == 19 and request.delivery.person == request.person
    assert level(ss, "zacapa", "silla_ruedas") == 8
    movement = Movement.objects.get(kind="salida")
    assert movement.delivery == request.delivery and movement.reference == request.delivery.receipt


def test_service_request_is_delivered_without_stock(people, ss):
    user = people["zacapa"]
    request = approve(study(new_request(ss, user, service="transporte"), user), user)
    request = services.request_deliver(request=request, date=D + dt.timedelta(days=7), acting_user=user)
    assert request.delivery.item == "transporte" and not Movement.objects.filter(kind="salida").exists()


def test_transitions_are_enforced(people, ss):
    user = people["zacapa"]
    request = new_request(ss, user)
    with pytest.raises(ApplicationError, match="Primero registre el estudio"):
        approve(request, user)
    with pytest.raises(ApplicationError, match="aún no está aprobada"):
        services.request_deliver(request=request, date=D, acting_user=user)
    study(request, user)
    with pytest.raises(ApplicationError, match="aún no está aprobada"):
        services.request_deliver(request=request, date=D + dt.timedelta(days=5), acting_user=user)
    with pytest.raises(ApplicationError, match="motivo de la denegación") as error:
        services.request_decide(request=request, approved=False, date=D + dt.timedelta(days=5), acting_user=user)
    assert error.value.field == "reason"
    with pytest.raises(ApplicationError, match="anterior a la visita"):
        services.request_decide(request=request, approved=True, date=D, acting_user=user)
    denied = services.request_decide(request=request, approved=False, date=D + dt.timedelta(days=5),
                                     reason="No cumple criterios de pobreza.", acting_user=user)
    assert denied.status == "denegada"
    with pytest.raises(ApplicationError, match="ya está denegada"):
        services.request_deliver(request=denied, date=D + dt.timedelta(days=6), acting_user=user)
    with pytest.raises(ApplicationError, match="el estudio no se puede cambiar"):
        study(denied, user)
    with pytest.raises(ApplicationError, match="ya está denegada"):
        approve(denied, user)
    assert not Delivery.objects.exists()


def test_delivery_refused_when_stock_is_short_nothing_saved(people, ss):
    user = people["zacapa"]
    request = approve(study(new_request(ss, user, product="andador", quantity=12), user), user)
    with pytest.raises(ApplicationError, match="disponibles 10, solicitadas 12"):
        services.request_deliver(request=request, date=D + dt.timedelta(days=7), acting_user=user)
    request.refresh_from_db()
    assert request.status == "aprobada" and request.delivery is None
    assert not Delivery.objects.exists() and level(ss, "zacapa", "andador") == 10
    assert not Movement.objects.filter(kind="salida").exists()


def test_bad_input_spanish_errors(people, ss):
    user, person = people["zacapa"], make_person()
    with pytest.raises(ApplicationError, match="Elija el producto"):
        services.request_create(person=person, office=ss["zacapa"], date=D, kind="producto", acting_user=user)
    with pytest.raises(ApplicationError, match="Elija el servicio"):
        services.request_create(person=person, office=ss["zacapa"], date=D, kind="servicio", service="viaje",
                                acting_user=user)
    with pytest.raises(ApplicationError, match="futuro"):
        services.request_create(person=person, office=ss["zacapa"], kind="servicio", service="hospedaje",
                                date=dt.date.today() + dt.timedelta(days=2), acting_user=user)
    request = new_request(ss, user, person)
    with pytest.raises(ApplicationError, match="clasificación de pobreza"):
        study(request, user, status="sin_estudio")
    with pytest.raises(ApplicationError, match="anterior a la solicitud"):
        services.request_study(request=request, visit_date=D - dt.timedelta(days=1), poverty_status="pobreza",
                               social_worker="X", acting_user=user)
    assert SupportRequest.objects.get().status == "solicitada"


def test_scope_officer_cannot_use_other_department(people, ss):
    foreign = make_person(JUTIAPA_TOWN, given_names="Julia")
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        new_request(ss, people["zacapa"], foreign, office="jutiapa")
    request = new_request(ss, people["jutiapa"], foreign, office="jutiapa")
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        study(request, people["zacapa"])
    with pytest.raises(ApplicationError, match="solo lectura"):
        study(request, people["auditor"])
