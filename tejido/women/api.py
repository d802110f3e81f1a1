"""/api/v1/mujer: enrolments, exit, roll (shared endpoints) and the program's own endpoints."""

from ninja import Router

from tejido.programs.api import add_program_endpoints

from .site import SITE

router = add_program_endpoints(Router(), SITE)
