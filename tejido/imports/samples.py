"""Sample rows per kind, as a departmental office types them: mixed spellings, text dates in
three formats, and two mistakes (an impossible CUI, an unknown language) to try the error report."""

import datetime as dt

SAMPLES = {
    "personas": [
        ["Ana Lucía", "Pérez", "Caal", "", "Mujer", dt.date(2019, 5, 17), "", "", "1901 - Zacapa (Zacapa)",
         "Maya", "Q'eqchi'", "Ninguna", "Pobreza", "Barrio El Centro", "5555-1234", ""],
        ["José Daniel", "Pérez", "Caal", "", "H", "03/11/2020", "Sí", "", "1901", "maya", "QEQCHI", "", "", "", "",
         ""],
        ["María", "Cux", "", "López", "F", "1988-02-29", "No", "", "Estanzuela", "Ladino", "Español", "", "", "", "",
         ""],
        ["Pedro", "Sagastume", "Paz", "", "Hombre", "15-08-1975", "", "1234567801901", "1901", "", "Castellano",
         "", "", "", "", ""],
        ["Rosa", "Tzoc", "", "", "Mujer", "01/01/2001", "", "", "1902", "Maya", "Chortí", "", "No pobre", "", "", ""],
        ["Luis", "Guerra", "", "", "Hombre", "12/07/2015", "", "", "1901", "Ladino", "Klingon", "", "", "", "", ""],
    ],
}
