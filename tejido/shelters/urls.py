from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="shelters_home"),
    path("abrir/", views.open_shelter, name="shelters_open"),
    path("coe/", views.national, name="shelters_national"),
    path("cuadro/", views.table, name="shelters_table"),
    path("<int:pk>/", views.detail, name="shelters_detail"),
    path("<int:pk>/familia/", views.family_new, name="shelters_family_new"),
    path("<int:pk>/salida/", views.check_out, name="shelters_check_out"),
    path("<int:pk>/insumos/", views.supply, name="shelters_supply"),
    path("<int:pk>/cerrar/", views.close, name="shelters_close"),
    path("<int:pk>/estado/", views.daily_status, name="shelters_status"),
]
