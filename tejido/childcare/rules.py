"""Daycare rules that are not data: the educational level follows the child's age."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from tejido.programs.ages import completed_months

PROGRAM = "childcare"
# Seed 001 §4.1: inicial 6 months to 3 years 11 months; preprimaria 4 to 7 years.
PREPRIMARY_FROM_MONTHS = 48


class Level(models.TextChoices):
    INITIAL = "inicial", _("Inicial")
    PREPRIMARY = "preprimaria", _("Preprimaria")


def level_on(birth_date: dt.date, day: dt.date) -> str:
    return Level.PREPRIMARY if completed_months(birth_date, day) >= PREPRIMARY_FROM_MONTHS else Level.INITIAL
