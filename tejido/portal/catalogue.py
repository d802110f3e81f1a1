"""The explicit allow-list of what the portal publishes: report-engine tables that are aggregates
(never lists of people, never names or record numbers), and for each one which columns are person
counts (small-cell protection applies) and which percentages derive from them. Every other column
(money, events, centers, municipalities, targets) is published as computed.

Left out on purpose: drill-down and any table naming people or donors (donations.received lists
donor names), protection cases, women's income by department (a small department would reveal one
woman's income), childcare nutrition and development tables (their indicator sub-tables need their
own relations), elderly.care_by_department and migrants.by_reception_center (they publish the same
department figures as elderly.by_department / migrants.by_destination_department cut another way;
two independent suppressions of one figure could undo each other). Commercial events are not
published (a department's sales could be one woman's), nor the caregivers' monthly amounts (a
department with one caregiver would show her pay).

The tables added for issue 17 item 5 that count people are published with what a reader knows of
them declared: talks by center are a row per center (`row_key`: the same center is the same row in
every period); caregivers are counted on the period's last day (`stock`: the year is its last
four-month period, not their sum), with the payers adding up to the total and those without an
amount within it; children ready for primary add boys and girls; migrants' care and staff
trainings are protected in every row and their totals. None of these populations is shown whole
by another published table (children leaving ready are some of the children served, families
with care some of those received), so no cross-table equality is declared: a part of a population
tells a reader only that the whole is at least as large, which no published figure pins."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.registry.choices import Pueblo
from tejido.women.figures import PUEBLO_ALWAYS

SECRETARIAT = "secretariat"
PROGRAMS = [*Program.choices, (SECRETARIAT, _("Plan, presupuesto, albergues, donaciones y convenios"))]


@dataclass(frozen=True)
class Published:
    table_id: str
    program: str
    counts: tuple = ()                       # person-count columns: protected
    percents: dict = field(default_factory=dict)  # percent column -> the count column it is a share of
    row_sums: tuple = ()                     # ((part columns), total column) within each row
    by_department: bool = False              # rows are departments: a department's page shows its row
    shared: dict = field(default_factory=dict)  # count column -> population whose total other tables show
    omit: tuple = ()                         # free-text columns never published
    # The report lists a row only if someone was counted in this column (a reader knows it is >= 1),
    # except the rows labelled in `always_listed`.
    floor: str = ""
    always_listed: tuple = ()
    # The report orders the rows by their count: the portal orders them by this drill-down code
    # instead, so that the order says nothing about a hidden count.
    rows_by_code: str = ""
    # The columns that name a row (default: the first): a table by department and center.
    row_key: tuple = ()
    # The counts are of the period's last day (caregivers active at its end): a period's figure is
    # its last part's, not the sum of its parts.
    stock: bool = False
    # The portal's note instead of the report's, where the report's speaks of an omitted column.
    note: str = ""


SEX = (("men", "women"), "total")
ALWAYS_LISTED_PUEBLOS = tuple(Pueblo(code).label for code in sorted(PUEBLO_ALWAYS))

PUBLISHED = [
    Published("childcare.children_by_department", Program.CHILDCARE, counts=("men", "women", "total"),
              row_sums=(SEX,), by_department=True, floor="total"),
    Published("women.by_department", Program.WOMEN, counts=("women",), by_department=True,
              shared={"women": "women"}),
    Published("women.by_age_group", Program.WOMEN, counts=("women",), percents={"percent": "women"},
              shared={"women": "women"}),
    Published("women.by_pueblo", Program.WOMEN, counts=("women",), percents={"percent": "women"},
              shared={"women": "women"}, floor="women", always_listed=ALWAYS_LISTED_PUEBLOS),
    Published("women.by_language_community", Program.WOMEN, counts=("women",), percents={"percent": "women"},
              shared={"women": "women"}, floor="women", rows_by_code="comunidad"),
    Published("social_service.persons_by_department", Program.SOCIAL_SERVICE, counts=("men", "women", "total"),
              row_sums=(SEX,), by_department=True),
    # Each unit delivered went to one person: a product handed out once or twice is protected too.
    Published("social_service.products_delivered", Program.SOCIAL_SERVICE, counts=("quantity",)),
    Published("migrants.by_destination_department", Program.SOCIAL_SERVICE,
              counts=("families", "men", "women", "minors", "people"),
              row_sums=((("men", "women", "minors"), "people"),), by_department=True, floor="families"),
    Published("elderly.by_department", Program.ELDERLY, counts=("men", "women", "beneficiaries"),
              row_sums=((("men", "women"), "beneficiaries"),), by_department=True, floor="beneficiaries"),
    # An improvised shelter's location is typed freely (it could name a family's house): left out.
    Published("shelters.by_shelter", SECRETARIAT, counts=("persons",), omit=("location",)),
    # The year to date is left to the report: the portal publishes each period's own figures (a
    # Jan-Aug column would be one more cut of the same people for the suppression to reconcile).
    Published("planning.physical_targets", SECRETARIAT, counts=("executed",), percents={"percent": "executed"},
              omit=("executed_ytd", "percent_ytd")),
    Published("planning.budget_execution", SECRETARIAT),
    Published("planning.budget_by_group", SECRETARIAT),
    Published("donations.by_donor_kind", SECRETARIAT),
    Published("agreements.by_counterparty", SECRETARIAT),
    Published("agreements.center_licences", SECRETARIAT),
    # Issue 17 item 5: what was recorded but not reported, where it counts no people.
    Published("agreements.signed_in_period", SECRETARIAT),
    Published("agreements.documents_obtained", SECRETARIAT),
    Published("childcare.centers_opened", Program.CHILDCARE, by_department=True),
    Published("childcare.materials_delivered", Program.CHILDCARE),
    Published("shelters.supplies", SECRETARIAT),
    Published("women.trainings_by_type", Program.WOMEN, counts=("participants",)),
    Published("women.trainings_by_partner", Program.WOMEN, counts=("participants",)),
    # Each product unit went to one person, as in products_delivered.
    Published("social_service.outreach_days", Program.SOCIAL_SERVICE, counts=("people", "products")),
    # Issue 17 item 5: the tables that count people, with their relations declared.
    Published("childcare.violence_prevention_talks", Program.CHILDCARE, counts=("people",),
              row_key=("department", "center"), by_department=True),
    Published("childcare.nutrition_talks", Program.CHILDCARE, counts=("people",),
              row_key=("municipality", "center")),
    Published("childcare.other_talks", Program.CHILDCARE, counts=("people",), row_key=("department", "center"),
              by_department=True),
    Published("childcare.caregivers_by_payer", Program.CHILDCARE,
              counts=("sosep", "municipalidad", "sistema_penitenciario", "total", "without_amount"),
              row_sums=((("sosep", "municipalidad", "sistema_penitenciario"), "total"), (("without_amount",), "total")),
              by_department=True, floor="total", stock=True, omit=("monthly_amount",),
              note=_("Madres cuidadoras activas el último día del periodo, por departamento del centro; quien cuida "
                     "en dos centros cuenta en cada uno. Los montos que reciben no se publican: en un departamento "
                     "con una sola madre cuidadora dirían cuánto recibe ella.")),
    Published("childcare.ready_for_primary", Program.CHILDCARE, counts=("boys", "girls", "total"),
              row_sums=((("boys", "girls"), "total"),), by_department=True, floor="total"),
    Published("migrants.care_given", Program.SOCIAL_SERVICE, counts=("families", "people")),
    Published("programs.staff_trainings", SECRETARIAT, counts=("people", "diplomas"),
              row_sums=((("diplomas",), "people"),)),
]

BY_ID = {p.table_id: p for p in PUBLISHED}
