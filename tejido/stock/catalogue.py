"""The catalogue of seed 001 table 15, for the data migration's twin: tests that flush the
database (browser tests) and the demo call ensure_catalogue()."""

from .models import Product

CATALOGUE = [
    ("silla_ruedas", "Sillas de ruedas", "unidad", 1),
    ("muletas", "Muletas", "par", 2),
    ("andador", "Andadores", "unidad", 3),
    ("baston", "Bastones", "unidad", 4),
    ("panales", "Paquetes de pañales (50 unidades cada uno)", "paquete de 50 unidades", 5),
]


def ensure_catalogue() -> dict[str, Product]:
    for code, name, unit, order in CATALOGUE:
        Product.objects.get_or_create(code=code, defaults={"name": name, "unit": unit, "order": order})
    return {p.code: p for p in Product.objects.all()}
