"""The to-do list on each role's home page: every unit that can need action provides
`alerts(user) -> [{"level", "text", "url", "count"}]` in its own `alerts.py`, scoped by itself."""

import importlib

PROVIDERS = ["tejido.programs.alerts", "tejido.stock.alerts", "tejido.donations.alerts", "tejido.shelters.alerts",
             "tejido.agreements.alerts"]
ORDER = {"danger": 0, "warning": 1}


def alerts_for(user) -> list[dict]:
    found = []
    for name in PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:  # a unit not installed in this deployment
            if missing.name != name:
                raise
            continue
        found.extend(module.alerts(user))
    return sorted(found, key=lambda a: ORDER.get(a["level"], 2))
