"""Data for the print tests (issue 16 item 10): a Zacapa CADI with its caregiver and 30
children enrolled, one of them measured three times."""

import datetime as dt
from decimal import Decimal

from tejido.childcare.screening import screening_record
from tejido.childcare.staff import caregiver_add
from tejido.common.testing import make_person
from tejido.programs.services import enrolment_create

GIVEN = ["Ana Lucía", "Bryan", "Camila", "Diego", "Elena", "Fernando", "Gabriela", "Héctor", "Isabel", "José Luis",
         "Karla", "Luis", "María José", "Nery", "Olga", "Pablo", "Queila", "Rodrigo", "Sofía", "Tomás", "Úrsula",
         "Víctor", "Wendy", "Ximena", "Yeison", "Zoila", "Andrea", "Byron", "Carmen", "Dulce"]
SURNAMES = ["Aldana", "Barrios", "Cabrera", "Donis", "Estrada", "Figueroa", "García", "Hernández", "Interiano",
            "Juárez", "Kestler", "López", "Morales", "Najarro", "Orellana", "Portillo", "Quiñónez", "Ramírez",
            "Sagastume", "Trujillo", "Urrutia", "Vásquez", "Westby", "Xitumul", "Yanes", "Zepeda", "Arriaza",
            "Bonilla", "Cordón", "Duarte"]
BOYS = {"Bryan", "Diego", "Fernando", "Héctor", "José Luis", "Luis", "Nery", "Pablo", "Rodrigo", "Tomás", "Víctor",
        "Yeison", "Byron"}
MONTH = (2024, 3)  # March 2024: 21 weekdays, from Friday the 1st to Friday the 29th
WEEKDAYS = [dt.date(2024, 3, d) for d in range(1, 32) if dt.date(2024, 3, d).weekday() < 5]


def center_with_children(people, count: int = 30) -> dict:
    center, officer = people["zacapa_cadi"], people["zacapa"]
    caregiver = make_person(given_names="Marta Julia", first_surname="Cordero", second_surname="Paz",
                            sex="F", birth_date=dt.date(1985, 4, 2))
    caregiver_add(center=center, person=caregiver, payer="sosep", monthly_amount=Decimal("1000.00"),
                  start=dt.date(2024, 1, 8), acting_user=officer)
    enrolments = []
    for i in range(count):
        child = make_person(given_names=GIVEN[i], first_surname=SURNAMES[i], second_surname="Paz",
                            sex="M" if GIVEN[i] in BOYS else "F", birth_date=dt.date(2021, 1 + i % 12, 1 + i % 27))
        enrolments.append(enrolment_create(person=child, center=center, program="childcare",
                                           start=dt.date(2024, 1, 15), acting_user=officer))
    measured = enrolments[0]
    for day, weight, height in ((dt.date(2023, 9, 4), "10.1", "80.5"), (dt.date(2024, 1, 16), "10.6", "83.0"),
                                (dt.date(2024, 3, 4), "9.4", "84.0")):
        if day >= measured.person.birth_date:
            screening_record(person=measured.person, center=center, measured_on=day, weight_kg=Decimal(weight),
                             height_cm=Decimal(height), measured="", acting_user=officer)
    return {"center": center, "caregiver": caregiver, "enrolments": enrolments, "measured": measured}
