#!/usr/bin/env python
"""Pages on a slow rural link (issue 16, item 2): Debian's chromium with the DevTools network
throttled to 400 kbit/s both ways and 400 ms of latency, on a 360 × 740 phone viewport.

For each page: the time to the `load` event cold (new browser profile: empty cache, a fresh
login) and warm (the same profile a second time: static files from the cache), and the bytes
that crossed the wire (the compressed sizes). The report with charts is also timed until its
last chart arrived. Needs a running server with the demo data (`make run`, or
`manage.py runserver` after `load_demo`):

    .venv/bin/python bench/wire.py [--base http://127.0.0.1:8000] [--rounds 3] [--out bench/results/wire.md]

Logs in as the Zacapa officer (a departmental account, what a field officer uses)."""

import argparse
import datetime as dt
import os
import statistics
import sys

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
LINK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
USER, PASSWORD = "delegada.zacapa", "Tejido-Demo-2026"
REPORT = "/informes/?informe=annual&tipo=anio&anio={year}"
PAGES = [
    ("Inicio", "/"),
    ("Personas", "/personas/"),
    ("Buscar persona", "/personas/?q=maria"),
    ("Registrar persona", "/personas/nueva/"),
    ("Primera infancia", "/primera-infancia/"),
    ("Centros", "/centros/"),
    ("Migrantes", "/migrantes/"),
    ("Informe anual (tablas)", REPORT),
    ("Informe anual nacional (tablas; planificación)", REPORT),
]
NATIONAL = "planificacion"  # pages whose name says «nacional» are opened by the national planner


def _throttled(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="es-GT")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", LINK)
    received = {"bytes": 0}
    cdp.on("Network.loadingFinished", lambda event: received.__setitem__(
        "bytes", received["bytes"] + event.get("encodedDataLength", 0)))
    page.set_default_timeout(180_000)
    return context, page, received, cdp


def _login(page, base, user=USER):
    page.goto(f"{base}/cuenta/ingresar/")
    page.get_by_label("Nombre de usuario").fill(user)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url(f"{base}/")


def _visit(page, received, url, *, until="load"):
    received["bytes"] = 0
    start = dt.datetime.now()
    page.goto(url, wait_until=until)
    seconds = (dt.datetime.now() - start).total_seconds()
    page.wait_for_timeout(300)  # late responses still count in the bytes
    return seconds, received["bytes"]


def measure(base: str, rounds: int, year: int) -> list[dict]:
    rows = {name: {"cold": [], "warm": [], "bytes": [], "html": []} for name, _ in PAGES}
    charts = {"seconds": [], "bytes": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _round in range(rounds):
            for name, path in PAGES:
                url = base + path.format(year=year)
                # cold: a new profile that logs in, forgets the cache, then opens the page
                context, page, received, cdp = _throttled(browser)
                _login(page, base, NATIONAL if "nacional" in name else USER)
                cdp.send("Network.clearBrowserCache")  # the login page's static files do not count
                cold, size = _visit(page, received, url)
                html = page.evaluate("performance.getEntriesByType('navigation')[0].encodedBodySize")
                warm, _size = _visit(page, received, url)
                rows[name]["cold"].append(cold)
                rows[name]["warm"].append(warm)
                rows[name]["bytes"].append(size)
                rows[name]["html"].append(html)
                context.close()
            context, page, received, cdp = _throttled(browser)
            _login(page, base)
            cdp.send("Network.clearBrowserCache")
            seconds, size = _visit(page, received, base + REPORT.format(year=year) + "&graficas=1",
                                   until="networkidle")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            charts["seconds"].append(seconds)
            charts["bytes"].append(size)
            context.close()
        browser.close()
    out = [{"page": name, "cold": statistics.median(r["cold"]), "warm": statistics.median(r["warm"]),
            "bytes": statistics.median(r["bytes"]), "html": statistics.median(r["html"])} for name, r in rows.items()]
    out.append({"page": "Informe anual con gráficas (hasta la última gráfica visible)",
                "cold": statistics.median(charts["seconds"]), "warm": None,
                "bytes": statistics.median(charts["bytes"]), "html": None})
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--year", type=int, default=dt.date.today().year)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results", "wire.md"))
    args = parser.parse_args()
    rows = measure(args.base, args.rounds, args.year)
    lines = [f"# Páginas en un enlace lento ({dt.date.today():%Y-%m-%d})", "",
             "`bench/wire.py`: chromium con la red limitada a 400 kbit/s y 400 ms de latencia (DevTools), "
             f"pantalla de 360 × 740, delegada de Zacapa, datos de demostración; mediana de {args.rounds} rondas. "
             "Frío: perfil nuevo (sin caché). Tibio: la misma página otra vez (estáticos en caché). "
             "Bytes: lo que cruzó la red (comprimido) en la visita en frío. Metas: < 2 s en frío, < 1 s tibio.", "",
             "| página | frío (s) | tibio (s) | bytes en frío | HTML comprimido |", "|---|---|---|---|---|"]
    for row in rows:
        warm = f"{row['warm']:.2f}" if row["warm"] is not None else "—"
        html = f"{row['html']:,.0f}" if row["html"] is not None else "—"
        lines.append(f"| {row['page']} | {row['cold']:.2f} | {warm} | {row['bytes']:,.0f} | {html} |")
    text = "\n".join(lines) + "\n"
    print(text)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
