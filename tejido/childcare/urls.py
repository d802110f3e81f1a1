from django.urls import path

from tejido.programs.views import site_urls

from . import printing, views
from .site import SITE

urlpatterns = site_urls(SITE) + [
    path("centros/<int:pk>/personal/", views.center_staff, name="childcare_staff"),
    path("centros/<int:pk>/asistencia/imprimir/", printing.roll_sheet, name="childcare_roll_sheet"),
    path("inscripciones/<int:pk>/nutricion/", views.child_nutrition, name="childcare_nutrition"),
    path("inscripciones/<int:pk>/nutricion/imprimir/", printing.growth_card, name="childcare_growth_card"),
    path("inscripciones/<int:pk>/evaluaciones/", views.child_evaluations, name="childcare_evaluations"),
    path("eventos/", views.events, name="childcare_events"),
    path("cifras/", views.program_figures, name="childcare_figures"),
    path("asistencia/", views.attendance_summary, name="childcare_attendance"),
]
