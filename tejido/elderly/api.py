"""/api/v1/adulto-mayor: enrolments, exit, roll (shared endpoints) and the program's figures."""

import datetime as dt

from ninja import Router

from tejido.programs.api import add_program_endpoints

from . import figures
from .site import SITE

router = add_program_endpoints(Router(), SITE)


@router.get("/cifras", summary="Cifras del programa para un periodo (cuadro 18 de la Memoria, atención por eje)")
def program_figures(request, desde: dt.date, hasta: dt.date):
    return {
        "by_department": figures.elderly_by_department(user=request.auth, start=desde, end=hasta),
        "care_by_axis": figures.care_by_axis(user=request.auth, start=desde, end=hasta),
    }
