import datetime as dt
import random

import pytest
from django.utils import timezone

from tejido.demo.planning import load_planning_demo
from tejido.planning import figures
from tejido.planning.models import BudgetLine, Plan

pytestmark = pytest.mark.django_db


def test_demo_plan_is_created_once_with_monthly_budget(people):
    today = timezone.localdate()
    created = load_planning_demo(people["admin"], random.Random(5))
    assert created > 0 and load_planning_demo(people["admin"], random.Random(5)) == 0
    plan = Plan.objects.get(year=today.year)
    assert BudgetLine.objects.filter(activity__plan=plan).count() == 5 * 6 * today.month
    data = figures.physical_targets(people["planner"], dt.date(today.year, 1, 1), today)
    documents = data["rows"][1]
    assert documents["target"] == 12 and documents["executed"] == today.month
    assert all(r["target"] >= 1 for r in data["rows"] if r["kind"] != "heading")
    budget = figures.budget_execution(people["planner"], dt.date(today.year, 1, 1), today)
    assert budget["totals"]["executed"] > 0 and budget["totals"]["current"] > budget["totals"]["executed"]
