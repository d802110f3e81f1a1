"""Security headers on every page and the absence of inline JavaScript, which the
Content-Security-Policy (script-src 'self') would block."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tejido.common.testing import client_for

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=|hx-on[:-]", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)


def test_pages_carry_csp_and_the_other_headers(people):
    for client, url in ((Client(), "/cuenta/ingresar/"), (client_for(people["zacapa"]), "/"),
                        (client_for(people["zacapa"]), "/personas/")):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        body = response.content.decode()
        assert not INLINE_SCRIPT.search(body) and not INLINE_HANDLER.search(body), url


def test_no_template_has_inline_javascript():
    offenders = []
    for path in (ROOT / "tejido").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_production_settings_pass_the_deployment_check(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "TEJIDO_PRODUCTION": "true",
           "SECRET_KEY": "x" * 20 + "-Tejido-0123456789-abcdefghijklmnop",
           "ALLOWED_HOSTS": "tejido.example.gob.gt", "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
           "TEJIDO_VAR_DIR": str(tmp_path)}
    check = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                           env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    # and production refuses to start without a secret key
    env.pop("SECRET_KEY")
    refused = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr


@pytest.mark.parametrize("debug", ["false", "true"])
@pytest.mark.parametrize("key", [None, "tejido-insecure-development-key-change-me-in-production-0123456789",
                                 "change-me-to-a-long-random-string-of-50-or-more-characters", "corta-2026",
                                 "django-insecure-" + "k" * 50])
def test_production_refuses_a_missing_public_or_weak_key_whatever_debug_says(tmp_path, debug, key):
    env = {"PATH": "/usr/bin:/bin", "TEJIDO_PRODUCTION": "true", "DEBUG": debug,
           "ALLOWED_HOSTS": "tejido.example.gob.gt", "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
           "TEJIDO_VAR_DIR": str(tmp_path)}
    if key is not None:
        env["SECRET_KEY"] = key
    refused = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr
