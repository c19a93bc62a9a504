"""backup_site / restore_site: what an archive holds and how a bad one is refused (the full round trip on a real
database is scripts/restore-drill, run by CI)."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from pages import backup

pytestmark = pytest.mark.django_db

FAKE_DUMP = b"a database dump"


@pytest.fixture
def fake_dump(monkeypatch):
    """The engine's dump replaced by a few bytes (the real pg_dump / SQLite copy run in the restore drill)."""

    def dump(connection, target):
        target.write_bytes(FAKE_DUMP)
        return "database.sqlite3" if connection.vendor == "sqlite" else "database.dump"

    monkeypatch.setattr(backup, "dump_database", dump)


@pytest.fixture
def no_restore(monkeypatch):
    def refuse(*args):
        raise AssertionError("the database must not be touched")

    monkeypatch.setattr(backup, "load_database", refuse)


@pytest.fixture
def archive(fake_dump, tmp_path, settings):
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 report")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    path, _ = backup.backup(tmp_path / "backups")
    return path


def members(path):
    with tarfile.open(path) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def rewrite(path, name, data):
    content = members(path)
    content[name] = data
    with tarfile.open(path, "w") as tar:
        for member, body in content.items():
            info = tarfile.TarInfo(member)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))


def test_an_archive_holds_the_dump_every_media_file_and_their_checksums(archive):
    content = members(archive)
    manifest = json.loads(content["manifest.json"])
    assert manifest["media"] == {"documents/report.pdf": hashlib.sha256(b"%PDF-1.4 report").hexdigest()}
    assert content["media/documents/report.pdf"] == b"%PDF-1.4 report"
    assert content[manifest["database"]["member"]] == FAKE_DUMP
    assert manifest["database"]["sha256"] == hashlib.sha256(FAKE_DUMP).hexdigest()


def test_the_manifest_fingerprints_every_table_with_its_row_count(archive):
    from donations.models import DonatePage
    from pages.models import SiteImage

    fingerprint = json.loads(members(archive)["manifest.json"])["fingerprint"]
    assert fingerprint["pages_siteimage"][0] == SiteImage.objects.count()
    assert fingerprint["donations_donatepage"][0] == DonatePage.objects.count() == 1
    tables = {"donations_pledge", "safeguarding_concernreport", "wagtailcore_page", "auth_user_groups"}
    assert tables <= set(fingerprint)


def test_backup_site_names_the_archive_and_what_it_holds(fake_dump, tmp_path, capsys):
    call_command("backup_site", str(tmp_path))
    out = capsys.readouterr().out
    assert out.startswith(f"Backup written: {tmp_path}/sos-backup-")
    assert "0 pledges" in out and "0 concern reports" in out and "media files" in out
    assert not list(tmp_path.glob("*.partial"))


def test_a_damaged_media_file_is_refused_before_anything_is_restored(archive, no_restore):
    rewrite(archive, "media/documents/report.pdf", b"%PDF-1.4 changed")
    with pytest.raises(CommandError, match="damaged, nothing was restored: media/documents/report.pdf"):
        call_command("restore_site", str(archive), "--noinput")


def test_a_damaged_dump_is_refused_before_anything_is_restored(archive, no_restore):
    member = json.loads(members(archive)["manifest.json"])["database"]["member"]
    rewrite(archive, member, b"truncated")
    with pytest.raises(CommandError, match=f"damaged, nothing was restored: {member}"):
        call_command("restore_site", str(archive), "--noinput")


def test_a_file_that_is_not_an_archive_gets_a_clear_error(tmp_path, no_restore):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(CommandError, match="is not a readable backup archive"):
        call_command("restore_site", str(path), "--noinput")


def test_an_archive_of_another_engine_is_refused(archive, monkeypatch):
    """An SQLite archive on PostgreSQL (or the reverse) would need dumpdata; it is refused with the reason."""
    manifest = json.loads(members(archive)["manifest.json"])
    own = manifest["database"]["member"]
    other = "database.dump" if own == "database.sqlite3" else "database.sqlite3"
    rewrite(archive, other, members(archive)[own])
    manifest["database"]["member"] = other
    rewrite(archive, "manifest.json", json.dumps(manifest).encode())
    with pytest.raises(CommandError, match="restore it on the same engine"):
        call_command("restore_site", str(archive), "--noinput")


def test_restore_asks_first_and_stops_without_a_yes(archive, no_restore, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore_site", str(archive))


def test_media_on_s3_is_backed_up_and_restored_through_the_bucket(fake_dump, s3_bucket, tmp_path, monkeypatch):
    import factory
    import wagtail_factories

    doc = wagtail_factories.DocumentFactory(file=factory.django.FileField(filename="minutes.pdf", data=b"%PDF-1.4 m"))
    path, manifest = backup.backup(tmp_path)
    assert list(manifest["media"]) == [doc.file.name]
    s3_bucket.client.delete_object(Bucket=s3_bucket.name, Key=doc.file.name)
    monkeypatch.setattr(backup, "load_database", lambda *args: None)  # the database part is the drill's
    _, differences = backup.restore(path)
    assert differences == []
    assert s3_bucket.read(doc.file.name) == b"%PDF-1.4 m"
