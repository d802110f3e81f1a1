from django.urls import path

from tejido.programs.views import site_urls

from . import views
from .site import SITE

urlpatterns = site_urls(SITE) + [
    path("actividades/", views.activities, name="elderly_activities"),
    path("cifras/", views.program_figures, name="elderly_figures"),
]
