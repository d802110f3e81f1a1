from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "tejido.dashboards"
    label = "dashboards"
    verbose_name = "Tableros"
