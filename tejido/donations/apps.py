from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "tejido.donations"
    label = "donations"
    verbose_name = "Donaciones"
