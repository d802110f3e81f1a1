from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, Municipality, Office, Place, PriorityList


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("id", "name")


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("id", "name", "department")
    list_filter = ("department",)
    search_fields = ("name",)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "department", "municipality")


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "municipality")
    search_fields = ("name",)
    autocomplete_fields = ("municipality",)


@admin.register(PriorityList)
class PriorityListAdmin(admin.ModelAdmin):
    list_display = ("name", "source", "valid_from", "valid_to")
    filter_horizontal = ("municipalities",)
