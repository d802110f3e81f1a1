"""A private PostgreSQL cluster in a temp dir on a free loopback port, for tests that restart the
database for real. Never the machine's shared server. Runs the server as the `postgres` OS user
(PostgreSQL refuses to run as root)."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile


def binaries() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return os.path.dirname(found[-1]) if found else None


def why_not() -> str:
    """Empty when a private cluster can be started here; otherwise the reason to skip."""
    if binaries() is None:
        return "no hay binarios de PostgreSQL en /usr/lib/postgresql/*/bin"
    if os.geteuid() != 0 and _user() != "postgres":
        return "hace falta ser root (para usar runuser -u postgres) o el usuario postgres"
    if os.geteuid() == 0 and (shutil.which("runuser") is None or _uid("postgres") is None):
        return "no hay runuser o no existe el usuario postgres"
    return ""


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def _uid(name: str) -> int | None:
    import pwd

    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self):
        self.bin, self.port = binaries(), free_port()
        self.dir = tempfile.mkdtemp(prefix="tejido-pg-")
        if os.geteuid() == 0:
            os.chown(self.dir, _uid("postgres"), -1)
        self.data, self.log = os.path.join(self.dir, "data"), os.path.join(self.dir, "log")

    def _run(self, tool: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        command = [os.path.join(self.bin, tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True, cwd=self.dir)

    def init(self) -> None:
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "tejido")

    def _options(self) -> str:
        return f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"

    def start(self) -> None:
        self._run("pg_ctl", "-D", self.data, "-o", self._options(), "-w", "-l", self.log, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        # -l: without a log file the server keeps our captured stdout open and run() never returns
        self._run("pg_ctl", "-D", self.data, "-o", self._options(), "-m", "fast", "-w", "-l", self.log, "restart")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/tejido"

    def destroy(self) -> None:
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.dir, ignore_errors=True)
