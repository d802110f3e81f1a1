"""Configuration of the plan's structure (adding or removing outputs); targets, rules and
budget are edited on the planning pages, through the services."""

from django.contrib import admin

from tejido.reliability.admin import VersionCheckedAdmin

from .models import BudgetActivity, Indicator, Output, Plan


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0


@admin.register(Output)
class OutputAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    list_display = ("name", "activity", "parent", "unit", "current_target")
    list_filter = ("activity__plan", "unit")
    inlines = [IndicatorInline]


@admin.register(Plan)
class PlanAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    pass


@admin.register(BudgetActivity)
class BudgetActivityAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    list_display = ("name", "plan", "program", "assigned", "current")
