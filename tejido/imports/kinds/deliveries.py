"""Entregas: one row per delivery (a kit, a wheelchair, a food ration) to a person, a center or a
municipality. Each row goes through programs.deliveries.delivery_create. A product of the stock
catalogue (wheelchairs, crutches, diapers…) can only leave an office's stock: such a row names
the «Sede» and also goes through stock.services.issue, as request_deliver and outreach_deliver do,
so the stock card records the exit and a row asking for more than is available is refused (stock
never goes negative; rows are rehearsed in order, so a file cannot overdraw it either)."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.accounts.models import Program
from tejido.centers.models import Center
from tejido.centers.selectors import center_list
from tejido.common.text import normalize_text
from tejido.programs.deliveries import delivery_create
from tejido.programs.models import DELIVERY_ITEM_LABELS
from tejido.registry.models import Person
from tejido.registry.selectors import person_list
from tejido.stock.models import Product
from tejido.stock.services import issue
from tejido.territory.models import Municipality, Office

from ..fields import CellError, Coded, Column, MunicipalityLookup, as_text, parse_count, parse_date, text
from .base import RowErrors
from .enrolments import CENTER, PersonAtCenterKind, PersonLookup
from .people import CenterLookup

PROGRAM, ITEM, QUANTITY, DAY, OFFICE = "Programa", "Producto o servicio", "Cantidad", "Fecha", "Sede"
PERSON, MUNICIPALITY = "Persona (CUI o número de registro)", "Municipio"


def item_spellings(name: str) -> set[str]:
    """How offices write a catalogue name: as is, without its parenthesis («Paquetes de pañales (50
    unidades cada uno)» → «Paquetes de pañales»), and in the singular («Silla de ruedas», «Bastón»),
    all normalized (accents and case ignored)."""
    plain = normalize_text(_PARENTHESIS.sub(" ", name))
    return {normalize_text(name), plain, _singular(plain)}


def _singular(text: str) -> str:
    """Each word without its plural ending, and without a final «e» so that both Spanish plurals
    meet: «sillas de ruedas» and «silla de rueda» at «silla de rueda»; «bastones» and «baston» at
    «baston»; «paquetes» and «paquete» at «paquet»; «lentes» and «lente» at «lent». Applied alike to
    the catalogue and to what was written, so it is a key, not a word."""
    words = []
    for word in text.split():
        if len(word) > 3 and word.endswith("s"):
            word = word[:-1]
        if len(word) > 4 and word.endswith("e"):
            word = word[:-1]
        words.append(word)
    return " ".join(words)


_PARENTHESIS = re.compile(r"\([^)]*\)")


class ItemLookup:
    """A delivery item by code, label or the ways offices write it (item_spellings): the programs'
    items and the stock catalogue's products."""

    def __init__(self):
        self.products = {}
        self.lookup = {}
        named = [(code, str(label)) for code, label in DELIVERY_ITEM_LABELS.items()]
        for product in Product.objects.filter(active=True):
            self.products[product.code] = product.pk
            named.append((product.code, product.name))
        for code, name in named:
            self.lookup[normalize_text(code)] = code
            for spelling in item_spellings(name):
                self.lookup.setdefault(spelling, code)

    def __call__(self, value):
        raw = as_text(value)
        if not raw:
            return ""
        written = normalize_text(raw)
        try:
            return self.lookup.get(written) or self.lookup[_singular(written)]
        except KeyError:
            raise CellError(_("Producto o servicio desconocido «%(value)s»; elija de la lista.")
                            % {"value": raw[:40]}) from None


class OfficeLookup:
    """A departmental office by code or name, only among those of the importer's departments."""

    def __init__(self, offices: dict):
        self.offices = offices  # normalized code or name -> id

    def __call__(self, value):
        raw = as_text(value)
        if not raw:
            return None
        try:
            return self.offices[normalize_text(raw)]
        except KeyError:
            raise CellError(_("Sede desconocida o fuera de su territorio: «%(value)s».")
                            % {"value": raw[:40]}) from None


@dataclass
class DeliveryContext:
    user: object
    people: object
    items: ItemLookup


class DeliveriesKind(PersonAtCenterKind):
    slug = "entregas"
    label = gettext_lazy("Entregas")
    key_help = gettext_lazy("Programa + fecha + producto + persona (o centro o municipio) + constancia.")
    service_fields = {"item": ITEM, "quantity": QUANTITY, "date": DAY, "person": PERSON, "center": CENTER,
                      "municipality": MUNICIPALITY, "office": OFFICE, "product": ITEM}

    def __init__(self):
        self.person = Column("person_id", PERSON, False, PersonLookup(),
                             gettext_lazy("Opcional: a quién se entregó (CUI o número de registro)"))
        self.center = Column("center_id", CENTER, False, None, gettext_lazy("Opcional: entrega a un centro"))
        self.municipality = Column("municipality_id", MUNICIPALITY, True, None,
                                   gettext_lazy("Código INE o «código - municipio (departamento)» de la lista"))
        self.item = Column("item", ITEM, True, None, gettext_lazy("Código o nombre del producto o servicio"))
        self.office = Column("office_id", OFFICE, False, None,
                             gettext_lazy("Obligatoria para productos de bodega (sillas de ruedas, pañales…): "
                                          "sale de sus existencias"))
        self.columns = [
            Column("program", PROGRAM, True, Coded(Program), gettext_lazy("De la lista"),
                   [str(label) for _v, label in Program.choices]),
            self.item,
            Column("quantity", QUANTITY, True, parse_count, gettext_lazy("Número entero de 1 a 100,000")),
            Column("date", DAY, True, parse_date, gettext_lazy("dd/mm/aaaa, aaaa-mm-dd o dd-mm-aaaa")),
            self.person, self.center, self.municipality, self.office,
            Column("receipt", "Número de constancia", False, text(40), gettext_lazy("Opcional")),
            Column("note", "Observación", False, text(250), gettext_lazy("Opcional")),
        ]

    def context(self, user) -> DeliveryContext:
        from tejido.territory.scope import scope_of

        scope = scope_of(user)
        offices = Office.objects.all()
        if not scope.national:
            offices = offices.filter(department_id__in=scope.department_ids)
        names = {}
        for pk, code, name in offices.values_list("pk", "code", "name"):
            names[normalize_text(code)] = names[normalize_text(name)] = pk
        ctx = DeliveryContext(user=user, people=person_list(user=user), items=ItemLookup())
        self.person.parse.people = ctx.people
        self.center.parse = CenterLookup(dict(center_list(user=user).values_list("id", "department_id")))
        self.municipality.parse = MunicipalityLookup()
        self.item.parse = ctx.items
        self.office.parse = OfficeLookup(names)
        return ctx

    def validate(self, values, positions, ctx) -> dict:
        clean, problems = self.cells(values, positions)
        if not problems and clean["item"] in ctx.items.products and not clean["office_id"]:
            problems.append((OFFICE, _("Los productos de bodega salen de las existencias de una sede: escríbala.")))
        if problems:
            raise RowErrors(problems)
        return clean

    def key(self, clean: dict) -> str:
        to = (f"p{clean['person_id']}" if clean["person_id"] else
              f"c{clean['center_id']}" if clean["center_id"] else f"m{clean['municipality_id']}")
        return f"{clean['program']}|{clean['date']:%Y-%m-%d}|{clean['item']}|{to}|{clean['receipt']}"[:255]

    def apply(self, clean: dict, ctx) -> int:
        delivery = delivery_create(
            program=clean["program"], item=clean["item"], quantity=clean["quantity"], date=clean["date"],
            municipality=Municipality.objects.get(pk=clean["municipality_id"]), acting_user=ctx.user,
            person=Person.objects.get(pk=clean["person_id"]) if clean["person_id"] else None,
            center=Center.objects.get(pk=clean["center_id"]) if clean["center_id"] else None,
            receipt=clean["receipt"], note=clean["note"])
        product = ctx.items.products.get(clean["item"])
        if product is not None:
            issue(office=Office.objects.get(pk=clean["office_id"]), product=Product.objects.get(pk=product),
                  quantity=clean["quantity"], date=clean["date"], reference=delivery.receipt or f"IMP-{delivery.pk}",
                  delivery=delivery, acting_user=ctx.user)
        return delivery.pk
