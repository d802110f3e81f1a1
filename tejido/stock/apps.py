from django.apps import AppConfig


class StockConfig(AppConfig):
    name = "tejido.stock"
    label = "stock"
    verbose_name = "Existencias de productos"
