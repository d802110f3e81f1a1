"""Exports of this program's shared pages (centers, rosters)."""

from tejido.programs.exports import register_program

from .site import SITE

register_program(SITE)
