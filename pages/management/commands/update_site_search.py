from django.core.management.base import BaseCommand

from pages import search


class Command(BaseCommand):
    help = "Rebuild the public site search index (one entry per live page and language)."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} pages in every language."))
