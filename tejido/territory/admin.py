from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tejido.reliability.admin import VersionCheckedAdmin

from .models import Department, Municipality, Office, Place, PriorityList


@admin.register(Department)
class DepartmentAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    list_display = ("id", "name")


@admin.register(Municipality)
class MunicipalityAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    list_display = ("id", "name", "department")
    list_filter = ("department",)
    search_fields = ("name",)


@admin.register(Office)
class OfficeAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    list_display = ("name", "department", "municipality")


@admin.register(Place)
class PlaceAdmin(VersionCheckedAdmin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "municipality")
    search_fields = ("name",)
    autocomplete_fields = ("municipality",)


@admin.register(PriorityList)
class PriorityListAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    list_display = ("name", "source", "valid_from", "valid_to")
    filter_horizontal = ("municipalities",)
