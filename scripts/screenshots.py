"""Save PNG screenshots of site pages on a phone and a desktop viewport.

Usage: python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out screenshots] PATH [PATH ...]
Drives Debian's Chromium through Playwright (see DEVELOPERS.md for the flags).
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}


def file_name(path, viewport):
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", path).strip("-") or "root"
    return f"{slug}--{viewport}.png"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--viewport", choices=sorted(VIEWPORTS), action="append")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for viewport in args.viewport or sorted(VIEWPORTS):
            context = browser.new_context(viewport=VIEWPORTS[viewport])
            page = context.new_page()
            for path in args.paths:
                page.goto(args.base + path, wait_until="networkidle")
                target = out / file_name(path, viewport)
                page.screenshot(path=str(target), full_page=args.full_page)
                print(target)  # noqa: T201
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
