"""The products the social service hands out (seed 001 table 15)."""

from django.db import migrations

CATALOGUE = [
    ("silla_ruedas", "Sillas de ruedas", "unidad", 1),
    ("muletas", "Muletas", "par", 2),
    ("andador", "Andadores", "unidad", 3),
    ("baston", "Bastones", "unidad", 4),
    ("panales", "Paquetes de pañales (50 unidades cada uno)", "paquete de 50 unidades", 5),
]


def add_catalogue(apps, schema_editor):
    Product = apps.get_model("stock", "Product")
    for code, name, unit, order in CATALOGUE:
        Product.objects.update_or_create(code=code, defaults={"name": name, "unit": unit, "order": order})


def remove_catalogue(apps, schema_editor):
    apps.get_model("stock", "Product").objects.filter(code__in=[c[0] for c in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("stock", "0001_initial")]
    operations = [migrations.RunPython(add_catalogue, remove_catalogue)]
