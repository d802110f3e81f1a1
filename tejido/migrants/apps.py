from django.apps import AppConfig


class MigrantsConfig(AppConfig):
    name = "tejido.migrants"
    label = "migrants"
    verbose_name = "Unidades familiares migrantes retornadas"
