import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from donations.models import BankCSVFormat, BankStatement
from donations.reconciliation import StatementError, import_statement


class ProgressBar:
    """A one-line progress bar on stderr (only when it is a terminal, or when asked)."""

    def __init__(self, stream, total_hint, enabled):
        self.stream, self.total, self.enabled = stream, max(total_hint, 1), enabled

    def __call__(self, done):
        if not self.enabled:
            return
        share = min(done / self.total, 1)
        filled = int(share * 30)
        self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done} lines read")
        self.stream.flush()

    def finish(self, done):
        if self.enabled:
            self.total = max(done, 1)
            self(done)
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Import a bank statement (CSV in a bank's configured format, or ISO 20022 camt.053 XML), match its "
        "lines to pledges and record the payments. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The statement file.")
        parser.add_argument(
            "--format",
            choices=["csv", "camt053"],
            help="File format; guessed from the extension (.xml → camt053, otherwise csv) when omitted.",
        )
        parser.add_argument(
            "--bank", help="Name of the bank's CSV format (Donations → Bank CSV formats); needed for CSV."
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would match; write nothing.")
        parser.add_argument("--progress", action="store_true", help="Show the progress bar even when not a terminal.")

    def handle(self, *args, file, format, bank, dry_run, progress, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        file_format = format or ("camt053" if path.suffix.lower() == ".xml" else "csv")
        csv_format = None
        if file_format == BankStatement.Format.CSV:
            if not bank:
                names = ", ".join(BankCSVFormat.objects.values_list("name", flat=True)) or "none configured"
                raise CommandError(f"A CSV statement needs --bank (one of: {names}).")
            csv_format = BankCSVFormat.objects.filter(name__iexact=bank).first()
            if csv_format is None:
                raise CommandError(f"No bank CSV format named “{bank}”.")
        expected = data.count(b"Ntry>") // 2 if file_format == BankStatement.Format.CAMT053 else data.count(b"\n") - 1
        bar = ProgressBar(self.stderr, expected, progress or sys.stderr.isatty())
        started = time.perf_counter()
        try:
            result = import_statement(
                data,
                file_name=path.name,
                file_format=file_format,
                csv_format=csv_format,
                dry_run=dry_run,
                progress=bar,
                bank=bank or "",
            )
        except StatementError as error:
            raise CommandError(f"{path.name} was not imported: {error}") from error
        bar.finish(result.lines_in_file)
        seconds = time.perf_counter() - started
        prefix = "Dry run, nothing written: would import" if dry_run else "Imported"
        self.stdout.write(
            f"{prefix} {result.new_lines} new line(s) of {result.lines_in_file} in {seconds:.1f} s: "
            f"{result.matched} matched, {result.unmatched} unmatched, {result.refunds} refund(s)/debit(s), "
            f"{result.duplicates} already imported."
        )
        if dry_run and options["verbosity"] > 1:
            for match in result.matches:
                target = match.pledge.reference if match.pledge else "-"
                self.stdout.write(
                    f"  line {match.line.source_line}: {match.line.amount} {match.line.currency} "
                    f"{match.line.payer} → {target} {match.matched_by}"
                )
