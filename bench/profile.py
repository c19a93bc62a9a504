"""Profile uncached renderings of one page type with pyinstrument: `python bench/profile.py PATH [N]`.

Runs in this process with Django's test client against the database of DATABASE_URL (a site built as
`make bench` builds it), the page cache off; renders the page once to warm Wagtail's caches, then N times
(default 20) under the profiler, and prints the call tree and the SQL queries of one rendering.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def main(path, repeat=20):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from pyinstrument import Profiler

    client = Client(headers={"X-Forwarded-Proto": "https"})
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(path, secure=True)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(repeat):
                response = client.get(path, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
    sys.stdout.write(profiler.output_text(unicode=True, color=False, show_all=False))
    sys.stdout.write(f"\n{path}: status {response.status_code}, {len(queries)} queries\n")
    for number, query in enumerate(queries.captured_queries, 1):
        sys.stdout.write(f"{number:3} {query['sql'][:300]}\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
