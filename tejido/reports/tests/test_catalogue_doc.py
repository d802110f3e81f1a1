"""docs/reports.md lists every registered table with the columns its JSON carries (issue 17 item 10):
the list is generated from the registry (`python manage.py reports_doc`) and this test fails when
the file has fallen behind the code."""

from pathlib import Path

import pytest

from tejido.reports.catalogue_doc import END, SEEDS, START, tables_markdown
from tejido.reports.management.commands.reports_doc import national_reader
from tejido.reports.tables import TABLES

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[3] / "docs" / "reports.md"


def test_the_documented_list_is_what_the_registry_builds():
    text = DOC.read_text(encoding="utf-8")
    documented = text[text.index(START):text.index(END) + len(END)]
    assert documented == tables_markdown(national_reader()), (
        "docs/reports.md no corresponde al registro de cuadros: ejecute python manage.py reports_doc")


def test_every_table_is_listed_once_with_its_seed_reference():
    block = tables_markdown(national_reader())
    for table_id in TABLES:
        assert block.count(f"| `{table_id}` |") == 1, table_id
    assert set(SEEDS) <= set(TABLES), set(SEEDS) - set(TABLES)  # no reference to a table that is gone
