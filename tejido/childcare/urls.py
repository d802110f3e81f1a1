from django.urls import path

from . import views

urlpatterns = [
    path("", views.program_home, name="childcare_home"),
    path("centros/<int:pk>/", views.center_children, name="childcare_center"),
    path("centros/<int:pk>/buscar-nino/", views.child_search, name="childcare_child_search"),
    path("centros/<int:pk>/personal/", views.center_staff, name="childcare_staff"),
    path("centros/<int:pk>/asistencia/", views.roll_call, name="childcare_roll"),
    path("inscripciones/<int:pk>/egreso/", views.enrolment_exit, name="childcare_exit"),
    path("inscripciones/<int:pk>/nutricion/", views.child_nutrition, name="childcare_nutrition"),
    path("inscripciones/<int:pk>/evaluaciones/", views.child_evaluations, name="childcare_evaluations"),
    path("eventos/", views.events, name="childcare_events"),
    path("cifras/", views.program_figures, name="childcare_figures"),
    path("asistencia/", views.attendance_summary, name="childcare_attendance"),
]
