from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Center


@admin.register(Center)
class CenterAdmin(SimpleHistoryAdmin):
    """Read-mostly: centers are created and changed through the pages (services)."""

    list_display = ("code", "name", "kind", "municipality", "status")
    list_filter = ("kind", "status", "department")
    search_fields = ("code", "name")
    readonly_fields = [f.name for f in Center._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
