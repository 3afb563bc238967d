#!/usr/bin/env python3
"""Loads an `isnad export html` page in Chromium (through Playwright, with every request
other than the page itself refused) and checks what a reader would do with it.

Usage: check_html_view.py PAGE.html EXPECTED.json SCREENSHOT_DIR [--chromium PATH]

EXPECTED.json, written by Tests/CLITests/HTMLViewTests.swift from the same store:
  {"entities": N, "claims": N, "asOf": {"2016": N, ...}, "knownBy": {"2017": N},
   "minReliability": {"C": N}, "minCredibility": {"3": N}, "statuses": {"asserted,disputed": N},
   "names": [[text, NameKey.normalize(text), NameKey.fold(text)], ...],
   "dates": [[text, firstDay or null, lastDay or null], ...],
   "quotes": [quote of each claim of the entity clicked], "entity": "hamas", "search": "حماس",
   "consonants": [[name, NameKey.consonants of its fold, NameKey.consonantKeys(ofTyped:) of it]], "otherScript": [a spelling, the entity it finds],
   "transcriptions": [[name, NameKey.transcriptionKey of its fold]], "closeSpellings": [[a spelling, the ids `isnad search` finds]],
   "contained": [[text, the ids of the entities a name of which holds it folded, the ids `isnad search` finds or null under 3 letters]],
   "show": {"headings": [each group's heading, as `isnad show ENTITY` prints it], "claims": [claim ids, in its order]}}
Prints one line per failure and exits 1 if any; exits 0 when all pass.
"""
import json
import re
import struct
import sys
import zlib

from playwright.sync_api import sync_playwright


def png_pixels(data):
    """Width, height and the rows of an 8-bit RGB or RGBA PNG without interlace (what
    Chromium writes for screenshots)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, chunks, header = 8, [], None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unsupported PNG {header}"
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    rows, previous, position = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            a = line[i - size] if i >= size else 0
            b = previous[i]
            c = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        previous = line
    return width, height, size, rows


def luminance_variance(data):
    width, height, size, rows = png_pixels(data)
    values = []
    for row in rows[::7]:
        for x in range(0, width * size, size * 7):
            values.append(0.299 * row[x] + 0.587 * row[x + 1] + 0.114 * row[x + 2])
    mean = sum(values) / len(values)
    return width, height, sum((v - mean) ** 2 for v in values) / len(values)


def main():
    page_path, expected_path, shots = sys.argv[1], sys.argv[2], sys.argv[3]
    chromium = sys.argv[sys.argv.index("--chromium") + 1] if "--chromium" in sys.argv else "/usr/bin/chromium"
    expected = json.load(open(expected_path, encoding="utf-8"))
    failures = []

    def check(condition, message):
        if not condition:
            failures.append(message)

    url = "file://" + page_path
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, offline=True)
        refused, requests, errors = [], [], []

        def route(request_route):
            if request_route.request.url == url:
                request_route.continue_()
            else:
                refused.append(request_route.request.url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        page.wait_for_function("window.isnad !== undefined")

        # Every entity and claim of the store is drawn.
        check(page.locator("[data-entity]").count() == expected["entities"],
              f"entities drawn: {page.locator('[data-entity]').count()}, expected {expected['entities']}")
        check(page.locator("[data-claim]").count() == expected["claims"],
              f"claims drawn: {page.locator('[data-claim]').count()}, expected {expected['claims']}")
        # The same in "one edge per pair": fewer lines, every claim still there.
        page.get_by_label("one edge per pair").check()
        check(page.locator("[data-claim]").count() == expected["claims"], "pairs: not every claim drawn")
        check(page.locator("[data-pair]").count() < expected["claims"], "pairs: not fewer edges than claims")
        # As export dot --pairs folds them: the symmetric claims between two entities make an edge of
        # their own, never drawn as (or with the arrow of) a directed claim's.
        if "pairs" in expected:
            check(page.locator("[data-pair]").count() == expected["pairs"],
                  f"pair edges drawn: {page.locator('[data-pair]').count()}, export dot --pairs draws {expected['pairs']}")
        # The panel of a pair shows the claims the filters leave now, not those of the click.
        busiest = page.evaluate("""() => [...document.querySelectorAll('[data-pair]')].map((edge) => edge.dataset.pair)
            .sort((a, b) => window.isnad.visible().filter((i) => window.isnad.pairOf(i).key === b).length
                - window.isnad.visible().filter((i) => window.isnad.pairOf(i).key === a).length)[0]""")
        page.locator(f'[data-pair="{busiest}"]').first.dispatch_event("click")
        listed = page.locator("#details [data-claim-ref]").count()
        check(listed > 1, f"the pair {busiest} lists {listed} claims")
        page.locator('#statuses input[value="alleged"]').set_checked(False)
        left = page.evaluate("(key) => window.isnad.visible().filter((i) => window.isnad.pairOf(i).key === key).length", busiest)
        listed = page.locator("#details [data-claim-ref]").count()
        check(listed == left, f"alleged hidden: the pair's panel lists {listed} claims, {left} are left")
        for box in page.locator("#statuses input").all():
            box.set_checked(False)
        check(page.locator("#details [data-claim-ref]").count() == 0 and "hidden by the filters" in page.locator("#details").inner_text(),
              "every status hidden: the pair's panel does not say its claims are hidden")
        for box in page.locator("#statuses input").all():
            box.set_checked(True)
        check(page.locator("#details [data-claim-ref]").count() > 1, "the filters widened again: the pair's claims are not back")
        page.get_by_label("every claim").check()

        # The rules ported from Swift give what Swift gives.
        for text, key, folded in expected["names"]:
            got = page.evaluate("text => window.isnad.normalizeName(text)", text)
            check(got == key, f"normalizeName({text!r}) = {got!r}, NameKey.normalize gives {key!r}")
            got = page.evaluate("text => window.isnad.foldName(text)", text)
            check(got == folded, f"foldName({text!r}) = {got!r}, NameKey.fold gives {folded!r}")
        for text, key, typed in expected["consonants"]:
            got = page.evaluate("text => [window.isnad.consonantKey(text), window.isnad.consonantKeys(text)]", text)
            check(got == [key, typed], f"consonantKey(s)({text!r}) = {got!r}, NameKey gives {[key, typed]!r}")
        for text, key in expected["transcriptions"]:
            got = page.evaluate("text => window.isnad.transcriptionKey(window.isnad.foldName(text))", text)
            check(got == key, f"transcriptionKey({text!r}) = {got!r}, NameKey gives {key!r}")
        for text, first, last in expected["dates"]:
            got = page.evaluate(
                "text => { const d = window.isnad.parseDate(text); return d ? [window.isnad.firstDay(d), window.isnad.lastDay(d)] : [null, null] }",
                text)
            check(got == [first, last], f"parseDate({text!r}) gives {got}, PartialDate gives {[first, last]}")

        page.screenshot(path=f"{shots}/whole-en.png")

        # Fitted too far out for labels at 11px, the overview: each entity a dot at least 6px
        # across, the labels that fit at 11px or more, none covering another; zoomed in, shapes again.
        def overview_state():
            return page.evaluate("""() => ({
                scale: document.getElementById('viewport').transform.baseVal.consolidate().matrix.a,
                overview: document.getElementById('graph').classList.contains('overview'),
                dots: [...document.querySelectorAll('.node .dot')].map(d => d.getBoundingClientRect().width),
                labels: [...document.querySelectorAll('#labels text')].map(t => {
                    const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }),
            })""")
        fitted = overview_state()
        check(fitted["overview"] == (fitted["scale"] < 0.7), f"overview {fitted['overview']} at scale {fitted['scale']:.3f}")
        if fitted["overview"]:
            check(min(fitted["dots"]) >= 6, f"a dot {min(fitted['dots']):.1f}px across in the overview")
            labels = fitted["labels"]
            check(len(labels) >= 10, f"only {len(labels)} entities labelled in the overview")
            check(all(b - t >= 11 for _, t, _, b in labels), "an overview label less than 11px high")
            overlaps = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]
                        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
            check(overlaps == [], f"overview labels cover each other: {overlaps[:3]}")
            # A label with no room above its dot is tried below it and beside it before it is left
            # out: the ten entities in the most claims are all named (the seed has room for them).
            unnamed = page.evaluate("""() => { const degree = new Map();
                for (const item of window.isnad.visible()) for (const end of new Set([item.claim.subject, item.claim.object]))
                    degree.set(end, (degree.get(end) ?? 0) + 1);
                const named = new Set([...document.querySelectorAll('#labels text')].map((text) => text.dataset.of));
                return [...degree.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10)
                    .map(([id]) => id).filter((id) => !named.has(id)); }""")
            check(unnamed == [], f"among the ten entities in the most claims, unlabelled in the overview: {unnamed}")
            # Every line that has a direction shows it: an arrowhead (a bar, disputed) at least 8px
            # long on screen, its tip at the edge of the dot it points to, not under it.
            heads = page.evaluate("""() => {
                const ends = [...document.querySelectorAll('.edge .line')].reduce((n, p) =>
                    n + (p.getAttribute('marker-end') ? 1 : 0) + (p.getAttribute('marker-start') ? 1 : 0), 0);
                const drawn = [...document.querySelectorAll('#heads .head')].map(h => {
                    const tip = new DOMPoint(0, 0).matrixTransform(h.getScreenCTM());
                    const box = h.getBoundingClientRect();
                    const dot = document.querySelector(`[data-entity="${CSS.escape(h.dataset.at)}"] .dot`).getBoundingClientRect();
                    const gap = Math.hypot(tip.x - (dot.left + dot.width / 2), tip.y - (dot.top + dot.height / 2)) - dot.width / 2;
                    return [h.dataset.at, Math.max(box.width, box.height), gap];
                });
                return { ends, drawn }; }""")
            check(len(heads["drawn"]) == heads["ends"], f"{len(heads['drawn'])} heads in the overview, {heads['ends']} line ends with one")
            small = [head for head in heads["drawn"] if head[1] < 8]
            check(small == [], f"overview heads under 8px: {small[:3]}")
            astray = [head for head in heads["drawn"] if not -0.5 <= head[2] <= 2.5]
            check(astray == [], f"overview heads not at their dot's edge (entity, size, gap): {astray[:3]}")
            check(page.evaluate("() => getComputedStyle(document.querySelector('.edge .line[marker-end]')).markerEnd") == "none",
                  "the overview still draws the markers, specks under the dots")
            page.locator("#canvas").focus()
            for _ in range(12):
                page.keyboard.press("+")
            check(not overview_state()["overview"], "still the overview, zoomed in")
            check(page.evaluate("() => document.getElementById('heads').getBoundingClientRect().width") == 0,
                  "zoomed in, the overview's heads are drawn beside the markers")
            page.keyboard.press("0")

        # Click an entity: its claims' quotes are in the panel.
        page.locator(f'[data-entity="{expected["entity"]}"]').click()
        panel = page.locator("#details").inner_text()
        check(any(quote in panel for quote in expected["quotes"]), "no quote of the entity's claims in the panel")
        # A quote runs the way its words do: the seed's Arabic quotes right to left.
        rtl = page.evaluate(
            "() => [...document.querySelectorAll('#details blockquote')].filter(q => getComputedStyle(q).direction === 'rtl').length")
        check(rtl > 0, "no right-to-left quote in the panel")
        # A screen reader hears one line for the selection, not the whole panel.
        check(page.locator("#panel[aria-live]").count() == 0, "the whole panel is a live region")
        announced = page.locator("#announce").inner_text()
        check("claims" in announced or "claim" in announced, f"the selection is not announced: {announced!r}")
        # The analyst's notes on the claims are shown, as isnad show shows them.
        check("note: " in panel, "no claim note in the panel (the seed's claims of Hamas have notes)")
        # The panel groups and orders the claims as `isnad show` does: subject side, then object side.
        headings = page.evaluate("() => [...document.querySelectorAll('#details h3')].map(h => h.textContent)")
        check(headings == expected["show"]["headings"],
              f"the panel's groups {headings} are not isnad show's {expected['show']['headings']}")
        order = page.evaluate("() => [...document.querySelectorAll('#details [data-claim-ref]')].map(c => c.dataset.claimRef)")
        check(order == expected["show"]["claims"], f"the panel's claims {order} are not in isnad show's order {expected['show']['claims']}")
        page.screenshot(path=f"{shots}/entity-en.png")

        # The legend explains what the page opens on: the overview's dots, one in each type's fill
        # beside its shape; each status's line at the one-channel width, the widths solid.
        legend = page.evaluate("""() => ({
            text: document.getElementById('legend').innerText,
            dots: [...document.querySelectorAll('#legend .dot-sample circle')].map(c => c.getAttribute('fill')),
            fills: [...document.querySelectorAll('#legend .dot-sample')].map(d => d.parentNode.querySelector('.shape').getAttribute('fill')),
            statuses: [...document.querySelectorAll('#legend li[data-status]')].map(li => {
                const p = li.querySelector('.line-sample path');
                return [li.dataset.status, p.getAttribute('stroke-width'), p.getAttribute('stroke-dasharray')]; }),
            widths: [...document.querySelectorAll('#legend li[data-channels]')].map(li => {
                const p = li.querySelector('.line-sample path');
                return [li.dataset.channels, p.getAttribute('stroke-width'), p.getAttribute('stroke-dasharray')]; }),
        })""")
        check("Zoomed out" in legend["text"] and "dot" in legend["text"], "the legend does not say that zoomed out, entities are dots")
        check(len(legend["dots"]) == 4 and legend["dots"] == legend["fills"],
              f"the legend's dots {legend['dots']} are not the types' fills {legend['fills']}")
        check(legend["statuses"] == [["asserted", "1", None], ["alleged", "1", "7 4"], ["disputed", "1", "0.5 4"]],
              f"the legend's status lines: {legend['statuses']}")
        check(legend["widths"] == [["1", "1", None], ["2", "1.8", None], ["3", "3.2", None]],
              f"the legend's widths: {legend['widths']}")
        check("channels" in legend["text"], "the legend does not say that the width is the channels")

        # An edge is announced with its strength, never as a bare relation.
        for edge in page.locator(".edge[data-claim]").all()[:20]:
            label = edge.get_attribute("aria-label") or ""
            check(any(word in label for word in ["ASSERTED", "ALLEGED", "DISPUTED"]), f"edge announced without its status: {label!r}")

        # The keyboard alone: focus an edge, Enter opens it.
        first_edge = page.locator(".edge[data-claim]").first
        first_edge.focus()
        page.keyboard.press("Enter")
        claim_id = first_edge.get_attribute("data-claim")
        check(f"[{claim_id}]" in page.locator("#details").inner_text(), "Enter on an edge did not open its claim")

        # Tab from the canvas reaches the entities, in reading order, not the edges (thousands of
        # them came first) nor the bare svg; zoomed in, each entity focused is brought into view.
        check(page.locator(".edge[tabindex='0']").count() == 0, "edges are Tab stops")
        check(page.locator("#graph").get_attribute("tabindex") == "-1", "the svg is a Tab stop of its own")
        page.locator("#canvas").focus()
        page.keyboard.press("Tab")
        check(page.evaluate("() => document.activeElement.classList.contains('node')"), "Tab from the canvas does not reach an entity")
        for _ in range(10):
            page.keyboard.press("+")
        outside = 0
        for _ in range(10):
            page.keyboard.press("Tab")
            outside += page.evaluate("""() => { const a = document.activeElement; if (!a.classList.contains('node')) return 0;
                const c = document.getElementById('graph').getBoundingClientRect(), r = a.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                return x >= c.left && x <= c.right && y >= c.top && y <= c.bottom ? 0 : 1; }""")
        check(outside == 0, f"{outside} entities focused out of sight")
        # Reading order: rows from the top, each left to right (right to left in Arabic, below).
        reading_order = """(direction) => { const nodes = [...document.querySelectorAll('#nodes .node')];
            const boxes = nodes.map(n => n.querySelector('.shape').getBBox());
            const wrong = [];
            for (let i = 1; i < boxes.length; i++) {
              const a = boxes[i - 1], b = boxes[i];
              // Clearly one row (middles a quarter box apart at most): in the direction of reading.
              // Clearly not (a whole box apart): the next one is below. Between, either reads.
              const dy = (b.y + b.height / 2) - (a.y + a.height / 2);
              const backwards = Math.abs(dy) <= Math.min(a.height, b.height) / 4
                ? direction * ((b.x + b.width / 2) - (a.x + a.width / 2)) < 0 : dy < -Math.max(a.height, b.height);
              if (backwards) wrong.push([nodes[i - 1].dataset.entity, nodes[i].dataset.entity]);
            }
            return wrong; }"""
        wrong = page.evaluate(reading_order, 1)
        check(wrong == [], f"the entities' Tab order is not row by row, left to right: {wrong[:3]}")
        # Enter opens an entity, Enter again goes to its claims; the other entity of a claim there
        # is a button that goes to it.
        page.locator(f'[data-entity="{expected["entity"]}"]').focus()
        page.keyboard.press("Enter")
        check(page.locator(f'[data-entity="{expected["entity"]}"]').get_attribute("aria-pressed") == "true", "the entity open is not pressed")
        page.keyboard.press("Enter")
        check(page.evaluate("() => document.activeElement.tagName") == "H2", "Enter again does not go to the entity's claims")
        page.keyboard.press("Tab")
        other = page.evaluate("() => document.activeElement.dataset.go")
        check(other is not None, "no entity to go to from the claims")
        page.keyboard.press("Enter")
        check(page.evaluate("() => document.activeElement.dataset.entity") == other, f"the button of {other} did not go to it")
        page.locator("#canvas").focus()
        page.keyboard.press("Escape")
        page.keyboard.press("0")
        # Every control has a name a screen reader reads: the slider too.
        check(page.evaluate("() => document.getElementById('as-of').labels.length") == 1, "the time slider has no label")

        # The time slider, by keyboard: as of each year, the claims the CLI lists.
        slider = page.locator("#as-of")
        for year, count in sorted(expected["asOf"].items()):
            slider.focus()
            page.keyboard.press("Home")
            for _ in range(200):
                if page.locator("#as-of-value").inner_text() == year:
                    break
                page.keyboard.press("ArrowRight")
            check(page.locator("#as-of-value").inner_text() == year, f"the slider does not reach {year}")
            drawn = page.locator("[data-claim]").count()
            check(drawn == count, f"as of {year}: {drawn} claims drawn, isnad claims --as-of {year} lists {count}")
        slider.focus()
        page.keyboard.press("Home")

        for date, count in sorted(expected["knownBy"].items()):
            page.get_by_label("Known by").fill(date)
            drawn = page.locator("[data-claim]").count()
            check(drawn == count, f"known by {date}: {drawn} claims drawn, isnad claims --known-by {date} lists {count}")
        # Digits typed on an Arabic or Persian keyboard are digits, as on the command line.
        date, count = sorted(expected["knownBy"].items())[0]
        for typed in (date.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")), date.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))):
            page.get_by_label("Known by").fill(typed)
            drawn = page.locator("[data-claim]").count()
            check(drawn == count and page.locator("#known-by-error").inner_text() == "",
                  f"known by {typed}: {drawn} claims drawn, isnad claims --known-by {date} lists {count}")
        # A year in those digits that reads as a Hijri or Persian one is refused in the command
        # line's words, not taken for a Gregorian year that empties the graph.
        refusals = expected["calendarYears"]
        got = page.evaluate("texts => texts.map((text) => window.isnad.dateRefusal(text))", [text for text, _ in refusals])
        wrong = [(text, given, want) for (text, want), given in zip(refusals, got) if given != want]
        check(wrong == [], f"the page refuses dates otherwise than the command line (typed, page, CLI): {wrong[:3]}")
        for typed, refusal in [r for r in refusals if r[0] in ("١٤٤٣", "۱۴۰۰-03")]:
            page.get_by_label("Known by").fill(typed)
            drawn = page.locator("[data-claim]").count()
            shown = page.locator("#known-by-error").inner_text()
            check(shown == refusal and page.get_by_label("Known by").get_attribute("aria-invalid") == "true",
                  f"known by {typed}: the box says {shown!r}, the command line {refusal!r}")
            check(drawn == expected["claims"], f"known by {typed}: {drawn} claims drawn, not the {expected['claims']} of no date")
        page.screenshot(path=f"{shots}/known-by-hijri-en.png")
        page.get_by_label("Known by").fill("")
        check(page.locator("#known-by-error").inner_text() == "", "the refusal stays once the box is emptied")
        # Held as of is a slider of the data's years: nothing is typed in it.
        check(page.locator("#as-of").get_attribute("type") == "range", "Held as of takes typed text")

        # Grades and statuses: citation by citation, the status worked out again, as the CLI does.
        for grade, count in sorted(expected.get("minReliability", {}).items()):
            page.get_by_label("Sources graded at least").select_option(grade)
            drawn = page.locator("[data-claim]").count()
            check(drawn == count, f"min reliability {grade}: {drawn} drawn, isnad claims --min-reliability {grade} lists {count}")
        page.get_by_label("Sources graded at least").select_option("")
        for grade, count in sorted(expected.get("minCredibility", {}).items()):
            page.get_by_label("Credibility at least").select_option(grade)
            drawn = page.locator("[data-claim]").count()
            check(drawn == count, f"min credibility {grade}: {drawn} drawn, isnad claims --min-credibility {grade} lists {count}")
        page.get_by_label("Credibility at least").select_option("")
        for statuses, count in sorted(expected.get("statuses", {}).items()):
            shown = statuses.split(",")
            for box in page.locator("#statuses input").all():
                box.set_checked(box.get_attribute("value") in shown)
            drawn = page.locator("[data-claim]").count()
            check(drawn == count, f"statuses {statuses}: {drawn} drawn, isnad claims --status {statuses} lists {count}")
        for box in page.locator("#statuses input").all():
            box.set_checked(True)

        # Search in Arabic finds the entity; Enter opens it and brings it into view, its label at
        # a readable size however small the whole graph was fitted.
        page.locator("#canvas").focus()
        page.keyboard.press("0")
        page.get_by_label("Search a name").fill(expected["search"])
        check(page.locator(f'[data-entity="{expected["entity"]}"].hit').count() == 1, f"{expected['search']} not highlighted")
        # Each name found is isolated from the others and from the line's words (a name with a
        # bidi override of its own reverses nothing after it).
        result = page.locator("#search-result").inner_text()
        check("\u2068" in result and result.count("\u2068") == result.count("\u2069"), f"names found not isolated: {result!r}")
        page.get_by_label("Search a name").fill("a")
        result = page.locator("#search-result").inner_text()
        check(result.count("\u2068") == 10 and "more" in result, f"a search finding many names lists them all: {result!r}")
        page.get_by_label("Search a name").fill(expected["search"])
        page.get_by_label("Search a name").press("Enter")
        check(page.locator("#details h2").count() == 1 and expected["entity"] in page.locator("#details").inner_text(),
              "Enter in the search field did not open the entity found")
        found = page.locator(f'[data-entity="{expected["entity"]}"]').bounding_box()
        canvas = page.locator("#canvas").bounding_box()
        centre = (found["x"] + found["width"] / 2, found["y"] + found["height"] / 2)
        check(abs(centre[0] - (canvas["x"] + canvas["width"] / 2)) < 2 and abs(centre[1] - (canvas["y"] + canvas["height"] / 2)) < 2,
              f"the entity found is not centred: {centre}, canvas {canvas}")
        label_size = page.evaluate(
            f"""() => document.querySelector('[data-entity="{expected["entity"]}"] text').getBoundingClientRect().height""")
        check(label_size >= 11, f"the entity found is drawn with a label {label_size:.1f}px high")
        # A double click on an entity does the same, from the whole graph fitted.
        page.locator("#canvas").focus()
        page.keyboard.press("0")
        page.locator(f'[data-entity="{expected["entity"]}"]').dblclick()
        found = page.locator(f'[data-entity="{expected["entity"]}"]').bounding_box()
        centre = (found["x"] + found["width"] / 2, found["y"] + found["height"] / 2)
        check(abs(centre[0] - (canvas["x"] + canvas["width"] / 2)) < 2 and abs(centre[1] - (canvas["y"] + canvas["height"] / 2)) < 2,
              f"a double click did not bring the entity to the middle: {centre}, canvas {canvas}")
        # A spelling no name holds, in the other script from the one name with its consonants.
        page.get_by_label("Search a name").fill(expected["otherScript"][0])
        hits = page.evaluate("() => [...document.querySelectorAll('#nodes .hit')].map((node) => node.dataset.entity)")
        check(hits == [expected["otherScript"][1]], f"{expected['otherScript'][0]!r} highlights {hits}")
        # Spelt as French sources write it, or a typo: what the command line's search finds.
        for typed, ids in expected["closeSpellings"]:
            page.get_by_label("Search a name").fill(typed)
            hits = page.evaluate("() => [...document.querySelectorAll('#nodes .hit')].map((node) => node.dataset.entity)")
            check(sorted(hits) == ids, f"{typed!r} highlights {sorted(hits)}, isnad search finds {ids}")
        # Text names hold: the names that hold it, not those whose French and English spellings
        # hold it somewhere ("Ly" is not every "li", "Said" not Presidential Guard), each found by
        # the command line from three letters.
        for typed, holders, found in expected["contained"]:
            page.get_by_label("Search a name").fill(typed)
            hits = sorted(page.evaluate("() => [...document.querySelectorAll('#nodes .hit')].map((node) => node.dataset.entity)"))
            check(hits == holders, f"{typed!r} highlights {hits}, the names holding it are {holders}")
            check(found is None or set(hits) <= set(found), f"{typed!r} highlights {hits}, isnad search finds {found}")
        page.get_by_label("Search a name").fill(expected["search"])

        # Arabic: the page turns right to left, the legend and panel follow.
        page.get_by_label("Language").select_option("ar")
        check(page.locator("html[dir=rtl]").count() == 1, "no dir=rtl after switching to Arabic")
        # A label takes its direction from its own text, not the page's: a Latin name in the
        # Arabic view must not read ".Mr. X, Jr".
        check(page.evaluate("() => getComputedStyle(document.querySelector('.node text')).unicodeBidi") == "plaintext",
              "labels take the page's direction in the Arabic view")
        check("الأشكال" in page.locator("#legend").inner_text(), "the legend is not in Arabic")
        # From subject to object as Arabic runs: the arrow points left.
        page.locator(".edge[data-claim]").first.focus()
        page.keyboard.press("Enter")
        head = page.locator("#details .claim").first.inner_text()
        check("→" not in head.split("\n")[0], f"an Arabic claim's head points left to right: {head[:80]!r}")
        wrong = page.evaluate(reading_order, -1)
        check(wrong == [], f"in Arabic, the entities' Tab order is not row by row, right to left: {wrong[:3]}")
        # The grade isolated (a <bdi>, in its language), so that "E3 · 1 قناة" does not run as one
        # left-to-right piece; the comma Arabic.
        status = page.locator("#details .claim .status").first.inner_text()
        grade = page.evaluate("() => document.querySelector('#details .claim .status bdi')?.textContent")
        check(grade is not None and re.fullmatch(r"[A-F][1-6]", grade) and "قناة" in status and ", " not in status,
              f"the Arabic evidence line: {status!r}, isolated {grade!r}")
        page.screenshot(path=f"{shots}/whole-ar.png")
        page.get_by_label("معروف بحلول").fill("١٤٤٣")
        refusal = page.locator("#known-by-error").inner_text()
        check("هجرية" in refusal and "1443" in refusal and "2021–2022" in refusal, f"the Arabic refusal of ١٤٤٣: {refusal!r}")
        page.locator("#controls").screenshot(path=f"{shots}/known-by-hijri-ar.png")
        page.get_by_label("معروف بحلول").fill("")

        # The entity's panel in Arabic: every bracketed id, [claim-id] and (source-id), runs left
        # to right, brackets and all, on one line.
        page.locator(f'[data-entity="{expected["entity"]}"]').dispatch_event("click")
        ids = page.evaluate("""() => [...document.querySelectorAll('#details .id')].map(e => {
            const rects = e.getClientRects();
            return [e.textContent, getComputedStyle(e).direction, rects.length, e.getBoundingClientRect().height,
                    parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.6]; })""")
        check(len(ids) > 2 * len(expected["show"]["claims"]), f"only {len(ids)} bracketed ids in the Arabic panel")
        broken = [i for i in ids if not (i[0][0] + i[0][-1] in ("[]", "()") and i[1] == "ltr" and i[2] == 1 and i[3] <= i[4] * 1.2)]
        check(broken == [], f"bracketed ids broken in the Arabic panel (text, direction, boxes, height, line): {broken[:3]}")
        page.locator("#panel").screenshot(path=f"{shots}/entity-ar.png")

        sizes = {}
        for name in ["whole-en", "entity-en", "whole-ar"]:
            data = open(f"{shots}/{name}.png", "rb").read()
            width, height, variance = luminance_variance(data)
            sizes[name] = len(data)
            check((width, height) == (1600, 1000), f"{name}.png is {width}×{height}")
            check(variance > 100, f"{name}.png looks blank (luminance variance {variance:.1f})")
            check(len(data) > 30000, f"{name}.png is only {len(data)} bytes")

        # A narrow screen (a phone, a window beside another): the page scrolls, and neither the
        # controls nor the panel is squeezed into a strip of its own that scrolls.
        page.set_viewport_size({"width": 390, "height": 844})
        page.locator("#language").select_option("en")
        page.locator(f'[data-entity="{expected["entity"]}"]').dispatch_event("click")
        for part in ["#controls", "#panel"]:
            inner = page.evaluate(f"() => {{ const e = document.querySelector('{part}'); return [e.scrollHeight, e.clientHeight]; }}")
            check(inner[0] <= inner[1] + 1, f"on a narrow screen {part} scrolls inside itself: {inner[0]}px in {inner[1]}px")
        canvas_height = page.locator("#canvas").bounding_box()["height"]
        check(canvas_height >= 500, f"on a narrow screen the graph is {canvas_height}px high")
        page.screenshot(path=f"{shots}/narrow-en.png", full_page=True)

        check(refused == [], f"requests left the page: {refused}")
        check([r for r in requests if r != url] == [], f"requests other than the page: {requests}")
        check(errors == [], f"console errors: {errors}")
        browser.close()

    for failure in failures:
        print(failure)
    print(json.dumps({"failures": len(failures), "screenshots": sizes}), file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
