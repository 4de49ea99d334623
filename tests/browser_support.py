"""Headless Chromium for the tests: where it is, how it is started, and pages opened with the network cut off."""

from __future__ import annotations

import os

import pytest

from kh330lib.run.printing import ARGS as BROWSER_ARGS
from kh330lib.run.printing import LOCAL_SCHEMES, find_chromium

# The browser and switches `kh330 run --pdf` uses, so the tests see the pages as the PDFs are made.
ARGS = list(BROWSER_ARGS)
__all__ = ["ARGS", "LOCAL_SCHEMES", "chromium_path", "offline_page"]


def chromium_path() -> str:
    """The system's Chromium; skip without it, except under CI (KH330_REQUIRE_BROWSER=1), where it fails."""
    found = find_chromium()
    if found:
        return found
    reason = "Chromium not found (Debian: apt-get install chromium); the browser test needs it"
    if os.environ.get("KH330_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " and KH330_REQUIRE_BROWSER=1")
    pytest.skip(reason)


def offline_page(browser, width: int = 1280, height: int = 900, blocked: list[str] | None = None):
    """(context, page) whose requests outside file:// and data: are refused (and listed in `blocked`)."""
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")

    def route(r):
        if r.request.url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            if blocked is not None:
                blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return context, context.new_page()
