from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_page, name="reports"),
    path("personas/", views.report_people, name="report_people"),
    path("consistencia/", views.consistency_page, name="report_consistency"),
]
