from django.urls import path

from . import views

urlpatterns = [
    path("", views.portal_page, name="portal"),
    path("grafica/<str:table_id>/<str:kind>.png", views.portal_chart, name="portal_chart"),
]
