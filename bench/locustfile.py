"""Load scenario (issue 8): 50 departmental officers and 5 planners working at once.

Officers search people, open a person's page, take a daycare roll (open it, tick who came, save)
and enrol a child; planners ask for a report to be prepared in the background and follow its
progress, as the report page does. Users and their records come from bench/load_setup.py
(var/load_users.json). Every request is classified as a read or a write and its time kept, so
bench/load.py can give p95 for each class; any non-2xx/3xx answer is an error."""

import datetime as dt
import json
import os
import random
import re
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

from locust import HttpUser, between, events, task

DATA = json.loads((Path(__file__).resolve().parent.parent / "var" / "load_users.json").read_text())
OFFICERS = [u for u in DATA["users"] if u["kind"] == "officer"]
PLANNERS = [u for u in DATA["users"] if u["kind"] == "planner"]
GUATEMALA = ZoneInfo("America/Guatemala")
RESULTS = os.environ.get("LOAD_RESULTS", "var/load_times.json")
TIMES: dict[str, list[float]] = {"read": [], "write": []}
BY_NAME: dict[str, list[float]] = {}
ERRORS: list[str] = []
_lock = threading.Lock()
_next = {"officer": 0, "planner": 0}
CHECKBOX = re.compile(r'name="presente" value="(\d+)"')
ERROR_TEXT = re.compile(r'<ul class="errorlist[^>]*><li>([^<]+)</li>|role="alert"[^>]*>([^<]+)<')


def _take(kind: str) -> dict:
    with _lock:
        pool = OFFICERS if kind == "officer" else PLANNERS
        user = pool[_next[kind] % len(pool)]
        _next[kind] += 1
        return user


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, context, **kwargs):
    kind = (context or {}).get("kind", "read")
    with _lock:
        if exception is not None:
            ERRORS.append(f"{name}: {exception}")
        else:
            TIMES[kind].append(response_time)
            BY_NAME.setdefault(f"{kind}: {name}", []).append(response_time)


@events.quitting.add_listener
def _save(environment, **kwargs):
    Path(RESULTS).write_text(json.dumps({"times": TIMES, "by_name": BY_NAME, "errors": ERRORS[:200],
                                         "error_count": len(ERRORS)}))


def _today() -> dt.date:
    return dt.datetime.now(GUATEMALA).date()  # the server's day, not this machine's UTC one


def _weekday_back(rng: random.Random) -> dt.date:
    day = _today() - dt.timedelta(days=rng.randint(1, 40))
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


class Officer(HttpUser):
    weight = 10
    wait_time = between(2, 5)

    def on_start(self):
        self.me = _take("officer")
        self.client.cookies.set("sessionid", self.me["session"])
        self.rng = random.Random(self.me["username"])

    def _get(self, url, name, kind="read"):
        with self.client.get(url, name=name, context={"kind": kind}, catch_response=True,
                             allow_redirects=False) as response:
            if response.status_code >= 400:
                response.failure(f"{response.status_code}")
            return response

    def _post(self, url, data, name, referer):
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(url, data={**data, "csrfmiddlewaretoken": token}, name=name,
                              context={"kind": "write"}, catch_response=True, allow_redirects=False,
                              headers={"X-CSRFToken": token, "Referer": referer}) as response:
            # A saved form redirects (302); a form shown again with an error is a failure here.
            if response.status_code != 302:
                shown = ["".join(m) for m in ERROR_TEXT.findall(response.text or "")][:2]
                response.failure(f"{response.status_code} {' / '.join(shown)}")
            return response

    @task(5)
    def search(self):
        self._get(f"/personas/?q={self.rng.choice(self.me['queries'])}", "buscar personas")

    @task(4)
    def open_person(self):
        self._get(f"/personas/{self.rng.choice(self.me['people'])}/", "abrir persona")

    @task(2)
    def take_roll(self):
        if not self.me["centers"]:
            return
        center = self.rng.choice(self.me["centers"])
        day = _weekday_back(self.rng).isoformat()
        url = f"/primera-infancia/centros/{center}/asistencia/?fecha={day}"
        page = self._get(url, "abrir lista diaria")
        ids = CHECKBOX.findall(page.text or "")
        present = [i for i in ids if self.rng.random() < 0.85]
        self._post(url, {"fecha": day, "presente": present}, "guardar lista diaria", url)

    @task(1)
    def enrol(self):
        if not self.me["centers"] or not self.me["children"]:
            return
        center = self.rng.choice(self.me["centers"])
        url = f"/primera-infancia/centros/{center}/"
        self._get(url, "abrir centro")
        child = self.me["children"].pop()
        self._post(url, {"person_id": child, "start": _today().isoformat(), "attended_by_teacher": "1"},
                   "inscribir", url)


class Planner(HttpUser):
    weight = 1
    wait_time = between(60, 120)

    def on_start(self):
        self.me = _take("planner")
        self.client.cookies.set("sessionid", self.me["session"])
        self.rng = random.Random(self.me["username"])

    @task
    def prepare_report(self):
        self.client.get("/informes/", name="abrir informes", context={"kind": "read"})
        token = self.client.cookies.get("csrftoken", "")
        month = self.rng.randint(1, 12)
        query = f"informe=monthly&tipo=mes&anio={DATA['year']}&mes={month}"
        with self.client.post("/informes/preparar/", data={"query": query, "formato": "xlsx",
                                                             "csrfmiddlewaretoken": token},
                              headers={"X-CSRFToken": token, "Referer": "/informes/"}, name="pedir informe",
                              context={"kind": "write"}, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")
                return
            job = response.headers["Location"]
        for _ in range(60):  # the page polls every 2 s until the file is ready
            page = self.client.get(job, name="avance del informe", context={"kind": "read"},
                                   headers={"HX-Request": "true"})
            if "Descargar" in page.text or "error" in page.text.lower():
                break
            self.wait_seconds(2)

    def wait_seconds(self, seconds: float):
        import gevent

        gevent.sleep(seconds)
