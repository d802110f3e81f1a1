from django.db.models import QuerySet


def filter_given(qs: QuerySet, **lookups) -> QuerySet:
    """Apply only the filters the user filled in: list pages and API share optional filters."""
    return qs.filter(**{name: value for name, value in lookups.items() if value not in (None, "")})
