from django.apps import AppConfig


class DedupConfig(AppConfig):
    name = "tejido.dedup"
    label = "dedup"
    verbose_name = "Duplicados de personas"
