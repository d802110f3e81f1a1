import datetime as dt

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person, valid_cui


@pytest.fixture(autouse=True)
def _inline_jobs(settings):
    settings.DEDUP_JOB_RUNNER = "inline"


@pytest.fixture
def registry(territory):
    """A small registry whose duplicates are known by construction.

    dup pairs: (maria, maria_again) accents dropped, surnames swapped, no CUI;
               (jose, jose_again) a surname typo and birth date off by a day;
               (ana, ana_again) one given name left out, only the year of birth known.
    not pairs: twins with different given names; two Rosas with different CUIs; a Jutiapa
               namesake born years apart."""
    p = {}
    p["maria"] = make_person(ZACAPA_TOWN, given_names="María José", first_surname="Pérez", second_surname="Caal",
                             birth_date=dt.date(1990, 5, 17), cui=valid_cui(ZACAPA_TOWN))
    p["maria_again"] = make_person(ZACAPA_TOWN, given_names="MARIA JOSE", first_surname="Caal",
                                   second_surname="Perez", birth_date=dt.date(1990, 5, 17))
    p["jose"] = make_person(ZACAPA_TOWN, given_names="José Luis", first_surname="López", second_surname="García",
                            sex="M", birth_date=dt.date(2019, 3, 2))
    p["jose_again"] = make_person(ZACAPA_TOWN, given_names="Jose Luis", first_surname="Lopes",
                                  second_surname="García", sex="M", birth_date=dt.date(2019, 3, 3))
    p["ana"] = make_person(ZACAPA_TOWN, given_names="Ana Lucía", first_surname="Xol", second_surname="Choc",
                           birth_date=dt.date(1956, 2, 11))
    p["ana_again"] = make_person(ZACAPA_TOWN, given_names="Ana", first_surname="Xol", second_surname="Choc",
                                 birth_date=dt.date(1956, 7, 1), birth_date_estimated=True)
    p["twin_1"] = make_person(ZACAPA_TOWN, given_names="Juan Carlos", first_surname="Ramos", second_surname="Pérez",
                              sex="M", birth_date=dt.date(2020, 8, 9))
    p["twin_2"] = make_person(ZACAPA_TOWN, given_names="Pedro Antonio", first_surname="Ramos",
                              second_surname="Pérez", sex="M", birth_date=dt.date(2020, 8, 9))
    p["rosa_1"] = make_person(ZACAPA_TOWN, given_names="Rosa María", first_surname="Ortiz", second_surname="Paz",
                              birth_date=dt.date(1980, 1, 1), cui=valid_cui(ZACAPA_TOWN))
    p["rosa_2"] = make_person(ZACAPA_TOWN, given_names="Rosa María", first_surname="Ortiz", second_surname="Paz",
                              birth_date=dt.date(1980, 1, 1), cui=valid_cui(ZACAPA_TOWN))
    p["maria_jutiapa"] = make_person(JUTIAPA_TOWN, given_names="María José", first_surname="Pérez",
                                     second_surname="Caal", birth_date=dt.date(1971, 5, 17))
    return p


def pair_of(a, b) -> tuple[int, int]:
    return (min(a.pk, b.pk), max(a.pk, b.pk))
