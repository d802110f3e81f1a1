"""docs/portal.md lists every published table with its protected columns, generated from the
allow-list (`python manage.py portal_doc`): this test fails when the file has fallen behind."""

from pathlib import Path

from tejido.portal.catalogue import PUBLISHED
from tejido.portal.catalogue_doc import END, START, published_markdown

DOC = Path(__file__).resolve().parents[3] / "docs" / "portal.md"


def test_the_documented_list_is_the_allow_list():
    text = DOC.read_text(encoding="utf-8")
    documented = text[text.index(START):text.index(END) + len(END)]
    assert documented == published_markdown(), (
        "docs/portal.md no corresponde a la lista del portal: ejecute python manage.py portal_doc")
    for spec in PUBLISHED:
        assert documented.count(f"| `{spec.table_id}` |") == 1, spec.table_id
