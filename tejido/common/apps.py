from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "tejido.common"
    label = "common"
    verbose_name = "Común"

    def ready(self):
        from django.core.checks import register

        from .access_context import check_trusted_proxies

        register(check_trusted_proxies)
