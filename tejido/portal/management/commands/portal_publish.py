"""Publish the portal's figures: build each year (with its four-month periods and months, small
cells protected) in every language and store it (portal.PublishedYear); the public pages only read
what is stored. Run periodically (deploy/systemd/tejido-portal.timer, docs/deploy.md) and at the
end of `load_demo`:

    python manage.py portal_publish                  # this year and the previous one
    python manage.py portal_publish --year 2025      # one year (repeatable)
    python manage.py portal_publish --all            # every year the portal offers (2020 on)
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from tejido.portal.forms import FIRST_YEAR
from tejido.portal.publication import publish_year
from tejido.portal.suppression import Stats


def default_years() -> list[int]:
    this_year = timezone.localdate().year
    return [this_year - 1, this_year]


class Command(BaseCommand):
    help = ("Calcula las cifras del portal de transparencia (año, cuatrimestres y meses, con protección de "
            "celdas pequeñas) y las guarda: el portal muestra solo lo publicado.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="año a publicar (se puede repetir)")
        parser.add_argument("--all", action="store_true", help=f"todos los años desde {FIRST_YEAR}")

    def handle(self, *args, year=None, all=False, **options):  # noqa: A002 - the option's name
        this_year = timezone.localdate().year
        years = list(range(FIRST_YEAR, this_year + 1)) if all else sorted(set(year or default_years()))
        wrong = [y for y in years if not FIRST_YEAR <= y <= this_year]
        if wrong:
            raise CommandError(f"Años fuera del portal ({FIRST_YEAR} a {this_year}): {wrong}")
        for one in years:
            # Every language must show the same figures with the same cells hidden (two versions of a
            # table would let a reader subtract one from the other): the later languages reuse the
            # first one's protection when the figures are the same. If a record changed in between,
            # publish the year again.
            for _attempt in range(3):
                same = True
                for i, (code, _name) in enumerate(settings.LANGUAGES):
                    stats = Stats()
                    with translation.override(code):
                        published = publish_year(one, stats)
                    same = same and (i == 0 or stats.reused > 0)
                    self.stdout.write(f"{one} ({code}): publicado en {published.build_seconds:.1f} s")
                if same:
                    break
                self.stdout.write(f"{one}: las cifras cambiaron mientras se publicaba; se publica de nuevo")
