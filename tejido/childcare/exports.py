"""Exports of the childcare pages: centers, rosters (shared program pages) and events."""

from django.utils.translation import gettext_lazy as _

from tejido.programs.exports import register_program, register_program_events

from .site import PROGRAM, SITE

register_program(SITE)
register_program_events("eventos-childcare", _("Capacitaciones y charlas"), PROGRAM)
