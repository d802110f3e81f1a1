from tejido.programs.views import site_urls

from .site import SITE

urlpatterns = site_urls(SITE)
