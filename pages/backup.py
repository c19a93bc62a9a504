"""Backup and restore of the whole site: the database (native dump) and every uploaded file (README "Operations").

An archive is one ``.tar`` file::

    manifest.json        what is inside: engine, time, the data fingerprint, the checksum of every member
    database.dump        PostgreSQL: ``pg_dump --format=custom`` (restored with ``pg_restore``)
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    media/<name>         every file of the default storage (originals, renditions, documents), read through
                         the storage: the local MEDIA_ROOT or the S3 bucket, whichever is configured

The database is dumped with the engine's own tools rather than ``dumpdata``/``loaddata``: they keep sequences,
constraints and the exact rows, and restore in one transaction. The *fingerprint* is, for every table of every
installed model, its row count and a SHA-256 of its rows in primary-key order; restore recomputes it and fails
when anything differs, so a restore that "worked" but lost pledges is reported as a failure.
"""

import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


# --- what the data is -------------------------------------------------------------------------------------------


def fingerprint(using="default"):
    """{"table": [rows, sha256 of its rows in primary-key order]} for the table of every installed model.

    Rows are read as the database returns them (raw SQL, each table on its own, many-to-many tables included),
    so the same data always gives the same checksum on the same engine.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or meta.db_table in result:
                continue
            columns = ", ".join(quote(field.column) for field in meta.local_concrete_fields)
            cursor.execute(f"SELECT {columns} FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}")
            digest = hashlib.sha256()
            count = 0
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    digest.update(repr(row).encode())
                count += len(rows)
            result[meta.db_table] = [count, digest.hexdigest()]
    return result


def media_files(storage=default_storage, folder=""):
    """Every file name in ``storage`` under ``folder``, sorted (works for the disk and for S3)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += media_files(storage, f"{folder}{sub}/")
    return sorted(names)


def media_checksums(storage=default_storage):
    checksums = {}
    for name in media_files(storage):
        digest = hashlib.sha256()
        with storage.open(name, "rb") as handle:
            for block in iter(lambda: handle.read(CHUNK), b""):
                digest.update(block)
        checksums[name] = digest.hexdigest()
    return checksums


# --- the database, per engine -----------------------------------------------------------------------------------


def pg_environment(settings_dict):
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def dump_database(connection, target):
    """Write the database of ``connection`` to ``target`` (a path); returns the archive member name."""
    if connection.vendor == "postgresql":
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
        run(command + ["--dbname", connection.settings_dict["NAME"]], pg_environment(connection.settings_dict))
        return "database.dump"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        with copy:
            connection.connection.backup(copy)
        copy.close()
        return "database.sqlite3"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def load_database(connection, source, member):
    """Replace the database of ``connection`` by the dump at ``source``."""
    expected = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}.get(connection.vendor)
    if member != expected:
        raise BackupError(
            f"This archive holds {member} but the site runs on {connection.vendor}: restore it on the same engine."
        )
    if connection.vendor == "postgresql":
        connection.close()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
        settings_dict = connection.settings_dict
        run([*command, "--dbname", settings_dict["NAME"], str(source)], pg_environment(settings_dict))
    else:
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        backup.backup(connection.connection)
        backup.close()
    connection.close()


def run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.returncode}")


# --- archives ---------------------------------------------------------------------------------------------------


def backup(folder, *, using="default", storage=default_storage, now=None):
    """Write a new archive into ``folder``; returns (its path, its manifest)."""
    connection = connections[using]
    now = now or datetime.datetime.now(datetime.UTC)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"sos-backup-{now:%Y%m%d-%H%M%S}.tar"
    partial = final.with_suffix(".tar.partial")
    with tempfile.TemporaryDirectory(prefix="sos-backup-") as work:
        dump_path = Path(work) / "database"
        member = dump_database(connection, dump_path)
        manifest = {
            "format": FORMAT_VERSION,
            "created": now.isoformat(timespec="seconds"),
            "engine": connection.vendor,
            "database": {"member": member, "sha256": sha256_file(dump_path)},
            "fingerprint": fingerprint(using),
            "media": {},
        }
        with tarfile.open(partial, "w") as archive:
            archive.add(dump_path, arcname=member)
            for name in media_files(storage):
                with storage.open(name, "rb") as handle:
                    data = handle.read()
                manifest["media"][name] = hashlib.sha256(data).hexdigest()
                info = tarfile.TarInfo(f"media/{name}")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            body = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    partial.rename(final)  # a cron job never leaves a half-written archive under the final name
    return final, manifest


def read_archive(path, work):
    """Unpack ``path`` into ``work`` after checking every member against the manifest; returns the manifest."""
    try:
        with tarfile.open(path, "r") as archive:
            archive.extractall(work, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from error
    try:
        manifest = json.loads((Path(work) / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} has no valid {MANIFEST}: it is not a backup made by backup_site.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    damaged = []
    database = manifest["database"]
    if sha256_file(Path(work) / database["member"]) != database["sha256"]:
        damaged.append(database["member"])
    for name, checksum in manifest["media"].items():
        member = Path(work) / "media" / name
        if not member.is_file() or sha256_file(member) != checksum:
            damaged.append(f"media/{name}")
    if damaged:
        raise BackupError(f"The archive is damaged, nothing was restored: {', '.join(damaged[:5])}")
    return manifest


def restore(path, *, using="default", storage=default_storage):
    """Replace the database and write every file of the archive ``path``; returns (manifest, differences).

    ``differences`` lists the tables and files that do not match the archive after the restore (empty: verified).
    Files in the storage that the archive does not hold are left alone.
    """
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="sos-restore-") as work:
        manifest = read_archive(path, work)
        load_database(connection, Path(work) / manifest["database"]["member"], manifest["database"]["member"])
        for name in manifest["media"]:
            if storage.exists(name):
                storage.delete(name)
            with open(Path(work) / "media" / name, "rb") as handle:
                saved = storage.save(name, ContentFile(handle.read()))
            if saved != name:
                raise BackupError(f"The storage saved {name} as {saved}.")
    differences = compare(manifest, fingerprint(using), media_checksums(storage))
    return manifest, differences


def compare(manifest, found_fingerprint, found_media):
    differences = []
    for label, expected in manifest["fingerprint"].items():
        found = found_fingerprint.get(label)
        if found != expected:
            rows = found[0] if found else "no table"
            differences.append(f"{label}: {expected[0]} rows in the archive, {rows} after restore")
    for name, checksum in manifest["media"].items():
        if found_media.get(name) != checksum:
            differences.append(f"media/{name}: {'different' if name in found_media else 'missing'}")
    return differences
