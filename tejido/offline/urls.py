from django.urls import path

from . import views

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="web_manifest"),
    path("sin-conexion/", views.hub, name="offline_hub"),
]
