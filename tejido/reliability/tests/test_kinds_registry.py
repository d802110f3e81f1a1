"""Job kinds are registered by their apps (issue 18 item 7, issue 19 item 4): the shared layer
imports no program app, and every kind the apps enqueue is registered once Django is set up."""

import ast
from pathlib import Path

import pytest

from tejido.reliability.kinds import KINDS, register

SOURCE = Path(__file__).resolve().parents[1] / "kinds.py"


def test_the_registry_imports_no_app():
    tree = ast.parse(SOURCE.read_text())
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not [name for name in imported if name and name.startswith("tejido")], imported
    assert "import_module" not in SOURCE.read_text()


def test_every_kind_the_apps_enqueue_is_registered():
    assert set(KINDS) == {"report", "import", "dedup"}
    # each kind's functions live in the app that owns what it runs
    owners = {kind: {function.__module__.split(".")[1] for function in KINDS[kind]} for kind in KINDS}
    assert owners == {"report": {"reports"}, "import": {"imports"}, "dedup": {"dedup"}}


def test_a_kind_registered_twice_with_other_functions_is_refused():
    run, give_up = KINDS["report"]
    register("report", run=run, give_up=give_up)  # the same again (a second ready()): accepted
    with pytest.raises(ValueError):
        register("report", run=lambda target_id: None, give_up=give_up)
