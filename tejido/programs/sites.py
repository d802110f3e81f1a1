"""How each program shows its centers, people, enrolment and roll: the same views and
templates (views.py) for every program, configured here with data, not copied."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms


@dataclass(frozen=True)
class ProgramSite:
    program: str                      # programs.Program code
    title: str                        # shown as the page heading
    center_kinds: tuple[str, ...]     # the centers where this program enrols people
    prefix: str                       # URL names: f"{prefix}_home", f"{prefix}_center", ...
    person_noun: str                  # "niña o niño", "persona adulta mayor"
    enrol_form: type[forms.Form] | None = None   # the enrolment form (adds program fields)
    # Replaces services.enrolment_create on the roster page: called with person, center, program,
    # start, acting_user and the rest of the enrol form's cleaned data (program rules that need a
    # confirmation, e.g. the women's program and girls under 13). It must call enrolment_create.
    enrol_service: Callable | None = None
    # The program's own rules of a new enrolment, without writing: function(person, start, confirmed)
    # raising ApplicationError. enrol_service runs it; the import runs it on many rows at once
    # (services.EnrolmentsAtOnce), so both refuse the same rows with the same words.
    enrol_check: Callable | None = None
    # Registry filters for the enrolment name search, e.g. (("sex", "F"),).
    search_filter: tuple[tuple[str, object], ...] = ()
    # extra columns on the program home's list of centers: header -> function(center) -> text
    center_columns: tuple[tuple[str, Callable], ...] = ()
    # (label, url name) links on the program home page
    home_links: tuple[tuple[str, str], ...] = ()
    # extra roster columns: header -> function(enrolment, today) -> text
    roster_columns: tuple[tuple[str, Callable], ...] = ()
    # per-row links: (label, url name taking the enrolment pk)
    row_links: tuple[tuple[str, str], ...] = ()
    # buttons on the center page: (label, url name taking the center pk)
    center_links: tuple[tuple[str, str], ...] = field(default=())


SITES: dict[str, ProgramSite] = {}


def register(site: ProgramSite) -> ProgramSite:
    SITES[site.prefix] = site
    return site
