#!/usr/bin/env python3
"""Loads an `isnad export html` page in Chromium (offline, through Playwright), selects one
entity, and prints as JSON what a reader sees: the text drawn on the graph and the panel's text,
and with --search TEXT what the search field says once TEXT is typed into it.

Usage: read_html_text.py PAGE.html ENTITY_ID [--search TEXT] [--chromium PATH]
Prints {"drawn": [...], "panel": "...", "search": "...", "overflowing": [ids of entities whose label is
wider than its box], "backwards": [texts holding an escape drawn right to left]}; exits 1 on a page error.
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
        # Escapes (`\u{202E}`) in the panel and on the graph whose backslash is drawn to the right of
        # their closing brace: turned round by the bidi algorithm inside right-to-left text.
        backwards = page.evaluate(r"""() => {
            const found = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const match of node.data.matchAll(/\\u\{[0-9A-F]+\}/g)) {
                    const at = (offset) => { const range = document.createRange(); range.setStart(node, offset);
                        range.setEnd(node, offset + 1); return range.getBoundingClientRect(); };
                    const [open, close] = [at(match.index), at(match.index + match[0].length - 1)];
                    if (open.width > 0 && close.width > 0 && open.left > close.left) found.push(node.data);
                }
            }
            return found; }""")
        search = ""
        if "--search" in sys.argv:
            page.locator("#search").fill(sys.argv[sys.argv.index("--search") + 1])
            search = page.locator("#search-result").inner_text()
    print(json.dumps({"drawn": drawn, "panel": panel, "search": search, "overflowing": overflowing, "backwards": backwards},
                     ensure_ascii=False))
    for error in errors:
        print(f"page error: {error}", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
