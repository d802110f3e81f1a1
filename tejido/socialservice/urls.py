from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="socialservice_home"),
    path("solicitudes/nueva/", views.request_new, name="socialservice_request_new"),
    path("solicitudes/<int:pk>/", views.request_detail, name="socialservice_request"),
    path("solicitudes/<int:pk>/estudio/", views.request_study, name="socialservice_request_study"),
    path("solicitudes/<int:pk>/resolucion/", views.request_decide, name="socialservice_request_decide"),
    path("solicitudes/<int:pk>/entrega/", views.request_deliver, name="socialservice_request_deliver"),
    path("solicitudes/<int:pk>/constancia/", views.receipt, name="socialservice_receipt"),
    path("buscar-persona/", views.person_search, name="socialservice_person_search"),
    path("jornadas/", views.outreach, name="socialservice_outreach"),
    path("jornadas/<int:pk>/", views.outreach_day, name="socialservice_outreach_day"),
    path("cifras/", views.program_figures, name="socialservice_figures"),
    path("existencias/", include("tejido.stock.urls")),
]
