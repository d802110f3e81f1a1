from django.urls import path

from . import narrative_views, views

urlpatterns = [
    path("", views.report_page, name="reports"),
    path("grafica/", views.report_chart, name="report_chart"),
    path("personas/", views.report_people, name="report_people"),
    path("registros/", views.report_records, name="report_records"),
    path("consistencia/", views.consistency_page, name="report_consistency"),
    path("textos/", narrative_views.narrative_page, name="report_narrative"),
    path("desagregar/", views.breakdown_page, name="report_breakdown"),
    path("preparar/", views.job_create, name="report_job_create"),
    path("preparados/<int:pk>/", views.job_page, name="report_job"),
    path("preparados/<int:pk>/descargar/", views.job_download, name="report_job_download"),
]
