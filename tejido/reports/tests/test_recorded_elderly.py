"""Issue 17 item 5, Mis Años Dorados: kits, glasses and the other items handed out (seed 001 §7.5:
27,367 kits; §7.2: 14 older people with glasses) and the referrals to MINTRAB's PAM and elsewhere with
their answer (§7.2: 268 joined the PAM), against hand-made records counted by hand, through the
viewer's territory."""

import datetime as dt

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.elderly import services
from tejido.elderly.site import PAM
from tejido.programs.referrals import referral_decide
from tejido.programs.services import enrolment_create
from tejido.reports.builder import build_report
from tejido.reports.drill import drill_url
from tejido.reports.period import Period

from .helpers import listed as _listed

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)
HEALTH = "Centro de Salud (MSPAS)"


@pytest.fixture
def elderly(people):
    """Zacapa day center: Rosa and Pedro; Jutiapa residence: Juana (enrolled 2022-06-01).

    Deliveries:  Zacapa  kits 2 (03-01) + 2 (06-01), glasses 1 (03-20), food 4 (05-01); kits 5 in 2022
                 Jutiapa kits 1 (04-01), glasses 1 (04-02), hygiene kits 3 (07-01)
    Referrals:   Rosa  → PAM 2023-03-01, accepted        Pedro → PAM 2023-03-05, rejected
                 Juana → PAM 2023-05-01, pending         Pedro → Centro de Salud 2023-06-01, pending
                 Juana → Servicio Social 2023-07-01, accepted      Rosa → PAM 2022-12-01 (outside 2023)"""
    day_center = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa")
    residence = make_center(JUTIAPA_TOWN, kind="elderly_residential", name="CAP Jutiapa")
    who = {"rosa": (make_person(given_names="Rosa", birth_date=dt.date(1951, 2, 1)), day_center),
           "pedro": (make_person(given_names="Pedro", sex="M", birth_date=dt.date(1958, 1, 1)), day_center),
           "juana": (make_person(JUTIAPA_TOWN, given_names="Juana", birth_date=dt.date(1943, 5, 1)), residence)}
    enrol = {name: enrolment_create(person=person, center=center, program="elderly", start=dt.date(2022, 6, 1),
                                    acting_user=people["central"]) for name, (person, center) in who.items()}
    z, j = people["zacapa"], people["jutiapa"]
    for center, user, item, quantity, day in (
            (day_center, z, "kit_estimulacion", 2, dt.date(2023, 3, 1)),
            (day_center, z, "kit_estimulacion", 2, dt.date(2023, 6, 1)),
            (day_center, z, "lentes", 1, dt.date(2023, 3, 20)),
            (day_center, z, "alimentos", 4, dt.date(2023, 5, 1)),
            (day_center, z, "kit_estimulacion", 5, dt.date(2022, 12, 1)),
            (residence, j, "kit_estimulacion", 1, dt.date(2023, 4, 1)),
            (residence, j, "lentes", 1, dt.date(2023, 4, 2)),
            (residence, j, "kit_higiene", 3, dt.date(2023, 7, 1))):
        services.delivery_record(center=center, item=item, quantity=quantity, date=day, acting_user=user)

    def refer(name, user, day, answer=None, **destination):
        referral = services.referral_from_enrolment(enrolment=enrol[name], date=day, reason="Sin ingresos propios",
                                                    acting_user=user, **destination)
        if answer is not None:
            referral_decide(referral=referral, accepted=answer, date=day + dt.timedelta(days=30), acting_user=user,
                            reason="" if answer else "Ya recibe una pensión")

    refer("rosa", z, dt.date(2023, 3, 1), True, destination_institution=PAM)
    refer("pedro", z, dt.date(2023, 3, 5), False, destination_institution=PAM)
    refer("juana", j, dt.date(2023, 5, 1), destination_institution=PAM)
    refer("pedro", z, dt.date(2023, 6, 1), destination_institution=HEALTH)
    refer("juana", j, dt.date(2023, 7, 1), True, destination_program="social_service")
    refer("rosa", z, dt.date(2022, 12, 1), destination_institution=PAM)


def _tables(user, period=YEAR):
    report = build_report("annual", user=user, period=period, program="elderly")
    return report, {t["id"]: t for t in report["tables"]}


ITEMS = ["Kit de materiales de estimulación (Activo Me Siento Bien)", "Ración o bolsa de alimentos", "Kit de higiene",
         "Lentes graduados", "Medicamento"]


def test_kits_glasses_and_other_items_delivered(people, elderly):
    report, tables = _tables(people["central"])
    table = tables["elderly.items_delivered"]
    assert [c["id"] for c in table["columns"]] == ["item", "quantity"]
    assert table["rows"] == [{"item": item, "quantity": n} for item, n in zip(ITEMS, [5, 4, 3, 2, 0], strict=True)]
    assert table["totals"] == {"item": "Total", "quantity": 14}
    # the drill-down lists the three kit deliveries of 2023 (2 + 2 + 1) and all 14 units in the total
    page = _listed(people["central"], drill_url(report, table, table["rows"][0], "quantity", index=0))
    assert 'data-total="5"' in page and "CAP Jutiapa" in page
    assert 'data-total="14"' in _listed(people["central"], drill_url(report, table, table["totals"], "quantity",
                                                                      totals=True))
    # each officer: her own center's deliveries only
    zacapa = _tables(people["zacapa"])[1]["elderly.items_delivered"]
    assert [r["quantity"] for r in zacapa["rows"]] == [4, 4, 0, 1, 0] and zacapa["totals"]["quantity"] == 9
    jutiapa = _tables(people["jutiapa"])[1]["elderly.items_delivered"]
    assert [r["quantity"] for r in jutiapa["rows"]] == [1, 0, 3, 1, 0] and jutiapa["totals"]["quantity"] == 5
    page = _listed(people["jutiapa"], drill_url(report, table, table["rows"][0], "quantity", index=0))
    assert 'data-total="1"' in page and "Centro Diurno Zacapa" not in page


def test_referrals_to_pam_and_elsewhere_with_their_answer(people, elderly):
    report, tables = _tables(people["central"])
    table = tables["elderly.referrals_by_destination"]
    assert [c["id"] for c in table["columns"]] == ["destination", "total", "accepted", "rejected", "pending"]
    assert table["rows"] == [
        {"destination": PAM, "total": 3, "accepted": 1, "rejected": 1, "pending": 1},
        {"destination": HEALTH, "total": 1, "accepted": 0, "rejected": 0, "pending": 1},
        {"destination": "Servicio Social", "total": 1, "accepted": 1, "rejected": 0, "pending": 0},
    ]
    assert table["totals"] == {"destination": "Total", "total": 5, "accepted": 2, "rejected": 1, "pending": 2}
    # the PAM's accepted cell lists Rosa, and only her
    page = _listed(people["central"], drill_url(report, table, table["rows"][0], "accepted", index=0))
    assert 'data-total="1"' in page and "Rosa" in page and "Pedro" not in page and "Juana" not in page
    assert 'data-total="3"' in _listed(people["central"], drill_url(report, table, table["rows"][0], "total",
                                                                     index=0))

    zacapa = _tables(people["zacapa"])[1]["elderly.referrals_by_destination"]
    assert zacapa["rows"] == [{"destination": PAM, "total": 2, "accepted": 1, "rejected": 1, "pending": 0},
                              {"destination": HEALTH, "total": 1, "accepted": 0, "rejected": 0, "pending": 1}]
    jutiapa = _tables(people["jutiapa"])[1]["elderly.referrals_by_destination"]
    assert jutiapa["rows"] == [{"destination": PAM, "total": 1, "accepted": 0, "rejected": 0, "pending": 1},
                               {"destination": "Servicio Social", "total": 1, "accepted": 1, "rejected": 0,
                                "pending": 0}]
    assert jutiapa["totals"] == {"destination": "Total", "total": 2, "accepted": 1, "rejected": 0, "pending": 1}
    # Jutiapa's officer following the national PAM row sees only Juana's referral
    page = _listed(people["jutiapa"], drill_url(report, table, table["rows"][0], "total", index=0))
    assert 'data-total="1"' in page and "Juana" in page and "Rosa" not in page
    # the PAM row is there even in a year without referrals
    empty = _tables(people["central"], Period.year(2021))[1]["elderly.referrals_by_destination"]
    assert empty["rows"] == [{"destination": PAM, "total": 0, "accepted": 0, "rejected": 0, "pending": 0}]
    assert empty["totals"] == {"destination": "Total", "total": 0, "accepted": 0, "rejected": 0, "pending": 0}


def test_a_center_clerk_follows_the_items_cell_to_her_own_center_only(people, elderly):
    """The deliveries list is scoped as the figure is (department and center): a clerk of the Zacapa
    day center sees its 4 kits, not the 7 handed out at another Zacapa center (before: 11 listed)."""
    from tejido.accounts.models import Role
    from tejido.common.testing import make_user

    other = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Estanzuela")
    services.delivery_record(center=other, item="kit_estimulacion", quantity=7, date=dt.date(2023, 8, 1),
                             acting_user=people["zacapa"])
    day_center = people["zacapa_cadi"].__class__.objects.get(name="Centro Diurno Zacapa")
    clerk = make_user("clerk.diurno", Role.CENTER_CLERK, centers=[day_center])
    report, tables = _tables(clerk)
    table = tables["elderly.items_delivered"]
    assert [r["quantity"] for r in table["rows"]] == [4, 4, 0, 1, 0] and table["totals"]["quantity"] == 9
    page = _listed(clerk, drill_url(report, table, table["rows"][0], "quantity", index=0))
    assert 'data-total="4"' in page and "Estanzuela" not in page
    total = _listed(clerk, drill_url(report, table, table["totals"], "quantity", totals=True))
    assert 'data-total="9"' in total and "Estanzuela" not in total
