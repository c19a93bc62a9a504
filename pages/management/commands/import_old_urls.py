import csv

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from pages.redirects import import_old_urls


class Command(BaseCommand):
    help = (
        "Import old URLs of the previous site as permanent redirects. The CSV has two columns, old path and "
        "new URL (a path on this site in any language such as /ky/biz-zhonundo/, or an absolute URL); a "
        "first row of headers is skipped when it does not start with '/'. Importing the same file twice "
        "updates the same redirects."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="Path of the CSV file (UTF-8).")
        parser.add_argument("--site", type=int, help="Site id (default: the default site).")

    def handle(self, *args, csv_file, site=None, **options):
        site_obj = Site.objects.filter(pk=site).first() if site else Site.objects.filter(is_default_site=True).first()
        if site_obj is None:
            raise CommandError("No such site.")
        try:
            with open(csv_file, encoding="utf-8-sig", newline="") as handle:
                rows = [row[:2] for row in csv.reader(handle) if len(row) >= 2]
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {csv_file}: {error}") from error
        if rows and not rows[0][0].startswith("/"):
            rows = rows[1:]
        created, problems = import_old_urls(rows, site_obj)
        for number, old, reason in problems:
            self.stderr.write(f"Row {number} ({old}): {reason}")
        self.stdout.write(self.style.SUCCESS(f"{created} redirects imported, {len(problems)} rows skipped."))
