from django.core.management.base import BaseCommand, CommandError

from pages import translation_status


class Command(BaseCommand):
    help = (
        "Print how complete the translations are per language and list every page, snippet or setting "
        "with missing or stale fields. With --fail-under PERCENT, exit 1 when a language is below it. "
        "The report reads states stored on every save; --rebuild recomputes them all first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=translation_status.languages(), help="Only this language.")
        parser.add_argument("--section", help="Only this section (a top-level page title, or a snippet type).")
        parser.add_argument("--rebuild", action="store_true", help="Recompute every stored state first.")
        parser.add_argument(
            "--fail-under", type=float, metavar="PERCENT", help="Exit with status 1 if a language is below PERCENT."
        )

    def handle(self, *args, language=None, section=None, fail_under=None, rebuild=False, **options):
        if fail_under is not None and not 0 <= fail_under <= 100:
            raise CommandError("--fail-under takes a percentage from 0 to 100.")
        if rebuild:
            self.stdout.write(f"Rebuilt the translation state of {translation_status.rebuild()} objects.")
        report = translation_status.build_report(section=section, language=language)
        codes = [language] if language else translation_status.languages()
        self.stdout.write("Language  Complete  Fields expected  Objects with gaps")
        counts = report.counts()
        for code in codes:
            self.stdout.write(
                f"{code:<9} {report.percent(code):7.1f}%  {report.expected.get(code, 0):>15}  {counts[code]:>17}"
            )
        for gap in report.gaps:
            parts = []
            if gap.missing:
                parts.append("missing: " + ", ".join(gap.missing))
            if gap.stale:
                parts.append("stale: " + ", ".join(gap.stale))
            self.stdout.write(f"[{gap.language}] {gap.section} › {gap.label} — {'; '.join(parts)}  {gap.edit_url}")
        if fail_under is not None:
            below = [code for code in codes if report.percent(code) < fail_under]
            if below:
                raise CommandError(f"Translations below {fail_under:g}%: {', '.join(below)}", returncode=1)
