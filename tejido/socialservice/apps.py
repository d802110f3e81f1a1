from django.apps import AppConfig


class SocialServiceConfig(AppConfig):
    name = "tejido.socialservice"
    label = "socialservice"
    verbose_name = "Servicio Social"
