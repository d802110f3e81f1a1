"""Ages in completed months and years, the way the programs count them."""

import datetime as dt


def completed_months(birth: dt.date, on: dt.date) -> int:
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if on.day < birth.day:
        months -= 1
    return months


def age_label(birth: dt.date, on: dt.date) -> str:
    years, months = divmod(max(completed_months(birth, on), 0), 12)
    if years == 0:
        return f"{months} m"
    return f"{years} a {months} m" if months else f"{years} a"


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for a 29 February), for age bounds in SQL:
    born on or before years_before(d, n) means n or more completed years on d."""
    if day.year - years < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
