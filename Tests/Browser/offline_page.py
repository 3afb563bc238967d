"""An `isnad export html` page opened in Chromium through Playwright, offline: every request but
the page itself refused, errors the page logs collected. Shared by the checks in this folder.
"""
from contextlib import contextmanager

from playwright.sync_api import sync_playwright


@contextmanager
def offline_page(page_path, chromium="/usr/bin/chromium"):
    """Yields (page, errors) once the page has loaded and `window.isnad` is defined."""
    errors = []
    url = "file://" + page_path
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        context = browser.new_context(offline=True)
        context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        page.wait_for_function("window.isnad !== undefined")
        try:
            yield page, errors
        finally:
            browser.close()
