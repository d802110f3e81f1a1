"""Backups: the whole database and the uploaded files in one archive, and its restore.

An archive (`tejido-<UTC time>.tar`) holds:
- `manifest.json`: when, from which engine, the number of rows of every table and a checksum of
  every file, so a restore can prove it found every record;
- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite's online
  backup API, consistent while the application writes);
- `media/…`: the uploaded documents (donation certificates, agreement documents, ...).

The archive is first written as `<name>.partial` and renamed when complete, so a backup killed
halfway never looks like a good one. Restore replaces the database and the files, then counts
every table again and compares with the manifest."""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection


class BackupError(Exception):
    pass


def table_counts() -> dict[str, int]:
    """Rows of every table Django manages (history and audit tables included)."""
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in counts or not model._meta.managed:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the models
            counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _media_files(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): _digest(p) for p in sorted(root.rglob("*")) if p.is_file()}


def create_backup(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = directory / f"tejido-{stamp}.tar"
    partial = final.with_suffix(".tar.partial")
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        engine = connection.vendor
        if engine == "postgresql":
            dump = work / "database.dump"
            args, env = _pg_env()
            # One snapshot for the whole dump: consistent while users keep working.
            result = subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *args],
                                    env=env, capture_output=True, text=True)
            if result.returncode:
                raise BackupError(f"pg_dump: {result.stderr.strip()}")
        elif engine == "sqlite":
            dump = work / "database.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            with target:
                connection.connection.backup(target)
            target.close()
        else:
            raise BackupError(f"motor no soportado: {engine}")
        manifest = {"created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "engine": engine,
                    "tables": table_counts(), "media": _media_files(media), "database_file": dump.name,
                    "database_sha256": _digest(dump)}
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        with tarfile.open(partial, "w") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(dump, arcname=dump.name)
            if media.exists():
                archive.add(media, arcname="media")
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.rename(final)
    return final


def read_manifest(archive_path: Path) -> dict:
    with tarfile.open(archive_path) as archive:
        return json.load(archive.extractfile("manifest.json"))


def _without_extensions(dump: Path, env: dict) -> str:
    """The dump's table of contents less its extensions (pg_trgm, unaccent). `--clean` would drop
    them, which only their owner may do, and the installation guide has the postgres superuser
    create them; instead they are created here if missing (both are trusted: the database owner
    may) and left alone otherwise."""
    result = subprocess.run(["pg_restore", "--list", str(dump)], env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_restore: {result.stderr.strip()}")
    kept, extensions = [], []
    for line in result.stdout.splitlines():
        words = line.split(";", 1)[-1].split()
        if words[2:4] == ["EXTENSION", "-"]:
            extensions.append(words[4])
        elif words[2:5] != ["COMMENT", "-", "EXTENSION"]:
            kept.append(line)
    with connection.cursor() as cursor:
        for name in extensions:
            cursor.execute(f'CREATE EXTENSION IF NOT EXISTS "{name}"')
    connection.close()
    return "\n".join(kept) + "\n"


def _extract_safely(archive: tarfile.TarFile, target: Path) -> None:
    """Only plain files and folders inside `target`: no absolute paths, `..`, links or devices.
    Python 3.11.4+ has tarfile's "data" filter for this; Debian 12 ships 3.11.2, which has not."""
    if hasattr(tarfile, "data_filter"):
        try:
            archive.extractall(target, filter="data")
        except tarfile.FilterError as error:
            raise BackupError(f"entrada no permitida en el respaldo: {error}") from error
        return
    for member in archive.getmembers():
        parts = Path(member.name).parts
        if member.name.startswith("/") or ".." in parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"entrada no permitida en el respaldo: {member.name}")
    archive.extractall(target)


def restore_backup(archive_path: Path) -> dict:
    """Replace the database and the uploaded files with the archive's; returns the manifest after
    checking that every table has the rows it had and every file its checksum."""
    if archive_path.suffix != ".tar" or not archive_path.exists():
        raise BackupError(f"no es un respaldo completo: {archive_path}")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive_path) as archive:
            _extract_safely(archive, work)
        manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
        dump = work / manifest["database_file"]
        if _digest(dump) != manifest["database_sha256"]:
            raise BackupError("el archivo de la base de datos no coincide con el manifiesto")
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"respaldo de {manifest['engine']}, base actual {connection.vendor}")
        if connection.vendor == "postgresql":
            connection.close()
            args, env = _pg_env()
            toc = work / "restore.list"
            toc.write_text(_without_extensions(dump, env), encoding="utf-8")
            result = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                                     "--exit-on-error", "--use-list", str(toc), *args, str(dump)],
                                    env=env, capture_output=True, text=True)
            if result.returncode:
                raise BackupError(f"pg_restore: {result.stderr.strip()}")
        else:
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            source.backup(connection.connection)
            source.close()
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (work / "media").exists():
            shutil.copytree(work / "media", media)
    problems = [f"{table}: {manifest['tables'][table]} → {n}" for table, n in table_counts().items()
                if manifest["tables"].get(table) != n]
    problems += [f"archivo {name}" for name, digest in manifest["media"].items()
                 if _media_files(Path(settings.MEDIA_ROOT)).get(name) != digest]
    if problems:
        raise BackupError("la restauración no coincide con el respaldo: " + "; ".join(problems[:10]))
    return manifest
