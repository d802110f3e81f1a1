"""The production lock holds what a server runs and nothing of the test tools; the dev lock adds
them on top without pinning any package twice (a second pin could disagree with the first)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)$")


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1).split("[")[0]).lower()] = match.group(2)
    return found


def declared(group: list[str]) -> dict[str, str]:
    return {re.sub(r"[-_.]+", "-", spec.split("==")[0].split("[")[0]).lower(): spec.split("==")[1] for spec in group}


def test_production_lock_has_every_runtime_dependency_and_no_test_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    production = pins("requirements.lock")
    for name, version in declared(project["dependencies"]).items():
        assert production.get(name) == version, f"{name}=={version} missing from requirements.lock"
    for name in declared(project["optional-dependencies"]["dev"]):
        assert name not in production, f"{name} is a dev tool: it belongs in requirements-dev.lock"


def test_dev_lock_builds_on_the_production_lock_without_pinning_twice():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = (ROOT / "requirements-dev.lock").read_text().splitlines()
    assert lines[0] == "-r requirements.lock"
    dev = pins("requirements-dev.lock")
    assert not set(dev) & set(pins("requirements.lock"))
    for name, version in declared(project["optional-dependencies"]["dev"]).items():
        assert dev.get(name) == version, f"{name}=={version} missing from requirements-dev.lock"
