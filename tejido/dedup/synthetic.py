"""Planted duplicates with realistic noise, shared by model training and the benchmark.

A copy is the same person registered again by someone else: accents dropped, surnames in the
other order, a typo, a second name left out, the birth date off by a day or only the year
known, and no CUI (the registry keeps CUIs unique, so a second record never has the same one)."""

import datetime as dt
import random
import unicodedata

NAME_FIELDS = ("given_names", "first_surname", "second_surname")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: a letter replaced, dropped, doubled or two letters swapped."""
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("replace", "drop", "double", "swap"))
    if kind == "replace":
        return word[:i] + rng.choice("aeiourslnmtc") + word[i + 1:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def noisy_copy(person: dict, rng: random.Random) -> tuple[dict, list[str]]:
    """A second registration of `person` (a dict with the registry's columns) and what changed."""
    copy, changes = dict(person), ["sin CUI"]
    copy["cui"] = None
    if rng.random() < 0.5:
        for name in NAME_FIELDS:
            copy[name] = strip_accents(copy[name] or "")
        changes.append("sin tildes")
    if rng.random() < 0.15:
        for name in NAME_FIELDS:
            copy[name] = (copy[name] or "").upper()
        changes.append("mayúsculas")
    if copy["second_surname"] and rng.random() < 0.3:
        copy["first_surname"], copy["second_surname"] = copy["second_surname"], copy["first_surname"]
        changes.append("apellidos invertidos")
    if rng.random() < 0.35:
        name = rng.choice([n for n in NAME_FIELDS if copy[n]])
        copy[name] = typo(copy[name], rng)
        changes.append(f"error en {name}")
    if " " in copy["given_names"] and rng.random() < 0.15:
        copy["given_names"] = copy["given_names"].split(" ")[0]
        changes.append("un solo nombre")
    roll = rng.random()
    born: dt.date = copy["birth_date"]
    if roll < 0.15:
        copy["birth_date"] = born + dt.timedelta(days=rng.choice((-1, 1)))
        changes.append("nacimiento ±1 día")
    elif roll < 0.3:
        copy["birth_date"], copy["birth_date_estimated"] = dt.date(born.year, 7, 1), True
        changes.append("solo el año")
    return copy, changes


def plant(people: list[dict], count: int, *, seed: int = 7) -> list[tuple[dict, dict, list[str]]]:
    """(original, copy, changes) for `count` people drawn from `people` without repetition."""
    rng = random.Random(seed)
    return [(original, *noisy_copy(original, rng)) for original in rng.sample(people, count)]
