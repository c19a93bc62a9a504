"""``manage.py import_bank_statement``: the same import as the admin's, from a file on disk."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from donations.models import BankStatement, Payment, Pledge, StatementLine
from tests.donations.factories import PledgeFactory
from tests.donations.statements import BankCSVFormatFactory, camt053_bytes, csv_bytes, row

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command("import_bank_statement", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_csv_file_is_imported_and_the_pledge_received(tmp_path):
    pledge = PledgeFactory(amount=Decimal("1000.00"))
    path = tmp_path / "demir-2026-11.csv"
    path.write_bytes(
        csv_bytes([row("1000.00", purpose=f"Пожертвование {pledge.reference}"), row("10.00")], BankCSVFormatFactory())
    )
    out, _err = run(str(path), "--bank", "demir bank")
    assert "Imported 2 new line(s) of 2" in out and "1 matched, 1 unmatched" in out
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.RECEIVED
    assert BankStatement.objects.get().file_name == "demir-2026-11.csv"


def test_xml_file_is_read_as_camt053(tmp_path):
    pledge = PledgeFactory()
    path = tmp_path / "statement.xml"
    path.write_bytes(camt053_bytes([row("1000.00", purpose=pledge.reference)]))
    out, _err = run(str(path))
    assert "1 matched" in out
    assert Payment.objects.get().pledge == pledge


def test_second_run_of_the_same_file_changes_nothing(tmp_path):
    pledge = PledgeFactory()
    path = tmp_path / "statement.xml"
    path.write_bytes(camt053_bytes([row("1000.00", purpose=pledge.reference)]))
    run(str(path))
    out, _err = run(str(path))
    assert "Imported 0 new line(s) of 1" in out and "1 already imported" in out
    assert (BankStatement.objects.count(), StatementLine.objects.count(), Payment.objects.count()) == (1, 1, 1)


def test_dry_run_reports_what_would_match_and_writes_nothing(tmp_path):
    pledge = PledgeFactory()
    path = tmp_path / "statement.xml"
    path.write_bytes(camt053_bytes([row("1000.00", purpose=pledge.reference), row("3.00")]))
    out, _err = run(str(path), "--dry-run", verbosity=2)
    assert "Dry run, nothing written: would import 2 new line(s)" in out
    assert f"→ {pledge.reference} reference" in out
    assert not BankStatement.objects.exists() and not StatementLine.objects.exists() and not Payment.objects.exists()


def test_malformed_file_fails_naming_the_line_and_imports_nothing(tmp_path):
    path = tmp_path / "statement.csv"
    data = csv_bytes([row("1000.00"), row("5.00")], BankCSVFormatFactory()).replace(b"5,00", b"five")
    path.write_bytes(data)
    with pytest.raises(CommandError, match="statement.csv was not imported: Строка 3: «five»"):
        run(str(path), "--bank", "Demir Bank")
    assert not StatementLine.objects.exists()


def test_csv_without_bank_is_refused_listing_the_formats(tmp_path):
    BankCSVFormatFactory()
    path = tmp_path / "statement.csv"
    path.write_bytes(b"x")
    with pytest.raises(CommandError, match="needs --bank .*Demir Bank"):
        run(str(path))


def test_progress_bar_is_drawn_when_asked(tmp_path):
    path = tmp_path / "statement.xml"
    path.write_bytes(camt053_bytes([row("1.00") for _n in range(3)]))
    _out, err = run(str(path), "--progress")
    assert "[##############################] 3 lines read" in err


def test_ten_thousand_line_file_completes(tmp_path):
    pledges = PledgeFactory.create_batch(50)
    rows = [row("1000.00", purpose=pledges[n % 50].reference if n % 3 == 0 else f"Misc {n}") for n in range(10_000)]
    path = tmp_path / "big.xml"
    path.write_bytes(camt053_bytes(rows))
    out, _err = run(str(path))
    assert "Imported 10000 new line(s) of 10000" in out and "3334 matched" in out
