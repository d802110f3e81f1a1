from django.apps import AppConfig


class ChildcareConfig(AppConfig):
    name = "tejido.childcare"
    label = "childcare"
    verbose_name = "Hogares Comunitarios y CADI"
