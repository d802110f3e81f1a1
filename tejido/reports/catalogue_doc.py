"""The «Cuadros disponibles» section of docs/reports.md, generated from the table registry so it
cannot fall behind the code: `python manage.py reports_doc` rewrites it, and a test fails when the
file differs from what the registry says.

Each table is built once on whatever data there is (an empty database gives the same columns) by a
national user, to read its columns as the JSON contract names them. The seed reference of each
table is kept here: which table of the seeds it reproduces and, where Tejido differs, how."""

from django.utils import translation

from .builder import REPORTS, table_ids
from .period import Period
from .tables import TABLES

START, END = "<!-- cuadros:inicio (generado: python manage.py reports_doc) -->", "<!-- cuadros:fin -->"

# table id -> (the seed table it reproduces, how Tejido differs from it or "")
SEEDS = {
    "childcare.children_by_department": ("Memoria 2023, cuadro 1; informe cuatrimestral 2021", ""),
    "childcare.nutrition_status": ("Memoria 2023, cuadro 7", ""),
    "childcare.priority_coverage": ("Memoria 2023, cuadro 2", ""),
    "childcare.attendance_average": ("Memoria 2023, cuadro 3",
                                     "una fila por mes y, como total, la del periodo (la Memoria: solo esa)"),
    "childcare.trainings": ("Memoria 2023, cuadro 4", ""),
    "childcare.teacher_posts": ("Memoria 2023, cuadro 5", ""),
    "childcare.violence_prevention_talks": ("Memoria 2023, cuadro 6", "con el número de charlas"),
    "childcare.nutrition_talks": ("Memoria 2023, cuadro 8", "con el número de charlas"),
    "childcare.other_talks": ("", "charlas de otros temas: no están en la Memoria"),
    "childcare.attendance_teacher_caregiver": ("Memoria 2023, §4.1 (atención educativa: media de 10,014 con apoyo "
                                               "docente y 2,789 con madre cuidadora)",
                                               "una fila por mes y, como total, la media de los meses; con las "
                                               "inscripciones sin dato de quién atiende y el % con docente"),
    "childcare.caregivers_by_payer": ("Memoria 2023, §4 (1,247 madres cuidadoras SOSEP, 31 municipales, 2 del Sistema "
                                      "Penitenciario)", "por departamento, activas al cierre del periodo, con el monto "
                                      "mensual registrado"),
    "childcare.ready_for_primary": ("Memoria 2023, §4.1.5 («2,811 niñas y niños egresaron … preparados para … "
                                    "primero primaria»)", "por departamento y sexo (la Memoria: solo el total)"),
    "childcare.materials_delivered": ("Memoria 2023, §4.1.2 (materiales educativos)",
                                      "cantidades por material y destinatarios (la Memoria describe los cuadernos "
                                      "sin cantidades)"),
    "childcare.centers_opened": ("Memoria 2023, §4 («se abrieron los siguientes 4 CADI»); informe cuatrimestral 2021",
                                 "número por departamento y tipo (la Memoria nombra los centros: están en el detalle)"),
    "childcare.development_comparison": ("Memoria 2023, §4.1.5 (Escala de Desarrollo y Test ABC)", ""),
    "protection.cases_by_year": ("Memoria 2023, gráfica 6 (casos atendidos 2020-2023)", "como cuadro"),
    "protection.cases_per_month": ("Memoria 2023, gráfica 7", "los meses del periodo pedido"),
    "women.by_department": ("Memoria 2023, cuadro 10; informe cuatrimestral 2021", ""),
    "women.by_age_group": ("Memoria 2023, cuadro 11", ""),
    "women.by_pueblo": ("Memoria 2023, cuadro 12", ""),
    "women.by_language_community": ("Memoria 2023, texto de §5.3", ""),
    "women.priority_coverage": ("Memoria 2023, cuadro 13", ""),
    "women.income_by_department": ("Memoria 2023, cuadro 14", ""),
    "women.trainings_by_type": ("Memoria 2023, §5.3 (capacitaciones por área: 2,714 + 3,872 + 12,217 + 3,872 = "
                                "20,530)", "con las participantes, sumadas capacitación por capacitación"),
    "women.trainings_by_partner": ("Memoria 2023, §5.3 y §5.5 (INTECAP: 150 cursos, 2,571 mujeres)",
                                   "participantes sumadas por capacitación (una mujer en dos cursos cuenta dos veces)"),
    "women.commercial_events": ("Memoria 2023, §5.4 (eventos comerciales, mujeres participantes y ventas)",
                                "por departamento donde se realizó el evento (la Memoria: evento por evento)"),
    "social_service.products_delivered": ("Memoria 2023, cuadro 15", ""),
    "social_service.endowments_by_department": ("Informe cuatrimestral 2021, Servicio Social (personas con "
                                                "dotaciones por departamento, sexo y pueblo)", ""),
    "social_service.beneficiaries_with_migrants": ("Memoria 2023, cuadro 16 tal como se publicó (24,490 = 4,490 "
                                                   "+ 20,000 migrantes)", ""),
    "social_service.persons_by_department": ("Memoria 2023, cuadro 16", "sin las personas migrantes recibidas "
                                             "(la Memoria las suma: 24,490 = 4,490 + 20,000)"),
    "social_service.outreach_days": ("Memoria 2023, §6.1 (60 jornadas: 47 médicas y 13 de servicios integrados; "
                                     "12,943 personas; 771 productos)", ""),
    "migrants.by_reception_center": ("Memoria 2023, §6.2; nota de 2022 (seed 002)", ""),
    "migrants.by_destination_department": ("Memoria 2023, §6.2", ""),
    "migrants.referrals_by_destination": ("Memoria 2023, §6.4", ""),
    "migrants.care_given": ("Informe cuatrimestral 2021, Servicio Social («168 Unidades Familiares … con atención "
                            "psicosocial»); Memoria 2023, §6.4; nota de 2022", "todas las atenciones, con familias y "
                            "personas"),
    "migrants.by_arrival": ("Memoria 2023, §6.2 (vía aérea desde México y Estados Unidos, vía terrestre desde México)",
                            ""),
    "migrants.vulnerabilities": ("Memoria 2023, §6.4 (causas de atención especial)",
                                 "familias por causa (la Memoria solo enumera las causas)"),
    "elderly.by_department": ("Memoria 2023, cuadro 18", ""),
    "elderly.care_by_department": ("Informe cuatrimestral 2021, Mis Años Dorados", ""),
    "planning.physical_targets": ("Memoria 2023, cuadro 19; informe cuatrimestral 2021, metas físicas",
                                  "ejecución del periodo y acumulada (enero al cierre del periodo)"),
    "planning.budget_by_group": ("Informe cuatrimestral 2021, primer cuadro",
                                 "grupos en filas (el informe: en columnas)"),
    "planning.budget_execution": ("Memoria 2023, cuadro 20; informe cuatrimestral 2021, por programas",
                                  "ejecución del periodo y acumulada"),
    "elderly.items_delivered": ("Memoria 2023, §7.5 (27,367 kits «Activo Me Siento Bien») y §7.2 (lentes a 14 "
                                "adultos mayores)", "unidades entregadas, no personas"),
    "elderly.referrals_by_destination": ("Memoria 2023, §7.2 (268 adultos mayores incorporados al PAM del MINTRAB)",
                                         "todas las derivaciones del periodo con su respuesta (la Memoria: solo las "
                                         "aceptadas por el PAM)"),
    "donations.received": ("Memoria 2023, §8; informe cuatrimestral 2021, Unidad de Donaciones", ""),
    "donations.by_donor_kind": ("Memoria 2023, §8", ""),
    "shelters.by_shelter": ("Informe cuatrimestral 2021, Gestión de Riesgos", ""),
    "programs.staff_trainings": ("Memoria 2023, §7 (100 personas capacitadas, 69 con diploma)", ""),
    "shelters.supplies": ("", "registrado en cada albergue; no está en las semillas"),
    "agreements.by_counterparty": ("Memoria 2023, cuadros 9 y 17", "vigentes al cierre del periodo"),
    "agreements.signed_in_period": ("Memoria 2023, §4.3.2 («se suscribieron 166 convenios») y cuadro 17",
                                    "suscrito = fecha de inicio dentro del periodo"),
    "agreements.documents_obtained": ("Memoria 2023, §4.5 (36 certificados de habitabilidad, 32 licencias "
                                      "sanitarias, 9 certificados de nomenclatura)", ""),
    "agreements.center_licences": ("Memoria 2023, §4.1 (licencias de los centros)", ""),
}


def _reports_of(table_id: str) -> str:
    names = {"annual": "Memoria", "four_monthly": "cuatrimestral", "monthly": "mensual"}
    return ", ".join(names[r] for r in REPORTS if table_id in table_ids(r))


def tables_markdown(user) -> str:
    """The generated block: one row per registered table, in the annual report's order."""
    period = Period.year(2023)
    lines = [START, "", "| id | Título | Columnas | Informes | Cuadro de las semillas | Diferencia |",
             "|---|---|---|---|---|---|"]
    with translation.override("es"):
        for table_id in table_ids("annual"):
            table = TABLES[table_id].build(user, period)
            columns = ", ".join(f"`{c.id}`" for c in table.columns)
            seed, differs = SEEDS.get(table_id, ("—", ""))
            lines.append(f"| `{table_id}` | {table.title} | {columns} | {_reports_of(table_id)} | {seed} | "
                         f"{differs or '—'} |")
    return "\n".join([*lines, "", END])


def replaced(document: str, block: str, start: str = START, end: str = END) -> str:
    """`document` with the text between the markers (inclusive) replaced by `block` (the portal's
    generated list uses its own markers)."""
    before, _sep, rest = document.partition(start)
    _old, _sep, after = rest.partition(end)
    return before + block + after
