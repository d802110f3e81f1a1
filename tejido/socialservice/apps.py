from django.apps import AppConfig


class SocialServiceConfig(AppConfig):
    name = "tejido.socialservice"
    label = "socialservice"
    verbose_name = "Servicio Social"

    def ready(self):
        # The services it arranges are delivery items too (their code is the Delivery item): named
        # in lists and accepted by name in the deliveries import («Servicio funerario»).
        from tejido.programs.models import DELIVERY_ITEM_LABELS

        from .models import Service

        DELIVERY_ITEM_LABELS.update(Service.choices)
