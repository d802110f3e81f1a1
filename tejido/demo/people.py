"""Synthetic families: the same generator feeds the demo and the one-million benchmark."""

import datetime as dt
import random
from dataclasses import dataclass, field

from tejido.common.text import normalize_text
from tejido.registry.cui import make_cui

from .names import (
    FEMALE_MIDDLE,
    FEMALE_NAMES,
    GARIFUNA_SURNAMES,
    HISPANIC_SURNAMES,
    MALE_MIDDLE,
    MALE_NAMES,
    MAYAN_SURNAMES,
    PEOPLES_BY_DEPARTMENT,
)


@dataclass
class SyntheticPerson:
    given_names: str
    first_surname: str
    second_surname: str
    sex: str
    birth_date: dt.date
    pueblo: str
    language_community: str
    relationship: str
    cui: str | None = None
    married_surname: str = ""
    birth_date_estimated: bool = False
    disability: str = "ninguna"
    poverty_status: str = "sin_estudio"

    @property
    def search_name(self) -> str:
        return normalize_text(" ".join([self.given_names, self.first_surname, self.second_surname,
                                        self.married_surname]))


@dataclass
class SyntheticFamily:
    municipality_id: int
    name: str
    members: list[SyntheticPerson] = field(default_factory=list)


class FamilyGenerator:
    def __init__(self, municipality_ids: list[int], *, seed: int = 2023, today: dt.date | None = None,
                 cui_serial_start: int = 10_000_000):
        self.rng = random.Random(seed)
        self.municipality_ids = municipality_ids
        self.today = today or dt.date.today()
        self.next_serial = cui_serial_start

    def _culture(self, department_id: int):
        maya, languages, xinka, garifuna = PEOPLES_BY_DEPARTMENT[department_id]
        roll = self.rng.random()
        if roll < maya:
            language = self.rng.choices([lang for lang, _ in languages], [w for _, w in languages])[0]
            return "maya", language, MAYAN_SURNAMES.get(language, HISPANIC_SURNAMES) + HISPANIC_SURNAMES[:5]
        if roll < maya + xinka:
            return "xinca", "espanol", HISPANIC_SURNAMES
        if roll < maya + xinka + garifuna:
            return "garifuna", "garifuna", GARIFUNA_SURNAMES
        if self.rng.random() < 0.05:
            return "no_indica", "no_indica", HISPANIC_SURNAMES
        return "ladino", "espanol", HISPANIC_SURNAMES

    def _name(self, sex: str) -> str:
        if sex == "F":
            first, middle = self.rng.choice(FEMALE_NAMES), self.rng.choice(FEMALE_MIDDLE)
        else:
            first, middle = self.rng.choice(MALE_NAMES), self.rng.choice(MALE_MIDDLE)
        return f"{first} {middle}".strip()

    def _birth(self, min_age: float, max_age: float) -> dt.date:
        days = self.rng.randint(int(min_age * 365.25), int(max_age * 365.25))
        return self.today - dt.timedelta(days=days)

    def _cui(self, municipality_id: int) -> str | None:
        while True:
            self.next_serial += 1
            cui = make_cui(self.next_serial, municipality_id)
            if cui:
                return cui

    def family(self) -> SyntheticFamily:
        rng = self.rng
        municipality_id = rng.choice(self.municipality_ids)
        pueblo, language, surnames = self._culture(municipality_id // 100)
        father_surnames = rng.sample(surnames, 2)
        mother_surnames = rng.sample(surnames, 2)
        family = SyntheticFamily(municipality_id=municipality_id,
                                 name=f"Familia {father_surnames[0]} {mother_surnames[0]}")
        mother_age = rng.uniform(19, 48)
        mother = SyntheticPerson(
            given_names=self._name("F"), first_surname=mother_surnames[0], second_surname=mother_surnames[1],
            sex="F", birth_date=self._birth(mother_age, mother_age), pueblo=pueblo, language_community=language,
            relationship="jefe", poverty_status=rng.choice(["sin_estudio", "pobreza", "pobreza_extrema"]),
        )
        family.members.append(mother)
        if rng.random() < 0.7:
            father = SyntheticPerson(
                given_names=self._name("M"), first_surname=father_surnames[0], second_surname=father_surnames[1],
                sex="M", birth_date=self._birth(mother_age, mother_age + 8), pueblo=pueblo,
                language_community=language, relationship="conyuge",
            )
            family.members.append(father)
            if rng.random() < 0.3:
                mother.married_surname = father.first_surname
        for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 5])):
            sex = rng.choice("MF")
            max_age = max(0.6, min(mother_age - 17, 16))
            child = SyntheticPerson(
                given_names=self._name(sex), first_surname=father_surnames[0], second_surname=mother_surnames[0],
                sex=sex, birth_date=self._birth(0.5, max_age), pueblo=pueblo, language_community=language,
                relationship="hijo",
            )
            family.members.append(child)
        if rng.random() < 0.15:  # a grandparent, for the elderly program
            sex = rng.choice("MF")
            family.members.append(SyntheticPerson(
                given_names=self._name(sex), first_surname=rng.choice(surnames), second_surname=rng.choice(surnames),
                sex=sex, birth_date=self._birth(60, 92), pueblo=pueblo, language_community=language,
                relationship="padre", birth_date_estimated=rng.random() < 0.3,
                disability=rng.choice(["ninguna", "ninguna", "fisica", "visual", "auditiva"]),
            ))
        for person in family.members:
            adult = (self.today - person.birth_date).days > 18 * 365.25
            if adult and rng.random() < 0.8:
                person.cui = self._cui(municipality_id)
        return family
