#!/usr/bin/env python3
"""Takes the README's screenshot of an `isnad export html` page: Chromium through Playwright,
offline (every request but the page refused), 1600×1000, the entity ENTITY selected so the
panel shows its claims and quotes, zoomed in on it.

Usage: screenshot_html_view.py PAGE.html OUTPUT.png [--entity hamas] [--chromium PATH]
Exits 1 if the page makes a request or logs an error.
"""
import sys

from playwright.sync_api import sync_playwright


def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    page_path, output = sys.argv[1], sys.argv[2]
    entity = option("--entity", "hamas")
    url = "file://" + page_path
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=option("--chromium", "/usr/bin/chromium"))
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, offline=True)

        def route(request_route):
            if request_route.request.url == url:
                request_route.continue_()
            else:
                problems.append("request: " + request_route.request.url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(url)
        page.wait_for_function("window.isnad !== undefined")
        node = page.locator(f'[data-entity="{entity}"]')
        node.click()
        # Zoom in twice around the entity, so that names read at the screenshot's size.
        box = node.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        for _ in range(4):
            page.mouse.wheel(0, -100)
        page.mouse.move(5, 5)
        page.wait_for_timeout(200)
        page.screenshot(path=output)
        browser.close()
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
