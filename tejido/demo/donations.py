"""Demo donations: the seven donations of seed 001 table 20 (dated over the last year, at the
central office), a few received at departmental offices, and their distributions to programs,
offices and beneficiaries, leaving some balances open (alerts after 90 days)."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from tejido.donations import services
from tejido.donations.models import Donation
from tejido.registry.models import Person
from tejido.stock.catalogue import ensure_catalogue
from tejido.territory.models import Office

P, M = "propiedad", "materiales"
# (donor, kind, days ago, [(description, quantity, unit, category, value, product code)])
SEED_TABLE_20 = [
    ("Embajada de la República de China (Taiwán)", "internacional", 350,
     [("tablet marca Samsung Galaxy Tab A colores negro, plateado/blanco", 50, "unidad", P, "62400.00", None)]),
    ("Ministerio de Relaciones Exteriores de la República de China (Taiwán)", "internacional", 320,
     [("sillas de ruedas para adulto", 120, "unidad", P, "66000.00", "silla_ruedas"),
      ("sillas de ruedas para niños", 25, "unidad", P, "12500.00", "silla_ruedas"),
      ("sillas de baño plegable", 40, "unidad", P, "8000.00", None),
      ("andadores material aluminio", 80, "unidad", M, "9335.45", "andador"),
      ("bastones de aluminio", 200, "unidad", M, "6000.00", "baston")]),
    ("Organización Cristiana de Beneficio Social Esperanza de Vida ONG", "nacional", 250,
     [("Mezcla arroz, paños, kit de higiene, guantes, alcohol gel, toallas, mascarillas", 1, "lote", M,
       "196565.00", None)]),
    ("SimplyHelp", "internacional", 210,
     [("Bufandas, sombreros, mochilas, ropa, pelota de fútbol, juguete, linternas, batas entre otros", 1, "lote", M,
       "484726.47", None),
      ("paquetes de pañales", 500, "paquete", M, "50000.00", "panales")]),
    ("Organización Internacional para las Migraciones OIM", "internacional", 150,
     [("Laptop, impresoras, tablet, servidor", 1, "lote", P, "250000.00", None),
      ("licencias, tintas, portafolios", 1, "lote", M, "62895.80", None)]),
    ("The Wu Thun-Chih Foundation for Charity and Public Welfare", "internacional", 100,
     [("Rollos de tela", 888, "rollo", M, "745159.09", None)]),
    ("Alimentos y Bebidas Atlántida, Sociedad Anónima", "privado", 30,
     [("packs de jugos frutimore de mango", 49, "pack", M, "2650.00", None),
      ("packs de jugos frutimore de guayaba", 19, "pack", M, "1000.00", None),
      ("packs de agua pura", 25, "pack", M, "1350.00", None)]),
]
LOCAL = [  # received directly at departmental offices
    ("Municipalidad de Zacapa", "gobierno", "sede-19", 200, [("bastones", 30, "unidad", M, "900.00", "baston")]),
    ("Cooperativa El Progreso de Jutiapa", "nacional", "sede-22", 120,
     [("kits de higiene", 60, "kit", M, "3000.00", None), ("muletas", 10, "par", P, "2500.00", "muletas")]),
]
PROGRAMS = ["social_service", "elderly", "childcare", "women"]


def load_donations_demo(admin, rng: random.Random) -> int:
    if Donation.objects.exists():
        return 0
    products = ensure_catalogue()
    today = timezone.localdate()
    central = Office.objects.get(code="sede-01")
    offices = list(Office.objects.exclude(pk=central.pk))
    made = []
    plan = [(donor, kind, central, days, items) for donor, kind, days, items in SEED_TABLE_20]
    plan += [(donor, kind, Office.objects.get(code=code), days, items) for donor, kind, code, days, items in LOCAL]
    for number, (donor, kind, office, days, items) in enumerate(plan, start=1):
        received = today - dt.timedelta(days=days)
        made.append(services.donation_create(
            office=office, received_on=received, donor_name=donor, donor_kind=kind, acting_user=admin,
            certificate_number=f"ACTA-{received.year}-{number:03d}",
            items=[{"description": d, "quantity": q, "unit": u, "category": c, "value": Decimal(v),
                    "product": products[code] if code else None} for d, q, u, c, v, code in items]))
    receipt = 0
    for donation in made:
        days_since = (today - donation.received_on).days
        people = list(Person.objects.filter(department_id=donation.department_id)[:40])
        for item in donation.items.all():
            left = item.quantity
            # Older donations are mostly handed out; some keep a balance for the 90-day alert.
            for _round in range(rng.randint(1, 4) if days_since > 20 else 0):
                quantity = min(left, max(1, int(item.quantity * rng.uniform(0.1, 0.4))))
                if quantity < 1:
                    break
                receipt += 1
                day = donation.received_on + dt.timedelta(days=rng.randint(1, max(1, min(days_since, 60))))
                kind = rng.choice(["programa", "sede", "beneficiario"] if people else ["programa", "sede"])
                args = {"kind": kind, "program": rng.choice(PROGRAMS), "date": min(day, today),
                        "receipt": f"DIS-{receipt:05d}", "acting_user": admin}
                if kind == "sede":
                    args["office"] = rng.choice(offices)
                elif kind == "beneficiario":
                    quantity = min(quantity, rng.randint(1, 3))
                    candidates = [p for p in people if p.birth_date <= args["date"]]
                    args["person"] = rng.choice(candidates) if candidates else None
                services.distribute(item=item, quantity=quantity, **args)
                left -= quantity
                if left == 0:
                    break
    return len(made)
