from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="migrants_home"),
    path("nueva/", views.reception_new, name="migrants_new"),
    path("<int:pk>/", views.reception_detail, name="migrants_reception"),
    path("<int:pk>/imprimir/", views.reception_print, name="migrants_reception_print"),
    path("derivaciones/", views.referral_list_page, name="migrants_referrals"),
    path("derivaciones/<int:pk>/", views.referral_detail, name="migrants_referral"),
    path("cifras/", views.figures_page, name="migrants_figures"),
]
