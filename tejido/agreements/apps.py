from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "tejido.agreements"
    label = "agreements"
    verbose_name = "Convenios y licencias"
