"""The report tables of every program, one module each, registered by id (tables.TABLES)."""

from tejido.agreements import report_tables as _agreements  # noqa: F401
from tejido.donations import report_tables as _donations  # noqa: F401
from tejido.planning import report_tables  # noqa: F401
from tejido.shelters import report_tables as _shelters  # noqa: F401

from . import childcare, elderly, migrants, protection, socialservice, staff, women  # noqa: F401
