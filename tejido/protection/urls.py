from django.urls import path

from . import views

urlpatterns = [
    path("", views.case_list_view, name="protection_case_list"),
    path("nuevo/", views.case_report_view, name="protection_case_report"),
    path("<int:pk>/", views.case_detail_view, name="protection_case_detail"),
    path("<int:pk>/acciones/", views.case_action_view, name="protection_case_action"),
    path("<int:pk>/referir/", views.case_refer_view, name="protection_case_refer"),
    path("<int:pk>/cerrar/", views.case_close_view, name="protection_case_close"),
    path("<int:pk>/fusion/", views.case_follow_merge_view, name="protection_case_follow_merge"),
]
