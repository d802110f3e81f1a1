from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="agreements_home"),
    path("nuevo/", views.agreement_create, name="agreements_create"),
    path("cifras/", views.agreement_figures, name="agreements_figures"),
    path("<int:pk>/", views.agreement_detail, name="agreements_detail"),
    path("<int:pk>/documentos/", views.agreement_document_upload, name="agreements_document_upload"),
    path("<int:pk>/estado/", views.agreement_status, name="agreements_status"),
    path("<int:pk>/documentos/<int:doc_pk>/", views.agreement_document_download, name="agreements_document"),
    path("licencias/", views.compliance, name="agreements_compliance"),
    path("licencias/centros/<int:center_pk>/", views.center_documents, name="agreements_center_documents"),
    path("licencias/documentos/<int:pk>/", views.center_document_download, name="agreements_center_document"),
]
