"""/exportar/<lista>.csv|xlsx: the export of any registered list (tejido.common.exports)."""

from django.contrib.auth.decorators import login_required

from tejido.common.exports import export_response


@login_required
def export_view(request, slug, fmt, **url_kwargs):
    return export_response(request, slug, fmt, **url_kwargs)
