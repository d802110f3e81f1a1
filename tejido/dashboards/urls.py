from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboards"),
    path("<str:programa>/", views.program_dashboard, name="dashboards_program"),
]
