from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tejido.reliability.admin import VersionCheckedAdmin

from .models import ApiToken, User


@admin.register(User)
class TejidoUserAdmin(VersionCheckedAdmin, UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Rol y alcance", {"fields": ("role", "title_form", "program", "departments",
                                                                     "centers")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("Rol y alcance", {"fields": ("role", "title_form", "program",
                                                                             "departments")}),)
    list_display = ("username", "first_name", "last_name", "role", "program", "is_active")
    list_filter = ("role", "program", "is_active", "departments")
    filter_horizontal = ("departments", "centers", "groups", "user_permissions")


@admin.register(ApiToken)
class ApiTokenAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
