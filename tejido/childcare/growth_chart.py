"""A child's growth charts against the WHO curves, drawn on the server as SVG (no scripts,
no tiles: it prints and loads on slow connections).

- weight for age and length/height for age: 0 to 7 years (WHO 2006 by day, 2007 by month);
- weight for length (lying, 45-110 cm) for children under 2 years, weight for height
  (standing, 65-120 cm) from 2 to 5 years (WHO 2006), with the length/height as WHO uses it
  (the 0.7 cm lying/standing adjustment applied by the engine).

`mono=True` draws in black only (the SD lines told apart by their dashes) for printing."""

from html import escape

from django.utils.translation import gettext as _

from .anthropometry import compute
from .anthropometry.engine import DAYS_PER_MONTH, HEIGHT_FROM_DAYS, WFH_RANGE_CM, WFL_RANGE_CM, WHO2006_BELOW_MONTHS
from .anthropometry.tables import table

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 20, 40
MAX_MONTHS = 84  # the program serves children under 7
SD_LINES = [(-3, "#b00020"), (-2, "#e08a00"), (0, "#2e7d32"), (2, "#e08a00"), (3, "#b00020")]
# Black and white: the median solid, ±2 dashed, ±3 dotted.
MONO_DASH = {0: "", 2: "7 4", 3: "2 3"}
CHILD_COLOR = "#0b3d63"
CHARTS = {
    # indicator: (2006 table by day, 2007 table by month, y label, value of a screening)
    "peso": ("wfa", "wfa_2007", "Peso (kg)", lambda s: s.weight_kg),
    "talla": ("lhfa", "hfa_2007", "Longitud / talla (cm)", lambda s: s.height_cm),
}


def _age_curve(sex: int, z: float, young: str, old: str) -> list[tuple[float, float]]:
    points = []
    for month in range(0, MAX_MONTHS + 1):
        lms = (table(young).lookup(sex, month * DAYS_PER_MONTH) if month < 60
               else table(old).lookup(sex, month))
        if lms is not None:
            points.append((month, lms.value_at(z)))
    return points


def _length_curve(sex: int, z: float, name: str, low: float, high: float) -> list[tuple[float, float]]:
    steps = int(round((high - low) * 2))  # a point every 0.5 cm
    return [(low + i / 2, table(name).lookup(sex, low + i / 2).value_at(z)) for i in range(steps + 1)]


def _svg(*, curves, child, x_range, x_ticks, x_label: str, y_label: str, aria: str, mono: bool) -> str:
    """The chart: grid, WHO SD curves [(z, color, points)], the child's points [(x, y)]."""
    x_min, x_max = x_range
    values = [v for _, _, pts in curves for _, v in pts] + [v for _, v in child]
    y_min, y_max = int(min(values)) - 1, int(max(values)) + 2
    child_color = "#000" if mono else CHILD_COLOR

    def x(value):
        return LEFT + (WIDTH - LEFT - RIGHT) * (value - x_min) / (x_max - x_min)

    def y(value):
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value - y_min) / (y_max - y_min)

    grid = "#bbb" if mono else "#eceff1"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(aria)}" style="max-width:100%;background:#fff">']
    step = 5 if y_max - y_min <= 40 else 10
    for value in range(y_min - y_min % step + step, y_max, step):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                     f'stroke="{grid}" stroke-width="0.5"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" '
                     f'font-size="11" text-anchor="end">{value}</text>')
    for value, label in x_ticks:
        parts.append(f'<line x1="{x(value):.1f}" x2="{x(value):.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" '
                     f'stroke="{grid}" stroke-width="0.5"/><text x="{x(value):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                     f'font-size="11" text-anchor="middle">{escape(label)}</text>')
    for z, color, points in curves:
        path = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in points)
        if mono:
            dash = MONO_DASH[abs(z)]
            style = f'stroke="#000" stroke-width="{1.4 if z == 0 else 1}"' + (
                f' stroke-dasharray="{dash}"' if dash else "")
            color = "#000"
        else:
            style = f'stroke="{color}" stroke-width="1.5"'
        parts.append(f'<polyline fill="none" {style} points="{path}"/>')
        last_m, last_v = points[-1]
        parts.append(f'<text x="{x(last_m) - 2:.1f}" y="{y(last_v) - 3:.1f}" font-size="10" fill="{color}" '
                     f'text-anchor="end">{z:+d}</text>')
    if len(child) > 1:
        path = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in child)
        parts.append(f'<polyline fill="none" stroke="{child_color}" stroke-width="2" points="{path}"/>')
    for at, value in child:
        parts.append(f'<circle cx="{x(at):.1f}" cy="{y(value):.1f}" r="4" fill="{child_color}"><title>'
                     f'{at:.1f}: {value:g}</title></circle>')
    parts.append(f'<text x="{LEFT}" y="{TOP - 6}" font-size="12">{escape(y_label)}</text>')
    parts.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" font-size="12" text-anchor="end">'
                 f'{escape(x_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def growth_chart_svg(*, sex: int, birth_date, screenings, kind: str = "peso", mono: bool = False) -> str:
    """Weight ("peso") or length/height ("talla") for age, 0 to 7 years."""
    young, old, y_label, value_of = CHARTS[kind]
    colors = [(z, "#000" if mono else color) for z, color in SD_LINES]
    curves = [(z, color, _age_curve(sex, z, young, old)) for z, color in colors]
    child = [((s.measured_on - birth_date).days / DAYS_PER_MONTH, float(value_of(s)))
             for s in screenings if value_of(s) is not None]
    return _svg(curves=curves, child=child, x_range=(0, MAX_MONTHS),
                x_ticks=[(month, f"{month // 12} a") for month in range(0, MAX_MONTHS + 1, 12)],
                x_label="Edad", y_label=y_label, aria=f"{y_label} para la edad, curvas OMS", mono=mono)


def weight_for_length_svg(*, sex: int, birth_date, screenings, today, mono: bool = False) -> tuple[str, str]:
    """(title, SVG): weight for length while the child is under 2 years at the latest
    measurement with both weight and length (today when there is none), weight for height from
    2 to 5 years; only the measurements of that period are drawn."""
    measured = [s for s in screenings if s.weight_kg is not None and s.height_cm is not None]
    latest = max((s.measured_on for s in measured), default=today)
    under_two = (latest - birth_date).days < HEIGHT_FROM_DAYS
    if under_two:
        name, (low, high) = "wfl", WFL_RANGE_CM
        title, x_label = _("Peso para la longitud (menores de 2 años)"), _("Longitud acostado (cm)")
    else:
        name, (low, high) = "wfh", WFH_RANGE_CM
        title, x_label = _("Peso para la talla (2 a 5 años)"), _("Talla de pie (cm)")
    child = []
    for s in measured:
        days = (s.measured_on - birth_date).days
        if (days < HEIGHT_FROM_DAYS) != under_two or days / DAYS_PER_MONTH >= WHO2006_BELOW_MONTHS:
            continue
        # the length/height as WHO reads the table: lying before 2 years, standing after
        used = compute(sex=sex, birth_date=birth_date, measure_date=s.measured_on, weight_kg=float(s.weight_kg),
                       height_cm=float(s.height_cm), measured=s.measured or None).height_cm
        if used is not None and low <= used <= high:
            child.append((used, float(s.weight_kg)))
    colors = [(z, "#000" if mono else color) for z, color in SD_LINES]
    curves = [(z, color, _length_curve(sex, z, name, low, high)) for z, color in colors]
    ticks = [(cm, f"{cm}") for cm in range(int(low) + (5 - int(low) % 5) % 5, int(high) + 1, 5)]
    svg = _svg(curves=curves, child=sorted(child), x_range=(low, high), x_ticks=ticks, x_label=x_label,
               y_label="Peso (kg)", aria=f"{title}, curvas OMS", mono=mono)
    return title, svg
