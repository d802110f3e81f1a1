"""Seed 004's 2022 plan (table 1: outputs and sub-outputs with unit and current physical
target; table 2: current budget per activity), with the counting rule bound to each output."""

from decimal import Decimal

from django.db import transaction

from tejido.accounts.models import Program
from tejido.centers.models import CenterKind

from .models import Plan, RuleKind, Unit
from .services import activity_create, output_create, plan_create, spread

SOURCE = "Seed 004, tablas 1 y 2 (SICOIN R00815611.rpt, año 2022)"
SUM = (RuleKind.SUM_SUBOUTPUTS, {})

# (code, activity, directorate heading, program, current budget,
#  [(product, unit, target, rule, [(sub-product, unit, target, rule), ...]), ...])
PLAN_2022 = [
    ("direccion", "Dirección y Coordinación", "", "", "29634540.00", [
        ("Dirección y Coordinación", Unit.DOCUMENT, 12, SUM, [
            ("Dirección y Coordinación", Unit.DOCUMENT, 12, (RuleKind.MANUAL, {})),
        ]),
    ]),
    ("primera_infancia", "Atención Integral a la Primera Infancia", "DIRECCIÓN DE HOGARES COMUNITARIOS",
     Program.CHILDCARE, "102153732.00", [
        ("Niños y niñas de 6 meses a 7 años de edad en situación de pobreza y pobreza extrema beneficiados con "
         "atención integral.", Unit.PERSON, 17050, SUM, [
            ("Niños y niñas de 6 meses a 7 años de edad en situación de pobreza y pobreza extrema beneficiados "
             "con atención integral.", Unit.PERSON, 17050,
             (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": Program.CHILDCARE})),
        ]),
    ]),
    ("servicio_social", "Servicio y Asistencia Social", "DIRECCIÓN DE SERVICIO SOCIAL", Program.SOCIAL_SERVICE,
     "8351601.00", [
        ("Personas en condición de pobreza y pobreza extrema beneficiadas con atención en servicio social.",
         Unit.PERSON, 4860, SUM, [
            ("Personas beneficiadas con productos ortopédicos y otros servicios sociales.", Unit.PERSON, 4860,
             (RuleKind.PERSONS_SERVED_SOCIAL_SERVICE, {})),
            ("Unidades Familiares Migrantes retornadas con apoyo y atención humanitaria.", Unit.FAMILY, 1000,
             (RuleKind.FAMILIES_RECEIVED, {})),
        ]),
    ]),
    ("mujer", "Desarrollo de la Mujer", "DIRECCIÓN DE MEJORAMIENTO DE LAS CONDICIONES SOCIOECONÓMICAS DE LA MUJER",
     Program.WOMEN, "7890351.00", [
        ("Mujeres beneficiadas con capacitación y asistencia técnica en proyectos productivos.", Unit.PERSON, 31515,
         (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": Program.WOMEN}), [
            ("Unidades productivas de mujeres organizadas para contribuir al desarrollo integral de las familias "
             "guatemaltecas.", Unit.ENTITY, 2101,
             # units in operation, as the four-monthly report counts them (seed 003: 1,436)
             (RuleKind.UNITS_ACTIVE, {"center_kind": CenterKind.PRODUCTIVE_UNIT})),
            ("Formación técnica, productiva, comercial y de desarrollo integral a mujeres.", Unit.EVENT, 21120,
             (RuleKind.EVENTS_HELD, {"program": Program.WOMEN, "event_kinds": ["capacitacion"]})),
            ("Eventos de promoción y comercialización de productos elaborados por las unidades productivas de "
             "mujeres.", Unit.EVENT, 146,
             (RuleKind.EVENTS_HELD, {"program": Program.WOMEN, "event_kinds": ["comercializacion"]})),
        ]),
    ]),
    ("adulto_mayor", "Atención Integral al Adulto Mayor", "DIRECCIÓN DE MIS AÑOS DORADOS", Program.ELDERLY,
     "30030876.00", [
        ("Adultos mayores en condición de pobreza y extrema pobreza con atención integral.", Unit.PERSON, 5000,
         (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": Program.ELDERLY}), [
            ("Adultos mayores beneficiados con servicios varios en centros de atención diurna.", Unit.PERSON, 4900,
             (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": Program.ELDERLY,
                                                  "center_kinds": [CenterKind.ELDERLY_DAY_CENTER]})),
            ("Adultos mayores beneficiados con servicios varios en centros de atención permanente.", Unit.PERSON, 100,
             (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": Program.ELDERLY,
                                                  "center_kinds": [CenterKind.ELDERLY_RESIDENTIAL]})),
        ]),
    ]),
]


@transaction.atomic
def load_plan(*, year: int, acting_user, data=PLAN_2022, source: str = SOURCE, name: str = "",
              monthly: bool = False) -> Plan | None:
    """Create the plan of `year` from `data`; None when it already exists (idempotent).
    `monthly`: spread each target evenly over the months as its programming."""
    if Plan.objects.filter(year=year).exists():
        return None
    plan = plan_create(year=year, acting_user=acting_user, source=source, name=name)
    for position, (code, name_, heading, program, budget, products) in enumerate(data, start=1):
        activity = activity_create(plan=plan, code=code, name=name_, heading=heading, program=program,
                                   position=position, assigned=Decimal(budget), current=Decimal(budget),
                                   acting_user=acting_user)
        for p_position, (product, unit, target, (rule, params), subs) in enumerate(products, start=1):
            parent = output_create(activity=activity, name=product, unit=unit, initial_target=target,
                                   monthly_targets=spread(target) if monthly else None,
                                   position=p_position, rule=rule, params=params, acting_user=acting_user)
            for s_position, (sub, sub_unit, sub_target, (sub_rule, sub_params)) in enumerate(subs, start=1):
                output_create(activity=activity, parent=parent, name=sub, unit=sub_unit, initial_target=sub_target,
                              monthly_targets=spread(sub_target) if monthly else None,
                              position=s_position, rule=sub_rule, params=sub_params, acting_user=acting_user)
    return plan
