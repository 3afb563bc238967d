#!/usr/bin/env python3
"""Loads an `isnad export html` page in Chromium (offline, through Playwright) and checks that,
under each filter, every claim the page draws is weighed as the command line weighs it under
the same filter: status, best grade, independent channels, common link and the number of sources
that support it; and that each claim's line is drawn at the width of its channels, as the DOT
export draws it (DOTWriter.penWidth: 0.6, 1.8, 3.2 for one, two, three or more), at least 1.

Usage: check_html_weights.py PAGE.html EXPECTED.json [--chromium PATH]

EXPECTED.json, written by Tests/CLITests/HTMLViewTests.swift from `isnad claims --format csv`:
  [{"filter": {} | {"knownBy": "2019"} | {"minReliability": "A"} | {"minCredibility": "2"},
    "claims": {"ID": [status, best grade, channels, common link source or "", sources supporting], ...}}, ...]
Prints one line per difference and exits 1 if any; exits 0 when the page agrees.
"""
import json
import sys

from offline_page import offline_page

CONTROLS = {"knownBy": "#known-by", "minReliability": "#min-reliability", "minCredibility": "#min-credibility"}


def set_filter(page, name, value):
    control = page.locator(CONTROLS[name])
    if name == "knownBy":
        control.fill(value)
    else:
        control.select_option(value)


def width_of(channels):
    """DOTWriter.penWidth: one channel (or none) thin, two plain, three or more heavy."""
    return 0.6 if channels <= 1 else 1.8 if channels == 2 else 3.2


def main():
    page_path, expected_path = sys.argv[1], sys.argv[2]
    chromium = sys.argv[sys.argv.index("--chromium") + 1] if "--chromium" in sys.argv else "/usr/bin/chromium"
    cases = json.load(open(expected_path, encoding="utf-8"))
    failures = []
    wide = set()
    with offline_page(page_path, chromium) as (page, errors):
        for case in cases:
            for name, value in case["filter"].items():
                set_filter(page, name, value)
            shown = page.evaluate(
                "() => window.isnad.visible().map(i => [i.claim.id, i.status, i.best, i.channels, i.commonLink, i.sources.length])")
            got = {row[0]: [row[1], row[2], row[3], (row[4] or "").split(" (")[0], row[5]] for row in shown}
            for claim in sorted(set(got) | set(case["claims"])):
                if got.get(claim) != case["claims"].get(claim):
                    failures.append(f"{case['filter']}: {claim}: the page {got.get(claim)}, the command line {case['claims'].get(claim)}")
            widths = page.evaluate(
                "() => Object.fromEntries([...document.querySelectorAll('.edge[data-claim]')].map(e => [e.dataset.claim, e.querySelector('.line').getAttribute('stroke-width')]))")
            for claim, row in case["claims"].items():
                expected = max(1.0, width_of(row[2]))
                if claim in widths and float(widths[claim]) != expected:
                    failures.append(f"{case['filter']}: {claim} ({row[2]} channels) drawn {widths[claim]} wide, not {expected}")
            wide.update(claim for claim, row in case["claims"].items() if row[2] >= 2)
            for name in case["filter"]:
                set_filter(page, name, "")
        if not wide:
            failures.append("no claim rests on two channels or more: the widths are not checked")
    for line in failures + [f"page error: {error}" for error in errors]:
        print(line)
    sys.exit(1 if failures or errors else 0)


if __name__ == "__main__":
    main()
