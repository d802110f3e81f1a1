from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tejido.portal"
    label = "portal"
    verbose_name = "Portal de transparencia"
