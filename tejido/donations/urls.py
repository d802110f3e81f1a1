from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="donations_home"),
    path("nueva/", views.create, name="donations_create"),
    path("<int:pk>/", views.detail, name="donations_detail"),
    path("<int:pk>/distribuir/", views.distribute, name="donations_distribute"),
    path("<int:pk>/imprimir/", views.print_delivery, name="donations_print"),
    path("<int:pk>/documentos/<str:kind>/", views.document, name="donations_document"),
]
