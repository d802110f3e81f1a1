"""The report tables of every program, one module each, registered by id (tables.TABLES)."""

from . import childcare, elderly, migrants, socialservice, women  # noqa: F401
