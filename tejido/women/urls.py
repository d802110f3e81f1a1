from django.urls import path

from tejido.programs.views import site_urls

from . import views
from .site import SITE

urlpatterns = site_urls(SITE) + [
    path("unidades/", views.units, name="women_units"),
    path("capacitaciones/", views.trainings, name="women_trainings"),
    path("capacitaciones/participantes/", views.training_participants, name="women_training_participants"),
    path("comercializacion/", views.fairs, name="women_fairs"),
    path("comercializacion/<int:pk>/", views.fair, name="women_fair"),
    path("buscar-mujer/", views.woman_search, name="women_search"),
    path("ingresos/", views.income, name="women_income"),
    path("cifras/", views.program_figures, name="women_figures"),
]
