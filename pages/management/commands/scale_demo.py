from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from pages import search

COUNT_OPTIONS = ("reports", "programmes", "offices")


class Command(BaseCommand):
    help = (
        "Grow the demo site for load tests and query-budget checks: each installed app's `demo.scale(home, "
        "reports=N, programmes=N, offices=N)` adds that many generated items (DEVELOPERS.md, 'Scaling the "
        "demo'). Run load_demo_content first. Running it again with the same numbers adds nothing."
    )

    def add_arguments(self, parser):
        for name in COUNT_OPTIONS:
            parser.add_argument(f"--{name}", type=int, default=0, metavar="N", help=f"Extra {name} to create.")
        parser.add_argument(
            "--no-search-index",
            action="store_true",
            help="Do not rebuild the site search index afterwards (faster; search then misses the new pages).",
        )

    def handle(self, *args, no_search_index=False, **options):
        from pages.models import HomePage

        counts = {name: max(0, options[name] or 0) for name in COUNT_OPTIONS}
        home = HomePage.objects.first()
        if home is None:
            self.stderr.write("There is no home page yet: run `manage.py load_demo_content` first.")
            return
        without_scale = []
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            scale = getattr(module, "scale", None)
            if scale is None:
                without_scale.append(app_config.label)
                continue
            with transaction.atomic():
                result = scale(home, **counts)
            summary = f": {result}" if result else ""
            self.stdout.write(f"Scaled {app_config.verbose_name}{summary}")
        if without_scale:
            self.stdout.write(
                self.style.WARNING(f"No scale() in the demo module of: {', '.join(without_scale)} (nothing added).")
            )
        if not no_search_index:
            indexed = search.rebuild()
            self.stdout.write(f"{indexed} pages in the site search.")
        self.stdout.write(self.style.SUCCESS("Demo content scaled."))
