"""Included by tejido.socialservice.urls under /servicio-social/existencias/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.stock_home, name="stock_home"),
    path("sedes/<int:pk>/", views.office_stock, name="stock_office"),
    path("sedes/<int:pk>/<slug:code>/", views.stock_card, name="stock_card"),
]
