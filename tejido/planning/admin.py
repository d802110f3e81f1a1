"""Configuration of the plan's structure (adding or removing outputs); targets, rules and
budget are edited on the planning pages, through the services."""

from django.contrib import admin

from .models import BudgetActivity, Indicator, Output, Plan


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0


@admin.register(Output)
class OutputAdmin(admin.ModelAdmin):
    list_display = ("name", "activity", "parent", "unit", "current_target")
    list_filter = ("activity__plan", "unit")
    inlines = [IndicatorInline]


admin.site.register(Plan)
admin.site.register(BudgetActivity, list_display=("name", "plan", "program", "assigned", "current"))
