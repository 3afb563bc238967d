#!/usr/bin/env python3
"""Loads an `isnad export html` page in Chromium (offline, through Playwright), selects one
entity, and prints as JSON what a reader sees: the text drawn on the graph and the panel's text,
and with --search TEXT what the search field says once TEXT is typed into it.

Usage: read_html_text.py PAGE.html ENTITY_ID [--search TEXT] [--chromium PATH]
Prints {"drawn": [...], "panel": "...", "search": "...", "overflowing": [ids of entities whose label is
wider than its box]}; exits 1 on a page error.
"""
import json
import sys

from offline_page import offline_page


def main():
    page_path, entity = sys.argv[1], sys.argv[2]
    chromium = sys.argv[sys.argv.index("--chromium") + 1] if "--chromium" in sys.argv else "/usr/bin/chromium"
    with offline_page(page_path, chromium) as (page, errors):
        page.locator(f'[data-entity="{entity}"]').first.click()
        drawn = page.evaluate("() => [...document.querySelectorAll('svg text')].map(t => t.textContent)")
        # Entities whose label, as drawn, is wider than the box laid out for it.
        overflowing = page.evaluate("""() => [...document.querySelectorAll('.node')].filter(node =>
            node.querySelector('text').getBBox().width > node.querySelector('.shape').getBBox().width).map(node => node.dataset.entity)""")
        panel = page.locator("#panel").inner_text()
        search = ""
        if "--search" in sys.argv:
            page.locator("#search").fill(sys.argv[sys.argv.index("--search") + 1])
            search = page.locator("#search-result").inner_text()
    print(json.dumps({"drawn": drawn, "panel": panel, "search": search, "overflowing": overflowing}, ensure_ascii=False))
    for error in errors:
        print(f"page error: {error}", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
