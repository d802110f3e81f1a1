"""Demo duplicates: a few people registered a second time with realistic noise (no accents,
surnames swapped, a typo, no CUI), then one search, so the review queue has pairs to show.
Idempotent: does nothing once any pair or copy exists."""

import random

from tejido.registry.models import Person
from tejido.registry.services import person_create

from .models import DuplicateCandidate
from .pipeline import new_run, run_dedup
from .synthetic import noisy_copy

COPIES = 12
ZACAPA = 19
FIELDS = ["given_names", "first_surname", "second_surname", "sex", "birth_date", "birth_date_estimated", "cui"]


def load_dedup_demo(admin, rng: random.Random) -> int:
    if DuplicateCandidate.objects.exists() or Person.all_objects.filter(address="Registro repetido (demo)").exists():
        return 0
    # Half in Zacapa, so the Zacapa officer's queue is not empty; adults, who have most records.
    zacapa = list(Person.objects.filter(department_id=ZACAPA, registered_center__isnull=True).order_by("pk")[:200])
    others = list(Person.objects.exclude(department_id=ZACAPA).filter(registered_center__isnull=True)
                  .order_by("pk")[:400])
    originals = rng.sample(zacapa, min(COPIES // 2, len(zacapa))) + rng.sample(others, min(COPIES // 2, len(others)))
    for original in originals:
        row, _changes = noisy_copy({name: getattr(original, name) for name in FIELDS}, rng)
        person_create(acting_user=admin, municipality=original.municipality, address="Registro repetido (demo)",
                      **row)
    return run_dedup(new_run()).pairs_new
