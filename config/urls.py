from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from tejido.api.urls import api

# The configuration site (Django admin) demands a verified second factor.
admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Tejido — configuración"
admin.site.site_title = "Tejido"

urlpatterns = [
    path("configuracion/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("primera-infancia/", include("tejido.childcare.urls")),
    path("proteccion/", include("tejido.protection.urls")),
    path("adulto-mayor/", include("tejido.elderly.urls")),
    path("mujer/", include("tejido.women.urls")),
    path("servicio-social/", include("tejido.socialservice.urls")),
    path("migrantes/", include("tejido.migrants.urls")),
    path("informes/", include("tejido.reports.urls")),
    path("derivaciones/", include("tejido.programs.referral_views")),
    path("capacitaciones-personal/", include("tejido.programs.staff_trainings")),
    path("planificacion/", include("tejido.planning.urls")),
    path("tableros/", include("tejido.dashboards.urls")),
    path("donaciones/", include("tejido.donations.urls")),
    path("albergues/", include("tejido.shelters.urls")),
    path("convenios/", include("tejido.agreements.urls")),
    path("duplicados/", include("tejido.dedup.urls")),
    path("importar/", include("tejido.imports.urls")),
    path("transparencia/", include("tejido.portal.urls")),
    path("", include("tejido.offline.urls")),
    path("", include("tejido.web.urls")),
]

# Spanish error page; 503 while the database is down or restarting (docs/reliability.md).
handler500 = "tejido.reliability.views.server_error"
