"""The project's URLs plus one view that fails with personal data in its exception message."""

from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

NAME, CUI = "Filomena Xicará", "2345678901901"


def boom(request):
    raise RuntimeError(f"no se pudo guardar a {NAME} con CUI {CUI} ({request.GET.get('q')})")


urlpatterns = [path("prueba-500/", boom), *project_urlpatterns]
