#!/usr/bin/env python3
"""Loads an `isnad export html` page in Chromium (offline, through Playwright) and prints as JSON
what a reader is given to trace a claim to its sources: the panel of ENTITY (its description
labelled), then the panel of the claim CLAIM's edge, with every link in it, and the page's
Content-Security-Policy. Clicks each link the panel does not make (a url written as text), to
show that nothing runs.

Usage: check_html_sources.py PAGE.html ENTITY_ID CLAIM_ID [--chromium PATH]
Prints {"entity": "...", "edge": "...", "links": [{"href", "text", "rel", "target"}],
"csp": "...", "dialogs": [...]}; exits 1 on a page error.
"""
import json
import sys

from offline_page import offline_page


def main():
    page_path, entity, claim = sys.argv[1], sys.argv[2], sys.argv[3]
    chromium = sys.argv[sys.argv.index("--chromium") + 1] if "--chromium" in sys.argv else "/usr/bin/chromium"
    dialogs = []
    with offline_page(page_path, chromium) as (page, errors):
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.locator(f'[data-entity="{entity}"]').first.dispatch_event("click")
        entity_text = page.locator("#details").inner_text()
        page.locator(f'[data-claim="{claim}"]').first.dispatch_event("click")
        edge_text = page.locator("#details").inner_text()
        links = page.evaluate("""() => [...document.querySelectorAll('#details a')].map(a =>
            ({href: a.getAttribute('href'), text: a.textContent, rel: a.getAttribute('rel'), target: a.getAttribute('target')}))""")
        # Every url written as text, clicked: a `javascript:` one must stay text.
        for reference in page.locator("#details .source-reference bdi").all():
            reference.click()
        page.wait_for_timeout(100)
        csp = page.evaluate("""() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content""")
    print(json.dumps({"entity": entity_text, "edge": edge_text, "links": links, "csp": csp, "dialogs": dialogs},
                     ensure_ascii=False))
    for error in errors:
        print(f"page error: {error}", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
