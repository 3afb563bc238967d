#!/usr/bin/env python3
"""Loads an `isnad export html` page in Chromium (through Playwright, offline) and checks the
heads of its lines, zoomed in past the overview, where the lines end on the shapes:

- a claim whose predicate is symmetric is drawn without direction: no arrowhead, and a bar at
  each end only when it is disputed (as the DOT export draws it);
- a directed claim has one head, at its object's end (an arrow, or a bar when disputed), on the
  edge of the object's shape;
- no line ends under another line's head: two lines that leave an entity the same way, from
  different neighbours, met at one point, and the arrowhead of the one seemed to end the other
  (a symmetric line looked directed);
- in "one edge per pair", a pair of symmetric claims has no arrowhead either.

Usage: check_html_heads.py PAGE.html SYMMETRIC SCREENSHOT.png [--chromium PATH]
SYMMETRIC: the ids of the symmetric predicates, comma-separated (from Schemas/predicates.json).
Prints one line per failure and exits 1 if any; exits 0 when all pass.
"""
import sys

from playwright.sync_api import sync_playwright

# Each head is 9 of the layout's units wide (view.js, drawMarkers); a line's end nearer a head's
# tip than this is under it. (view.js keeps 10; the path's coordinates are rounded to 0.1.)
CLEARANCE = 9.5

LINES = """() => [...document.querySelectorAll('.edge[data-claim] .line')].map((path) => {
    const id = path.parentNode.dataset.claim;
    const item = window.isnad.visible().find((candidate) => candidate.claim.id === id);
    const numbers = path.getAttribute('d').match(/-?[0-9.]+/g).map(Number);
    const shapeOf = (entity) => document.querySelector(`[data-entity="${CSS.escape(entity)}"] > :not(.dot):not(text)`);
    // The path's end, and points just past it and just before it along the curve's last tangent.
    const [cx, cy, tx, ty] = numbers.slice(-4);
    const length = Math.hypot(tx - cx, ty - cy) || 1;
    const along = (distance) => new DOMPoint(tx + ((tx - cx) / length) * distance, ty + ((ty - cy) / length) * distance);
    const shape = shapeOf(item.claim.object);
    return {
        claim: id, predicate: item.claim.predicate, status: item.status, subject: item.claim.subject,
        object: item.claim.object, isLoop: numbers.length !== 6,
        start: path.getAttribute('marker-start'), end: path.getAttribute('marker-end'),
        a: numbers.slice(0, 2), b: [tx, ty],
        tipOnEdge: shape.isPointInFill(along(1.5)) && !shape.isPointInFill(along(-1.5)),
    };
})"""


def main():
    page_path, symmetric, screenshot = sys.argv[1], set(sys.argv[2].split(",")), sys.argv[3]
    chromium = sys.argv[sys.argv.index("--chromium") + 1] if "--chromium" in sys.argv else "/usr/bin/chromium"
    url = "file://" + page_path
    failures = []

    def check(condition, message):
        if not condition:
            failures.append(message)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, offline=True)
        context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        page.wait_for_function("window.isnad !== undefined")
        page.locator("#canvas").focus()
        for _ in range(12):
            if not page.evaluate("() => document.getElementById('graph').classList.contains('overview')"):
                break
            page.keyboard.press("+")
        check(not page.evaluate("() => document.getElementById('graph').classList.contains('overview')"),
              "still the overview, zoomed in")

        lines = page.evaluate(LINES)
        check(len(lines) > 0, "no line drawn")
        heads = {}  # entity -> the tips of the heads at its edge
        for line in lines:
            name = f"{line['claim']} ({line['predicate']}, {line['status']})"
            disputed = line["status"] == "disputed"
            if line["predicate"] in symmetric:
                wanted = ("tee", "tee") if disputed else (None, None)
            else:
                wanted = (None, "tee" if disputed else "arrow")
            got = tuple(None if marker is None else marker.split("#")[1].split("-")[0] for marker in (line["start"], line["end"]))
            check(got == wanted, f"{name}: heads (start, end) {got}, expected {wanted}")
            if line["isLoop"]:
                continue
            if line["predicate"] not in symmetric:
                check(line["tipOnEdge"], f"{name}: its head is not on the edge of {line['object']}")
            if got[0]:
                heads.setdefault(line["subject"], []).append((line["claim"], line["a"]))
            if got[1]:
                heads.setdefault(line["object"], []).append((line["claim"], line["b"]))
        for line in lines:
            if line["isLoop"]:
                continue
            ends = [(line["subject"], line["a"], line["start"]), (line["object"], line["b"], line["end"])]
            for entity, point, marker in ends:
                if marker:
                    continue
                for claim, tip in heads.get(entity, []):
                    gap = ((point[0] - tip[0]) ** 2 + (point[1] - tip[1]) ** 2) ** 0.5
                    check(gap >= CLEARANCE,
                          f"{line['claim']} ({line['predicate']}) ends at {entity} {gap:.1f} from the head of {claim}: under it")
        page.screenshot(path=screenshot)

        # One edge per pair: the symmetric claims' pair (keyed from—to) has no arrowhead.
        page.get_by_label("one edge per pair").check()
        pairs = page.evaluate("""() => [...document.querySelectorAll('.edge[data-pair] .line')].map((path) =>
            [path.parentNode.dataset.pair, path.getAttribute('marker-start'), path.getAttribute('marker-end')])""")
        for key, start, end in pairs:
            if "—" in key:
                check("arrow" not in f"{start}{end}", f"the symmetric pair {key} has an arrowhead")
            else:
                check(end is not None and start is None, f"the directed pair {key}: heads {start}, {end}")
        check(errors == [], f"errors: {errors}")
        browser.close()
    for failure in failures:
        print(failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
