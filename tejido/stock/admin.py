from django.contrib import admin

from tejido.reliability.admin import VersionCheckedAdmin

from .models import Product


@admin.register(Product)
class ProductAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    """Only the catalogue is edited here; stock changes go through the services."""

    list_display = ["code", "name", "unit", "order", "active"]
