"""Sample rows per kind, as a departmental office of Zacapa types them: mixed spellings, text dates
in three formats, and a few mistakes to try the error report (an impossible CUI, an unknown
language, a productive unit without its product line, a boy enrolled in a productive unit, a
wheelchair handed out with no office to take it from).

The samples make one small migration: the other templates name the sample people by their CUI and
the sample centers by their code, so the files imported in the templates' order (`import_bundle`,
«solo filas válidas») load into a database with only the territory; tests/test_samples.py does
exactly that as a Zacapa officer. The budget sample is the planning office's (SICOIN rows)."""

import datetime as dt

# Valid CUIs (check digit and municipality) of the sample people, named by the other samples.
ANA, JOSE, MARTA, TOMASA = "0248300111901", "0248300381901", "0248300461901", "0248300541901"
ROSA = "0117700231902"

SAMPLES = {
    "centros": [
        ["HC-0101", "Hogar Comunitario Las Flores", "Hogar Comunitario", "1901", "sede-19", "Barrio El Centro",
         "Municipalidad de Zacapa", "05/01/2024", "8:00", "12:00", 12, ""],
        ["CADI-07", "CADI El Jícaro", "CADI", "1902 - Estanzuela (Zacapa)", "", "", "", "2019-03-01", "8", "16:00",
         40, ""],
        ["UP-33", "Unidad Las Tejedoras", "Unidad productiva", "Zacapa", "", "", "", "", "", "", "",
         "Tejidos y artesanías típicas"],
        ["UP-34", "Unidad sin línea", "Unidad productiva", "1901", "", "", "", "", "", "", "", ""],
        ["CD-19", "Centro de Atención Diurna Zacapa", "Centro de Atención Diurna", "1901", "sede-19", "", "",
         "01/06/2015", "8:00", "15:00", 60, ""],
        ["CR-19", "Recepción de retornados Zacapa", "Centro de recepción de migrantes retornados", "1901", "", "", "",
         "", "", "", "", ""],
    ],
    "personas": [
        ["Ana Lucía", "Pérez", "Caal", "", "Mujer", dt.date(2019, 5, 17), "", ANA, "1901 - Zacapa (Zacapa)",
         "Maya", "Q'eqchi'", "Ninguna", "Pobreza", "Barrio El Centro", "5555-1234", ""],
        ["José Daniel", "Pérez", "Caal", "", "H", "03/11/2020", "Sí", JOSE, "1901", "maya", "QEQCHI", "", "", "", "",
         ""],
        ["María", "Cux", "", "López", "F", "1988-02-29", "No", "", "Estanzuela", "Ladino", "Español", "", "", "", "",
         ""],
        ["Pedro", "Sagastume", "Paz", "", "Hombre", "15-08-1975", "", "1234567801901", "1901", "", "Castellano",
         "", "", "", "", ""],
        ["Rosa", "Tzoc", "", "", "Mujer", "01/01/2001", "", ROSA, "1902", "Maya", "Chortí", "", "No pobre", "", "", ""],
        ["Luis", "Guerra", "", "", "Hombre", "12/07/2015", "", "", "1901", "Ladino", "Klingon", "", "", "", "", ""],
        ["Marta", "Caal", "", "", "Mujer", "12/09/1985", "", MARTA, "1901", "Maya", "Q'eqchi'", "", "Pobreza",
         "Barrio El Centro", "", ""],
        ["Tomasa", "Ramírez", "Oliva", "", "Mujer", "20/07/1948", "", TOMASA, "1901", "Ladino", "Español",
         "Física / motriz", "Pobreza extrema", "Aldea Santa Rosalía", "", ""],
    ],
    "inscripciones": [
        [ANA, "HC-0101", "05/02/2024", "Sí", ""],
        [JOSE, "CADI-07", "05/02/2024", "Sí", ""],
        [ROSA, "UP-33", "05/02/2024", "", ""],
        [TOMASA, "CD-19", "2024-02-05", "", ""],
        [JOSE, "UP-33", "05/02/2024", "", ""],  # a boy in a productive unit: refused, as on the form
    ],
    "cuidadoras": [
        [MARTA, "HC-0101", "05/02/2024", "SOSEP", "1000"],
    ],
    "puestos_docentes": [
        ["CADI-07", "05/02/2024", "Coordinación MINEDUC-SOSEP", "", "PD-07"],
    ],
    "tamizajes": [
        [ANA, "HC-0101", "11/03/2024", "16,8", "104.5", "De pie", "No"],
        [JOSE, "CADI-07", "11/03/2024", "14.1", "95", "", ""],
    ],
    "hogares": [
        ["H-001", "Familia Pérez Caal", "1901", "Barrio El Centro", MARTA, "Jefa de hogar", "05/01/2024"],
        ["H-001", "Familia Pérez Caal", "1901", "", ANA, "Hija", "05/01/2024"],
        ["H-001", "Familia Pérez Caal", "1901", "", JOSE, "Hijo", "05/01/2024"],
    ],
    "asistencia": [
        ["CADI-07", "06/02/2024", JOSE, "Sí"],
        ["HC-0101", "06/02/2024", ANA, "No"],
    ],
    "eventos": [
        ["Hogares Comunitarios", "Charla informativa", "Crianza con cariño", "Madres y padres de familia", "12/03/2024",
         "1901", "HC-0101", "Presencial", "", 12, "", "CH-2024-01", "", ""],
        ["Mejoramiento Socioeconómico de la Mujer", "Capacitación", "Telar de cintura", "Beneficiarias y beneficiarios",
         "14/03/2024", "1901", "UP-33", "", "INTECAP", "", ROSA, "INT-2024-01", "Actividad productiva",
         "Tejidos y artesanías típicas"],
    ],
    "entregas": [
        ["Mis Años Dorados", "Kit de higiene", 1, "20/03/2024", TOMASA, "", "1901", "", "K-0001", ""],
        # a wheelchair leaves an office's stock: without «Sede» it is refused
        ["Servicio Social", "Sillas de ruedas", 1, "20/03/2024", TOMASA, "", "1901", "", "", ""],
    ],
    "ingresos": [
        [ROSA, "03/2024", "350", "0"],
        [ROSA, "abril 2024", "420.50", "150"],
    ],
    "recepciones": [
        ["R-2024-001", "10/03/2024", "CR-19", "Vía aérea", "Estados Unidos", "1901", "Juan", "Cux", "", "Hombre", 34,
         "", "Jefe/a de hogar", ""],
        ["R-2024-001", "10/03/2024", "CR-19", "Vía aérea", "Estados Unidos", "1901", "Lucía", "Cux", "", "Mujer", "",
         "02/05/2017", "Hija", ""],
    ],
    "presupuesto": [
        [2022, 1, "Dirección y Coordinación", "000", "17780724.00", "17780724.00", "1066843.44"],
        [2022, 1, "Dirección y Coordinación", "100", "5926908.00", "5926908.00", "355614.48"],
    ],
}
