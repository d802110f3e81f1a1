from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="imports_home"),
    path("plantillas/<slug:kind>.xlsx", views.template_download, name="imports_template"),
    path("<int:pk>/", views.batch_page, name="imports_batch"),
    path("<int:pk>/errores/", views.batch_report, name="imports_report"),
    path("<int:pk>/numeros/", views.batch_numbers, name="imports_numbers"),
]
