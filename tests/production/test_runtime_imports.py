"""The running site never imports demo-only code (the demo/ package and the sections' demo.py modules)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROBE = """
import importlib, sys
import django
django.setup()
import sos_site.wsgi
from django.apps import apps
from django.conf import settings
from django.template import engines
from django.urls import get_resolver

get_resolver().url_patterns
engines["django"].engine.template_libraries
for app in apps.get_app_configs():
    if "site-packages" in app.path or not app.path.startswith(str(settings.BASE_DIR)):  # our apps only
        continue
    for module in ("models", "views", "wagtail_hooks", "signal_handlers", "services", "admin_views", "blocks"):
        name = f"{app.name}.{module}"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
print(" ".join(sorted(m for m in sys.modules if m == "demo" or m.startswith("demo.") or m.endswith(".demo"))))
"""


def test_loading_the_site_imports_no_demo_code():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "sos_site.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_pdf_fonts_with_kyrgyz_letters_ship_with_the_site():
    from pages import pdf_fonts

    assert pdf_fonts.REGULAR.is_file()
    assert pdf_fonts.BOLD.is_file()
    assert not (Path(settings.BASE_DIR) / "advocacy" / "fonts").exists()
