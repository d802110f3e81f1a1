"""A child's growth chart against the WHO curves, drawn on the server as SVG (no scripts,
no tiles: it prints and loads on slow connections)."""

from html import escape

from .anthropometry.engine import DAYS_PER_MONTH
from .anthropometry.tables import table

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 20, 40
MAX_MONTHS = 84  # the program serves children under 7
SD_LINES = [(-3, "#b00020"), (-2, "#e08a00"), (0, "#2e7d32"), (2, "#e08a00"), (3, "#b00020")]
CHARTS = {
    # indicator: (2006 table by day, 2007 table by month, y label, value of a screening)
    "peso": ("wfa", "wfa_2007", "Peso (kg)", lambda s: s.weight_kg),
    "talla": ("lhfa", "hfa_2007", "Longitud / talla (cm)", lambda s: s.height_cm),
}


def _curve(sex: int, z: float, young: str, old: str) -> list[tuple[float, float]]:
    points = []
    for month in range(0, MAX_MONTHS + 1):
        lms = (table(young).lookup(sex, month * DAYS_PER_MONTH) if month < 60
               else table(old).lookup(sex, month))
        if lms is not None:
            points.append((month, lms.value_at(z)))
    return points


def growth_chart_svg(*, sex: int, birth_date, screenings, kind: str = "peso") -> str:
    young, old, y_label, value_of = CHARTS[kind]
    curves = [(z, color, _curve(sex, z, young, old)) for z, color in SD_LINES]
    child = [((s.measured_on - birth_date).days / DAYS_PER_MONTH, float(value_of(s)))
             for s in screenings if value_of(s) is not None]
    values = [v for _, _, pts in curves for _, v in pts] + [v for _, v in child]
    y_min, y_max = int(min(values)) - 1, int(max(values)) + 2

    def x(month):
        return LEFT + (WIDTH - LEFT - RIGHT) * month / MAX_MONTHS

    def y(value):
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value - y_min) / (y_max - y_min)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(y_label)} para la edad, curvas OMS" style="max-width:100%;background:#fff">']
    step = 5 if y_max - y_min <= 40 else 10
    for value in range(y_min - y_min % step + step, y_max, step):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                     f'stroke="#eceff1"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" font-size="11" '
                     f'text-anchor="end">{value}</text>')
    for month in range(0, MAX_MONTHS + 1, 12):
        parts.append(f'<line x1="{x(month):.1f}" x2="{x(month):.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" '
                     f'stroke="#eceff1"/><text x="{x(month):.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
                     f'text-anchor="middle">{month // 12} a</text>')
    for z, color, points in curves:
        path = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in points)
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{path}"/>')
        last_m, last_v = points[-1]
        parts.append(f'<text x="{x(last_m) - 2:.1f}" y="{y(last_v) - 3:.1f}" font-size="10" fill="{color}" '
                     f'text-anchor="end">{z:+d}</text>')
    if len(child) > 1:
        path = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in child)
        parts.append(f'<polyline fill="none" stroke="#0b3d63" stroke-width="2" points="{path}"/>')
    for month, value in child:
        parts.append(f'<circle cx="{x(month):.1f}" cy="{y(value):.1f}" r="4" fill="#0b3d63"><title>'
                     f'{month:.1f} meses: {value:g}</title></circle>')
    parts.append(f'<text x="{LEFT}" y="{TOP - 6}" font-size="12">{escape(y_label)}</text>')
    parts.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" font-size="12" text-anchor="end">Edad</text>')
    parts.append("</svg>")
    return "".join(parts)
