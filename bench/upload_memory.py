"""Peak memory of the upload paths fed attack files (issue 15, items 3 and 6).

Builds the attack files in a temporary folder, then for each one:

1. The real web path: waitress serving Tejido (one thread) in a child process, started afresh for
   each upload so that its peak is that upload's. The file is streamed from disk as a multipart
   POST to the imports page (session and CSRF token), the imports API (API token) and the budget
   import API. The server reports its own peak RSS (VmHWM) when stopped, and that of the budget
   workbook's reader (imports/sandbox.py), which prints its own on stderr.
2. The job: the batch the imports API recorded is run by `run_jobs --job <id>` in a child process,
   which reports its own peak RSS (VmHWM) at the end. For the 200 MB CSVs, which the web path refuses by
   size, the job is fed by a second server whose limits were raised to 300 MB (UPLOAD_MAX_BYTES,
   IMPORT_MAX_BYTES), so that the job's own defences are measured too.

Writes bench/results/upload_memory.md. Target: every peak under 300 MB.

Usage: python bench/upload_memory.py [--only NAME ...] [--keep]
Database: a fresh SQLite file in the temporary folder (the files, not the database, are measured).
"""

import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT  # noqa: E402

TARGET_MB = 300
MB = 1024 * 1024
# Peak memory is each process's own VmHWM (/proc/self/status): the peak resident set of its own
# address space. (ru_maxrss is not used: a child started by fork/vfork + exec inherits its
# parent's high-water mark, so the figure would include the bench's own memory.)
SERVER = """
import os, re, signal, subprocess, sys
import django
django.setup()
from django.core.wsgi import get_wsgi_application
from waitress import serve

children = [0]
original_run = subprocess.run

def run(*args, **kwargs):  # the budget workbook's reader prints its own peak on stderr
    result = original_run(*args, **kwargs)
    found = re.search(rb"peak_kb (\\d+)", result.stderr or b"")
    if found:
        children[0] = max(children[0], int(found[1]))
    return result

subprocess.run = run

def stop(*args):
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print("PEAK_KB", own, children[0], flush=True)
    os._exit(0)

signal.signal(signal.SIGTERM, stop)
serve(get_wsgi_application(), host="127.0.0.1", port=int(sys.argv[1]), threads=1,
      max_request_body_size=1 << 30, _quiet=True)
"""
JOB = """
import sys
import django
django.setup()
from django.core.management import call_command
call_command("run_jobs", "--job", sys.argv[1])
with open("/proc/self/status") as status:
    print("PEAK_KB", next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")), flush=True)
"""


# --- attack files ---------------------------------------------------------------------------------

def people_headers() -> list[str]:
    from tejido.imports.kinds import KINDS

    return [c.header for c in KINDS["personas"].columns]


def valid_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Datos"
    sheet.append(people_headers())
    sheet.append(["Ana", "Pérez", "Caal", "", "Mujer", "17/05/2019", "", "", "1901", "Maya", "Español", "", "", "",
                  "", ""])
    book.save(path)


def csv_rows(path: Path, size: int) -> None:
    """People rows up to `size` bytes, each with an error (sex «?», an impossible date): the job
    validates every one and keeps every error."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(people_headers()) + "\n")
        written, n = 0, 0
        while written < size:
            lines = "".join(f"Persona {n + i},Pérez,Caal,,?,99/99/9999,,,1901,Maya,Español,,,,,\n"
                            for i in range(10000))
            out.write(lines)
            written += len(lines.encode())
            n += 10000


def csv_one_cell(path: Path, size: int) -> None:
    """A quote opened and never closed: one cell of 200 MB (over the csv module's field limit)."""
    with open(path, "wb") as out:
        out.write((",".join(people_headers()) + "\n").encode() + b'"')
        for _ in range(size // MB):
            out.write(b"x" * MB)


def _workbook_parts(base: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(base) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write_zip(path: Path, parts: dict, big: tuple[str, object] | None = None) -> None:
    """The parts, and one big part written from a generator of chunks (never whole in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        if big:
            name, chunks = big
            with archive.open(name, "w", force_zip64=True) as out:
                for chunk in chunks:
                    out.write(chunk)


def shared_strings_bomb(path: Path, base: Path, expand_to: int = 950 * MB) -> None:
    """~10 MB zipped; its shared strings (each a distinct text) expand to ~1 GB; the sizes the zip
    declares are true and under XLSX_MAX_EXPANDED_BYTES (1 GiB), and the ratio (~96) is under the
    per-part limit of 200: only the shared strings' own limits stop it."""
    rng = random.Random(15)
    # Each text: a number and 8 pieces drawn from 8 random 256-letter pieces: deflate gets ~96:1.
    pieces = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz ") for _ in range(256)) for _ in range(8)]
    parts = _workbook_parts(base)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')

    def chunks():
        yield b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/' \
              b'spreadsheetml/2006/main">'
        written, n = 0, 0
        while written < expand_to:
            block = b"".join(b"<si><t>%d %s</t></si>" % (n + i, b"".join(rng.choices(pieces, k=8)))
                             for i in range(20000))
            n += 20000
            written += len(block)
            yield block
        yield b"</sst>"

    _write_zip(path, parts, ("xl/sharedStrings.xml", chunks()))


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%s;" % (str(n - 1).encode() if n > 1 else b"")) * 10)
                             for n in range(1, 10)) + b"]>")


def billion_laughs(path: Path, base: Path) -> None:
    parts = _workbook_parts(base)
    workbook = parts["xl/workbook.xml"]
    workbook = workbook.split(b"?>", 1)[1] if workbook.startswith(b"<?xml") else workbook
    parts["xl/workbook.xml"] = BILLION_LAUGHS + workbook.replace(b'name="Datos"', b'name="&lol9;"')
    _write_zip(path, parts)


def falsified_sizes(path: Path, base: Path, expand_to: int = 500 * MB) -> None:
    """The sheet expands to 500 MB, but the zip's local header and central directory say 1,000 bytes."""
    parts = _workbook_parts(base)
    sheet = parts.pop("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"</sheetData>")
    row = b'<row><c t="inlineStr"><is><t>Persona</t></is></c></row>'

    def chunks():
        yield head
        block = row * (MB // len(row))
        for _ in range(expand_to // len(block)):
            yield block
        yield b"</sheetData>" + tail

    _write_zip(path, parts, ("xl/worksheets/sheet1.xml", chunks()))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, name_at, size_at, base_len in ((b"PK\x03\x04", 26, 22, 30), (b"PK\x01\x02", 28, 24, 46)):
        at = data.find(signature)
        while at != -1:
            length = struct.unpack_from("<H", data, at + name_at)[0]
            if bytes(data[at + base_len:at + base_len + length]) == name:
                struct.pack_into("<I", data, at + size_at, 1000)
                # zip64: the real sizes sit in the extra field (id 0x0001); say 1,000 there too.
                extra_len = struct.unpack_from("<H", data, at + name_at + 2)[0]
                extra_at = at + base_len + length
                end = extra_at + extra_len
                while extra_at + 4 <= end:
                    tag, size = struct.unpack_from("<HH", data, extra_at)
                    if tag == 1:
                        struct.pack_into("<Q", data, extra_at + 4, 1000)
                    extra_at += 4 + size
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def one_row_bomb(path: Path, base: Path, cells: int = 4_000_000) -> None:
    """One row of 4 million cells: every byte limit holds (~60 MB of XML, ratio ~20), but openpyxl
    builds the whole row before it yields it. Only the memory ceiling stops this one."""
    parts = _workbook_parts(base)
    sheet = parts.pop("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"</sheetData>")
    rng = random.Random(5)

    def chunks():
        yield head + b'<row r="3">'
        for _ in range(cells // 100000):
            yield b"".join(b"<c><v>%d</v></c>" % rng.randrange(10) for _ in range(100000))
        yield b"</row></sheetData>" + tail

    _write_zip(path, parts, ("xl/worksheets/sheet1.xml", chunks()))


# --- the web path and the job ---------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env: dict):
        self.port = free_port()
        self.process = subprocess.Popen([sys.executable, "-c", SERVER, str(self.port)], cwd=ROOT, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read()) from None
                time.sleep(0.2)
        raise RuntimeError("the server did not start")

    def stop(self) -> tuple[float, float]:
        self.process.send_signal(signal.SIGTERM)
        out, _err = self.process.communicate(timeout=60)
        own, children = re.search(r"PEAK_KB (\d+) (\d+)", out).groups()
        return int(own) / 1024, int(children) / 1024

    def request(self, method: str, path: str, *, headers=None, body=None, length=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
        headers = dict(headers or {})
        if length is not None:
            headers["Content-Length"] = str(length)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Location"), response.getheader("Set-Cookie")

    def post_file(self, path: str, fields: dict, file_field: str, file_path: Path, name: str, headers: dict):
        """A multipart POST whose file part is streamed from disk."""
        boundary = "tejidobench" + secrets.token_hex(8)
        pre = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                       for k, v in fields.items())
        pre += (f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n").encode()
        post = f"\r\n--{boundary}--\r\n".encode()

        def body():
            yield pre
            with open(file_path, "rb") as handle:
                yield from iter(lambda: handle.read(MB), b"")
            yield post

        headers = {**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, headers=headers, body=body(),
                            length=len(pre) + file_path.stat().st_size + len(post))


def message_of(status: int, body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    if text.startswith("{"):
        data = json.loads(text)
        return data.get("detail") or f"{data.get('status')}: {data.get('message', '')}".strip(": ")
    match = re.search(r'class="errorlist[^"]*"[^>]*>\s*<li>(.*?)</li>', text, re.S)
    return re.sub(r"\s+", " ", match[1]).strip() if match else ""


def setup(env: dict) -> dict:
    """Migrate the fresh database, load the territory, make the users, their session and tokens."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    script = (
        "import json\n"
        "from django.conf import settings\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from tejido.accounts.models import ApiToken, Role, User\n"
        "from tejido.territory.loader import load_territory\n"
        "load_territory()\n"
        "staff = User.objects.create(username='bench.importador', role=Role.PROGRAM_STAFF)\n"
        "planner = User.objects.create(username='bench.planificador', role=Role.PLANNER)\n"
        "session = SessionStore()\n"
        "session[SESSION_KEY] = str(staff.pk)\n"
        "session[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "session[HASH_SESSION_KEY] = staff.get_session_auth_hash()\n"
        "session.create()\n"
        "print('SETUP', json.dumps({'session': session.session_key, 'cookie': settings.SESSION_COOKIE_NAME,\n"
        "    'staff': ApiToken.issue(staff, 'bench')[1], 'planner': ApiToken.issue(planner, 'bench')[1]}))\n"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.split("SETUP ", 1)[1])


def query(env: dict, code: str) -> dict:
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", "import json\n" + code], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_job(env: dict, batch_id: int) -> dict:
    job = query(env, "from tejido.reliability.models import Job\n"
                     f"print(json.dumps({{'id': Job.objects.get(kind='import', target_id={batch_id}).pk}}))")["id"]
    started = time.monotonic()
    child = subprocess.run([sys.executable, "-c", JOB, str(job)], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    peak = re.search(r"PEAK_KB (\d+)", child.stdout)
    batch = query(env, "from tejido.imports.models import ImportBatch\n"
                       "from tejido.reliability.models import Job\n"
                       f"b = ImportBatch.objects.get(pk={batch_id}); j = Job.objects.get(pk={job})\n"
                       "print(json.dumps({'status': b.status, 'message': b.message, 'rows': b.total_rows, "
                       "'job': j.status, 'attempts': j.attempts}))")
    return {"peak_mb": int(peak[1]) / 1024 if peak else float("nan"), "seconds": seconds, "exit": child.returncode,
            **batch}


def web(env: dict, creds: dict, target: str, path: Path, name: str) -> dict:
    server = Server(env)
    started = time.monotonic()
    try:
        if target == "page":
            cookie = f"{creds['cookie']}={creds['session']}"
            status, page, _loc, set_cookie = server.request("GET", "/importar/", headers={"Cookie": cookie})
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1].decode()
            csrf = re.search(r"csrftoken=([^;]+)", set_cookie or "")
            cookie += f"; csrftoken={csrf[1]}" if csrf else ""
            status, body, location, _c = server.post_file(
                "/importar/", {"csrfmiddlewaretoken": token, "plantilla": "personas"}, "archivo", path, name,
                {"Cookie": cookie})
            message = f"→ {location}" if status == 302 else message_of(status, body)
        elif target == "api":
            status, body, location, _c = server.post_file(
                "/api/v1/importar/", {"plantilla": "personas"}, "file", path, name,
                {"Authorization": f"Bearer {creds['staff']}"})
            message = message_of(status, body)
        else:
            status, body, location, _c = server.post_file(
                "/api/v1/planificacion/presupuesto/importacion", {}, "file", path, name,
                {"Authorization": f"Bearer {creds['planner']}"})
            message = message_of(status, body)
    finally:
        own, children = server.stop()
    batch = json.loads(body).get("id") if target == "api" and status == 201 else None
    return {"status": status, "message": message, "peak_mb": own, "child_mb": children,
            "seconds": time.monotonic() - started, "batch": batch}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", help="attack file names to run (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tejido_upload_bench_"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}", "TEJIDO_VAR_DIR": str(folder / "var"),
           "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0", "LOG_LEVEL": "ERROR", "JOBS_SPAWN": "0",
           "PYTHONPATH": str(ROOT)}
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "TEJIDO_VAR_DIR", "DJANGO_SETTINGS_MODULE")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    started_at = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    print("setting up the database ...", flush=True)
    creds = setup(env)
    base = folder / "base.xlsx"
    valid_xlsx(base)
    files = {  # name: (builder, file name, description)
        "valido": (lambda p: shutil.copy(base, p), "personas.xlsx", "valid XLSX, 1 row (reference)"),
        "csv_200mb_filas": (lambda p: csv_rows(p, 200 * MB), "personas.csv",
                            "200 MB CSV, 3.4 million rows, each with an error"),
        "csv_200mb_una_celda": (lambda p: csv_one_cell(p, 200 * MB), "personas.csv",
                                "200 MB CSV, one unclosed quote (one 200 MB cell)"),
        "xlsx_textos_1gb": (lambda p: shared_strings_bomb(p, base), "personas.xlsx",
                            "XLSX whose shared strings expand to ~1 GB"),
        "billion_laughs": (lambda p: billion_laughs(p, base), "personas.xlsx", "XLSX, billion laughs in workbook.xml"),
        "tamanos_falsos": (lambda p: falsified_sizes(p, base), "personas.xlsx",
                           "XLSX, sheet of 500 MB declared as 1,000 bytes"),
        "fila_4m_celdas": (lambda p: one_row_bomb(p, base), "personas.xlsx",
                           "XLSX, one row of 4 million cells (~60 MB of XML)"),
    }
    raised = {**env, "UPLOAD_MAX_BYTES": str(300 * MB), "IMPORT_MAX_BYTES": str(300 * MB)}
    results = []
    for key, (build, name, description) in files.items():
        if args.only and key not in args.only:
            continue
        path = folder / key
        build(path)
        size = path.stat().st_size
        print(f"{key}: {size / MB:.1f} MB", flush=True)
        row = {"key": key, "description": description, "size": size}
        for target in ("page", "api", "budget"):
            upload_name = name if target != "budget" else name.replace("personas", "ejecucion")
            row[target] = web(env, creds, target, path, upload_name)
            print(f"  {target}: {row[target]['status']} {row[target]['peak_mb']:.0f} MB "
                  f"(child {row[target]['child_mb']:.0f} MB) {row[target]['message'][:110]}", flush=True)
        batch = row["api"]["batch"]
        row["job_env"] = "default"
        if batch is None and key.startswith("csv_200mb"):
            row["api_raised"] = web(raised, creds, "api", path, name)
            batch = row["api_raised"]["batch"]
            row["job_env"] = "raised"
        if batch is not None:
            row["job"] = run_job(raised if row["job_env"] == "raised" else env, batch)
            print(f"  job: {row['job']['peak_mb']:.0f} MB {row['job']['status']} {row['job']['message'][:110]}",
                  flush=True)
        results.append(row)
        path.unlink()
    write_results(results, started_at, load_before)
    if args.keep:
        print(f"kept {folder}")
    else:
        shutil.rmtree(folder)


def write_results(results: list, started_at, load_before: float) -> None:
    peaks = [r[t]["peak_mb"] for r in results for t in ("page", "api", "budget")]
    peaks += [r[t]["child_mb"] for r in results for t in ("budget",)]
    peaks += [r["job"]["peak_mb"] for r in results if "job" in r]
    peaks += [r["api_raised"]["peak_mb"] for r in results if "api_raised" in r]
    worst = max(peaks) if peaks else 0
    verdict = f"target met (highest peak {worst:.0f} MB)" if worst < TARGET_MB else f"target NOT met ({worst:.0f} MB)"

    def cell(result: dict) -> str:
        message = result["message"].replace("|", "/")
        message = message if len(message) <= 140 else message[:137] + "…"
        return f"{result['status']}, **{result['peak_mb']:.0f} MB**: {message}"

    lines = [
        "# Upload memory under attack files (issue 15)",
        "",
        f"## {started_at:%Y-%m-%d %H:%M} UTC — `python bench/upload_memory.py`",
        "",
        f"{os.cpu_count()} cores, load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
        f"SQLite database; default limits (config/settings.py) unless said. Target: every peak RSS under "
        f"{TARGET_MB} MB: {verdict}.",
        "",
        "Web path: waitress + Tejido in a child process started afresh for each upload, the file streamed from "
        "disk as a multipart POST; the figure is the server process's own peak RSS (VmHWM), which includes "
        "Django and Tejido loaded (about 100 MB). The budget API reads a workbook in a child process: its peak "
        "is given apart. Job: `run_jobs --job <id>` for the batch the imports API recorded, in its own process, "
        "its own peak RSS (VmHWM).",
        "",
        "| attack file | size | imports page | imports API | budget API (server; workbook reader) | job (import) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        budget = r["budget"]
        child = f"; reader **{budget['child_mb']:.0f} MB**" if budget["child_mb"] else ""
        job = "no batch: refused by the web request"
        if "job" in r:
            j = r["job"]
            note = " (limits raised to 300 MB so that the file reaches the job)" if r["job_env"] == "raised" else ""
            message = j["message"] if len(j["message"]) <= 140 else j["message"][:137] + "…"
            job = (f"**{j['peak_mb']:.0f} MB**, {j['seconds']:.0f} s{note}: batch {j['status']}, job {j['job']} "
                   f"after {j['attempts']} attempt(s). {message}")
        lines.append(f"| {r['description']} | {r['size'] / MB:.1f} MB | {cell(r['page'])} | {cell(r['api'])} | "
                     f"{cell(budget)}{child} | {job} |")
    lines += ["", "Raw figures (MB):", "", "```"]
    for r in results:
        figures = {t: round(r[t]["peak_mb"]) for t in ("page", "api", "budget")}
        figures["budget_reader"] = round(r["budget"]["child_mb"])
        if "api_raised" in r:
            figures["api_raised_limits"] = round(r["api_raised"]["peak_mb"])
        if "job" in r:
            figures["job"] = round(r["job"]["peak_mb"])
        lines.append(f"{r['key']}: {figures}")
    lines += ["```", ""]
    out = ROOT / "bench" / "results" / "upload_memory.md"
    previous = out.read_text().split("\n", 2)[2] if out.exists() else ""
    out.write_text("\n".join(lines[:2]) + "\n" + "\n".join(lines[2:]) + ("\n" + previous if previous else ""))
    print(f"written {out}")


if __name__ == "__main__":
    main()
