from django.urls import path

from tejido.programs.views import site_urls

from . import views
from .site import SITE

urlpatterns = site_urls(SITE) + [
    path("actividades/", views.activities, name="elderly_activities"),
    path("cifras/", views.program_figures, name="elderly_figures"),
    path("entregas/", views.deliveries, name="elderly_deliveries"),
    path("derivaciones/", views.referrals, name="elderly_referrals"),
    path("derivaciones/<int:pk>/respuesta/", views.referral_decide_page, name="elderly_referral_decide"),
    path("inscripciones/<int:pk>/visitas/", views.home_visit, name="elderly_home_visit"),
    path("inscripciones/<int:pk>/derivar/", views.refer, name="elderly_refer"),
]
