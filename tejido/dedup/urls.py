from django.urls import path

from . import views

urlpatterns = [
    path("", views.queue, name="dedup_queue"),
    path("buscar/", views.run, name="dedup_run"),
    path("<int:pk>/", views.pair, name="dedup_pair"),
    path("<int:pk>/fusionar/", views.merge, name="dedup_merge_pair"),
    path("<int:pk>/rechazar/", views.reject, name="dedup_reject"),
    path("fusiones/", views.merges, name="dedup_merges"),
    path("fusiones/<int:pk>/", views.merge_detail, name="dedup_merge"),
    path("fusiones/<int:pk>/deshacer/", views.undo, name="dedup_undo"),
]
