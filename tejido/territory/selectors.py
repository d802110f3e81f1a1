from django.db.models import Count, QuerySet

from tejido.territory.scope import restrict

from .models import Department, Municipality, Place


def department_list() -> QuerySet:
    return Department.objects.annotate(municipality_count=Count("municipalities"))


def municipality_list(*, department_id: int | None = None, q: str = "") -> QuerySet:
    qs = Municipality.objects.select_related("department")
    if department_id:
        qs = qs.filter(department_id=department_id)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def place_list(*, user, municipality_id: int | None = None) -> QuerySet:
    # Places are not personal data; officers still see those of their own territory.
    qs = restrict(Place.objects.select_related("municipality__department"), user,
                  department="municipality__department_id")
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    return qs


def places_for_municipality(municipality_id) -> QuerySet:
    """Public list for form drop-downs: place names are not sensitive."""
    return Place.objects.filter(municipality_id=municipality_id).order_by("name")


def municipalities_for_forms(user) -> QuerySet:
    """A departmental officer picks among their own municipalities; others among all."""
    from tejido.territory.scope import scope_of

    qs = Municipality.objects.select_related("department").order_by("department__name", "name")
    scope = scope_of(user)
    if scope.department_ids:
        qs = qs.filter(department_id__in=scope.department_ids)
    return qs
