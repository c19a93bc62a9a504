from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from pages import search
from pages.demo import ensure_home_page


class Command(BaseCommand):
    help = (
        "Build the trilingual demo site from the organisation's real content. Each installed app with a "
        "`demo` module adds its section, in INSTALLED_APPS order. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has a home page (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        from pages.models import HomePage

        if if_empty and HomePage.objects.exists():
            self.stdout.write("The site already has content; demo content not loaded.")
            return
        with transaction.atomic():
            home = ensure_home_page()
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).build(home)
                self.stdout.write(f"Demo content ready: {app_config.verbose_name}")
        indexed = search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded; {indexed} pages in the site search."))
