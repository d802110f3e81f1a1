"""The month-by-month series the dashboards use give, for every counting rule of the demo plan
and every scope, exactly what counting each cumulative period on its own gives."""

import calendar
import datetime as dt

import pytest
from django.utils import timezone

from tejido.accounts.models import User
from tejido.demo.loader import load_demo
from tejido.planning.indicators import executed, executed_series
from tejido.planning.models import Output, RuleKind

pytestmark = pytest.mark.django_db


def test_series_equal_one_count_per_month_for_every_rule_and_scope(territory):
    load_demo(families=40)
    year = timezone.localdate().year
    start = dt.date(year, 1, 1)
    ends = [dt.date(year, m, calendar.monthrange(year, m)[1]) for m in range(1, 13)]
    outputs = list(Output.objects.filter(activity__plan__year=year).select_related("indicator", "activity__plan")
                   .prefetch_related("children"))
    kinds = {o.indicator.kind for o in outputs if hasattr(o, "indicator")}
    assert {RuleKind.UNIQUE_PERSONS_ENROLLED, RuleKind.EVENTS_HELD, RuleKind.FAMILIES_RECEIVED,
            RuleKind.SUM_SUBOUTPUTS, RuleKind.UNITS_ACTIVE} <= kinds
    nonzero = 0
    for username in ("central.hogares", "delegada.zacapa", "digitadora.cadi"):
        user = User.objects.get(username=username)
        series_cache: dict = {}
        for output in outputs:
            by_month = [executed(output, user, start, end, {}) for end in ends]
            assert executed_series(output, user, start, ends, series_cache) == by_month, (username, output.name)
            nonzero += any(by_month)
    assert nonzero > 10  # the comparison is not between empty series
