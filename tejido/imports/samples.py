"""Sample rows per kind, as a departmental office types them: mixed spellings, text dates in
three formats, and two mistakes (an impossible CUI, an unknown language) to try the error report."""

import datetime as dt

SAMPLES = {
    "centros": [
        ["HC-0101", "Hogar Comunitario Las Flores", "Hogar Comunitario", "1901", "sede-19", "Barrio El Centro",
         "Municipalidad de Zacapa", "05/01/2024", "8:00", "12:00", 12, ""],
        ["CADI-07", "CADI El Jícaro", "CADI", "1902 - Estanzuela (Zacapa)", "", "", "", "2019-03-01", "8", "16:00",
         40, ""],
        ["UP-33", "Unidad Las Tejedoras", "Unidad productiva", "Zacapa", "", "", "", "", "", "", "",
         "Tejidos y artesanías típicas"],
        ["UP-34", "Unidad sin línea", "Unidad productiva", "1901", "", "", "", "", "", "", "", ""],
    ],
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
