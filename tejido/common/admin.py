from django.contrib import admin

from .models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "model", "object_id", "department", "ip_address", "channel")
    list_filter = ("action", "model", "channel")
    readonly_fields = ("at", "user", "action", "model", "object_id", "detail", "department", "ip_address", "channel",
                       "user_agent", "api_token")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
