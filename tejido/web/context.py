from tejido.territory.scope import scope_of


def scope(request):
    """Templates show menus by what the user may see."""
    return {"scope": scope_of(getattr(request, "user", None))}
