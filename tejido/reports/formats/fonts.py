"""The PDF's typeface: DejaVu Sans, embedded. ReportLab's built-in Helvetica covers Latin-1 only,
so the modifier letter apostrophe of Mayan language names («Kʼicheʼ», «Qʼeqchiʼ», U+02BC) came
out as ■. DejaVu Sans covers it; its files ship inside matplotlib, already a dependency, so the
font is the same on every machine and needs no system package."""

import functools
from pathlib import Path

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@functools.cache
def register() -> tuple[str, str]:
    """Register the family once per process; returns (regular, bold) font names."""
    from matplotlib import get_data_path
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(get_data_path()) / "fonts" / "ttf"
    faces = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
             "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    # <b> and <i> inside a Paragraph pick the right face
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, "DejaVuSans-Oblique")
    addMapping(REGULAR, 1, 1, "DejaVuSans-BoldOblique")
    return REGULAR, BOLD
