"""Headless Chromium for the tests: where it is, how it is started, and pages opened with the network cut off."""

from __future__ import annotations

import os
import shutil

import pytest

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def chromium_path() -> str:
    """The system's Chromium; skip without it, except under CI (KH330_REQUIRE_BROWSER=1), where it fails."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
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
