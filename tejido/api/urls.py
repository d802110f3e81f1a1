"""Mounts each app's router under /api/v1/. Apps own their endpoints (their api.py)."""

from ninja import NinjaAPI

from tejido.agreements.api import router as agreements_router
from tejido.centers.api import router as centers_router
from tejido.childcare.api import router as childcare_router
from tejido.common.access_api import router as access_log_router
from tejido.common.api import router as exports_router
from tejido.dashboards.api import router as dashboards_router
from tejido.dedup.api import router as dedup_router
from tejido.donations.api import router as donations_router
from tejido.elderly.api import router as elderly_router
from tejido.imports.api import router as imports_router
from tejido.migrants.api import router as migrants_router
from tejido.offline.api import router as offline_router
from tejido.planning.api import router as planning_router
from tejido.portal.api import router as portal_router
from tejido.registry.api import router as registry_router
from tejido.reports.api import router as reports_router
from tejido.shelters.api import router as shelters_router
from tejido.socialservice.api import router as socialservice_router
from tejido.territory.api import router as territory_router
from tejido.women.api import router as women_router

from . import errors
from .auth import SessionAuth, TokenAuth

api = NinjaAPI(
    title="Tejido API",
    version="1",
    description="API de Tejido (SOSEP). Las mismas reglas de acceso territorial que la interfaz web. "
                "Autenticación: `Authorization: Bearer <token>`.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api-v1",
)
errors.install(api)
api.add_router("/territorio/", territory_router, tags=["Territorio"])
api.add_router("/", registry_router, tags=["Personas y hogares"])
api.add_router("/", centers_router, tags=["Centros"])
api.add_router("/primera-infancia/", childcare_router, tags=["Hogares Comunitarios y CADI"])
api.add_router("/adulto-mayor/", elderly_router, tags=["Mis Años Dorados"])
api.add_router("/mujer/", women_router, tags=["Mejoramiento Socioeconómico de la Mujer"])
api.add_router("/servicio-social/", socialservice_router, tags=["Servicio Social"])
api.add_router("/migrantes/", migrants_router, tags=["Unidades familiares migrantes"])
api.add_router("/informes/", reports_router, tags=["Informes"])
api.add_router("/tableros/", dashboards_router, tags=["Tableros"])
api.add_router("/planificacion/", planning_router, tags=["Planificación y presupuesto"])
api.add_router("/donaciones/", donations_router, tags=["Donaciones"])
api.add_router("/albergues/", shelters_router, tags=["Albergues temporales"])
api.add_router("/convenios/", agreements_router, tags=["Convenios y licencias"])
api.add_router("/duplicados/", dedup_router, tags=["Duplicados de personas"])
api.add_router("/importar/", imports_router, tags=["Importación masiva"])
api.add_router("/", exports_router, tags=["Exportaciones"])
api.add_router("/auditoria/", access_log_router, tags=["Auditoría"])
api.add_router("/transparencia/", portal_router, tags=["Portal de transparencia (público)"])
api.add_router("/sin-conexion/", offline_router, tags=["Captura sin conexión"])
