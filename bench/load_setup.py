"""Prepares the load test (bench/load.py) on the bench database: 50 departmental officers spread
over the 22 departments and 5 planners, each with a logged-in session (made directly, so password
hashing is not what is measured), and for each officer the records of their department they will
work on: people to open, a daycare center with its children for the roll, children of the right age
not enrolled anywhere (to enrol), and search terms. Writes var/load_users.json."""

import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import QUERIES, ROOT, setup_django  # noqa: E402

OFFICERS, PLANNERS = 50, 5
OUT = ROOT / "var" / "load_users.json"


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(24 * 3600)
    store.create()
    return store.session_key


def main() -> None:
    setup_django()
    from django.db.models import Count, Q
    from django.utils import timezone

    from tejido.accounts.models import Role, User
    from tejido.centers.models import Center, CenterKind
    from tejido.programs.models import Enrolment
    from tejido.registry.models import Person
    from tejido.territory.models import Department

    rng = random.Random(2026)
    today = timezone.localdate()
    departments = list(Department.objects.order_by("pk").values_list("pk", flat=True))
    users = []
    handed_out: set[int] = set()  # two or three officers share a department: never the same child
    for i in range(OFFICERS):
        department = departments[i % len(departments)]
        user, _ = User.objects.get_or_create(username=f"bench.oficial{i + 1:02d}",
                                             defaults={"role": Role.DEPARTMENT_OFFICER})
        user.departments.set([department])
        active = Q(enrolments__program="childcare", enrolments__end__isnull=True)
        centers = list(Center.objects.filter(department_id=department, kind__in=[CenterKind.CADI,
                                                                                 CenterKind.COMMUNITY_HOME])
                       .annotate(n=Count("enrolments", filter=active)).filter(n__gt=0).order_by("pk")
                       .values_list("pk", flat=True)[:40])
        people = list(Person.objects.filter(department_id=department).order_by("?").values_list("pk", flat=True)[:300])
        enrolled = Enrolment.objects.filter(program="childcare", end__isnull=True).values("person_id")
        children = list(Person.objects.filter(department_id=department,
                                              birth_date__gt=today - dt.timedelta(days=6 * 365),
                                              birth_date__lte=today - dt.timedelta(days=400))
                        .exclude(pk__in=enrolled).order_by("?").values_list("pk", flat=True)[:800])
        children = [pk for pk in children if pk not in handed_out][:200]
        handed_out.update(children)
        users.append({"kind": "officer", "username": user.username, "session": session_cookie(user),
                      "department": department, "centers": centers, "people": people, "children": children,
                      "queries": rng.sample(QUERIES, 12)})
    for i in range(PLANNERS):
        user, _ = User.objects.get_or_create(username=f"bench.planificador{i + 1}", defaults={"role": Role.PLANNER})
        users.append({"kind": "planner", "username": user.username, "session": session_cookie(user)})
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"year": today.year - 1, "users": users}), encoding="utf-8")
    print(f"{len(users)} usuarios de carga en {OUT}")


if __name__ == "__main__":
    main()
