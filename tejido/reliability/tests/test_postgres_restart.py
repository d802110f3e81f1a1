"""A PostgreSQL restart while an officer works: a private cluster on a free loopback port, the app
served by gunicorn (deploy/gunicorn.conf.py) against it. While the database is down, pages answer
503 with our Spanish page (not a reset connection or a traceback); once it is back the same server
process answers normally, without a restart, also right after a quick `pg_ctl restart`."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from .private_pg import Cluster, free_port, why_not

pytestmark = pytest.mark.skipif(bool(why_not()), reason=why_not() or "ok")

LOGIN = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from tejido.common.testing import make_user
user = make_user("central9", "program_staff", program="childcare")
session = SessionStore()
session.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend"})
session.create()
print(session.session_key)
"""


def _get(port: int, session: str, path: str = "/personas/") -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": f"sessionid={session}"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:  # a status answer; a reset connection would raise URLError instead
        return error.code, error.read().decode()


@pytest.fixture
def cluster():
    pg = Cluster()
    try:
        pg.init()
        yield pg
    finally:
        pg.destroy()


def test_pages_say_so_while_postgres_is_down_and_recover_without_restarting_the_app(cluster, tmp_path):
    base = Path(settings.BASE_DIR)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": cluster.url, "CONN_MAX_AGE": "60", "TEJIDO_VAR_DIR": str(tmp_path),
           "DEBUG": "0", "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "1"}
    manage = [sys.executable, str(base / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=base, timeout=120)
    session = subprocess.run([*manage, "shell", "-c", LOGIN], env=env, check=True, cwd=base, capture_output=True,
                             text=True, timeout=60).stdout.strip().splitlines()[-1]
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--config",
                               str(base / "deploy" / "gunicorn.conf.py"), "config.wsgi:application"],
                              env=env, cwd=base, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _body = _get(port, session)
                break
            except urllib.error.URLError:
                assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
                time.sleep(0.3)
        assert status == 200

        cluster.stop()
        for _ in range(2):  # the kept connection breaks, then a new one is refused: both get the page
            status, body = _get(port, session)
            assert status == 503
            assert "La base de datos no responde en este momento" in body and "Traceback" not in body

        cluster.start()
        status, body = _get(port, session)
        assert status == 200 and "Personas" in body

        cluster.restart()  # quick: the next request finds its kept connection dead and reconnects
        assert _get(port, session)[0] == 200
        assert server.poll() is None  # the same server process all along
    finally:
        server.terminate()
        server.wait(timeout=30)
