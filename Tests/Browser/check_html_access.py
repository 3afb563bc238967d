#!/usr/bin/env python3
"""Checks what an `isnad export html` page gives a reader who relies on accessibility, in
Chromium through Playwright, offline: text in the other language tagged with its language,
the Arabic page's window title and landmark names in Arabic, the legend's key kept under forced
colours (Windows high contrast), a list of the claims drawn for a screen reader, Escape in the
panel, the panel's buttons named with their claim, the labels of entities the filters leave out
at 4.5:1, and the legend's word on telling families apart.

Usage: check_html_access.py PAGE.html PAGE-AR.html SCREENSHOT_DIR [--entity hamas] [--chromium PATH]
PAGE-AR.html is the same view exported with --lang ar. Prints one line per failure and exits 1
if any; exits 0 when all pass.
"""
import re
import sys

from playwright.sync_api import sync_playwright


def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


# Every text node of an element with letters of a script, and the language it is read in (its
# nearest lang), leaving out quotes (tagged by their source's language) and ids.
TEXTS = """([selector, script]) => {
    const letters = script === 'ar' ? /\\p{Script=Arabic}/u : /\\p{Script=Latin}{3}/u;
    const found = [];
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!letters.test(node.data) || parent.closest('blockquote, .id, .visually-hidden')) continue;
            found.push([node.data.trim().slice(0, 60), parent.closest('[lang]').getAttribute('lang'), getComputedStyle(parent).direction]);
        }
    }
    return found; }"""


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb(text):
    return [float(v) for v in re.findall(r"[\d.]+", text)[:3]]


def hex_rgb(text):
    return [int(text[i:i + 2], 16) for i in (1, 3, 5)]


def main():
    page_path, arabic_path, shots = sys.argv[1], sys.argv[2], sys.argv[3]
    entity = option("--entity", "hamas")
    failures, errors = [], []

    def check(condition, message):
        if not condition:
            failures.append(message)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=option("--chromium", "/usr/bin/chromium"))

        def open_page(path, **options):
            context = browser.new_context(viewport={"width": 1600, "height": 1000}, offline=True, **options)
            url = "file://" + path
            context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
            page = context.new_page()
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url)
            page.wait_for_function("window.isnad !== undefined")
            return page

        def open_entity(page):
            page.locator(f'[data-entity="{entity}"]').focus()
            page.keyboard.press("Enter")

        # 1. The English page: every Arabic name, alias, title and heading in the panel read as
        # Arabic, right to left; the Latin ones in the Arabic page as English.
        page = open_page(page_path)
        open_entity(page)
        arabic = page.evaluate(TEXTS, ["#details", "ar"])
        check(len(arabic) > 20, f"only {len(arabic)} Arabic texts in the English panel of {entity}")
        wrong = [text for text in arabic if text[1] != "ar"]
        check(wrong == [], f"Arabic text in the English panel not tagged lang=ar: {wrong[:4]}")
        headings = page.evaluate("""() => [...document.querySelectorAll('#details h3')].map(h =>
            [...h.querySelectorAll('[lang]')].map(e => [e.getAttribute('lang'), e.getAttribute('dir'), e.textContent]))""")
        check(headings and all(len(h) >= 2 and h[0][0] == "en" and h[1][:2] == ["ar", "rtl"] for h in headings),
              f"predicate headings not tagged half by half: {headings[:2]}")
        check(page.evaluate("() => document.querySelector('#language option[value=en]').lang") == "en",
              "the English option of the language menu is not lang=en")
        check(page.title() == page.locator("#title").inner_text(), f"window title {page.title()!r}")
        names = page.evaluate("""() => ['controls', 'panel', 'legend', 'zoom-in', 'zoom-out'].map(id => document.getElementById(id).getAttribute('aria-label'))""")
        check(names == ["Filters", "Details", "Legend", "Zoom in", "Zoom out"], f"English landmark and button names: {names}")

        # 4. The other entity of a claim is a button named with its claim, not the bare name.
        buttons = page.locator("#details button.entity")
        snapshot = page.locator("#details").aria_snapshot()
        named = re.findall(r'button "([^"]*)"', snapshot)
        check(len(named) == buttons.count() and len(named) > 5, f"{len(named)} named buttons, {buttons.count()} drawn")
        visible_names = [b.locator("bdi").first.inner_text() for b in buttons.all()]
        check(all(" — " in n and v.strip() in n for n, v in zip(named, visible_names)),
              f"a button's name does not say its claim: {list(zip(named, visible_names))[:2]}")
        check(len(set(named)) > len(set(visible_names)), f"the buttons' names are as alike as their entities: {named[:4]}")
        # Escape in the panel clears the selection, as on the graph, and goes back to the entity.
        page.keyboard.press("Enter")
        check(page.evaluate("() => document.activeElement.tagName") == "H2", "Enter again does not reach the panel")
        page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        check(page.evaluate("() => document.activeElement.dataset.entity") == entity,
              f"Escape in the panel did not go back to {entity}: {page.evaluate('() => document.activeElement.outerHTML.slice(0, 80)')}")
        check(page.locator("#details h2").count() == 0, "Escape in the panel did not clear the selection")

        # 5. The legend says how to tell families apart without their colours.
        check("untick the other families" in page.locator("#legend").inner_text(), "the legend does not say how to isolate a family")

        # 3. The overview's labels are hidden from screen readers (the entities carry their names);
        # a button lists every claim drawn, each with its ends, status and who says it.
        check(page.locator("#labels").get_attribute("aria-hidden") == "true", "the overview's labels are read as one run-on text")
        check("text:" not in page.locator("#canvas").aria_snapshot(), "the canvas is read as text")
        listing = page.get_by_role("button", name="List the claims drawn")
        check(listing.count() == 1 and listing.evaluate("b => b.tabIndex") == 0, "no button in the Tab order lists the claims")
        if listing.count() == 1:
            listing.focus()
            page.keyboard.press("Enter")
            drawn = page.locator("[data-claim]").count()
            listed = page.locator("#details [data-claim-ref]").count()
            check(listed == drawn and drawn > 0, f"the list shows {listed} claims, {drawn} are drawn")
            check(page.evaluate("() => document.activeElement.tagName") == "H2", "the list does not take the focus")
            blocks = page.evaluate("""() => [...document.querySelectorAll('#details .claim')].map(c =>
                [c.querySelectorAll(':scope > div:first-child > bdi[lang]').length, c.querySelector('.status').textContent, c.querySelectorAll('.citation').length])""")
            bare = [b for b in blocks if b[0] != 2 or not re.search(r"ASSERTED|ALLEGED|DISPUTED", b[1]) or b[2] == 0]
            check(bare == [], f"claims listed without both ends, status or citation: {bare[:3]}")
            page.screenshot(path=f"{shots}/list-en.png")
            page.locator('#statuses input[value="alleged"]').set_checked(False)
            drawn = page.locator("[data-claim]").count()
            check(page.locator("#details [data-claim-ref]").count() == drawn, "the list does not follow the filters")
            listing.focus()
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            check(page.evaluate("() => document.activeElement.id") == "list-claims", "Escape in the list does not go back to its button")

        # 4. Entities the filters leave out (alleged unticked): their labels 4.5:1 against white and
        # against their types' fills as drawn (faded).
        page.locator('#statuses input[value="alleged"]').set_checked(False)
        page.locator("#canvas").focus()
        for _ in range(10):
            page.keyboard.press("+")
        idle = page.evaluate("""() => [...document.querySelectorAll('.node.idle')].map(n => {
            const text = n.querySelector('text'), shape = n.querySelector('.shape');
            let opacity = 1;
            for (let e = text; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
            return [n.dataset.entity, getComputedStyle(text).fill, opacity, shape.getAttribute('fill'), Number(getComputedStyle(shape).opacity)]; })""")
        check(len(idle) > 0, "unticking alleged leaves no entity idle")
        for entity_id, fill, opacity, shape_fill, shape_opacity in idle:
            text = [255 - (255 - v) * opacity for v in rgb(fill)]
            behind = [255 - (255 - v) * shape_opacity for v in hex_rgb(shape_fill)]
            worst = min(contrast(text, [255, 255, 255]), contrast(text, behind))
            check(worst >= 4.5, f"the label of {entity_id}, left out, is {worst:.2f}:1")
        page.locator('#statuses input[value="alleged"]').set_checked(True)
        page.keyboard.press("0")
        page.context.close()

        # 1. The Arabic page: window title, landmarks and zoom buttons in Arabic, as are the other
        # labels; the Latin names and titles read as English.
        page = open_page(arabic_path)
        check(page.title() == page.locator("#title").inner_text() and re.search(r"[\u0600-\u06FF]", page.title()),
              f"the Arabic page's window title: {page.title()!r}")
        names = page.evaluate("""() => ['controls', 'panel', 'legend', 'zoom-in', 'zoom-out'].map(id => document.getElementById(id).getAttribute('aria-label'))""")
        check(all(re.search(r"[\u0600-\u06FF]", name or "") for name in names), f"Arabic landmark and button names: {names}")
        open_entity(page)
        latin = page.evaluate(TEXTS, ["#details", "en"])
        check(len(latin) > 10, f"only {len(latin)} Latin texts in the Arabic panel of {entity}")
        wrong = [text for text in latin if text[1] != "en"]
        check(wrong == [], f"Latin text in the Arabic panel not tagged lang=en: {wrong[:4]}")
        check(page.get_by_role("button", name=re.compile("الادعاءات")).count() == 1, "the list's button is not in Arabic")
        check("ألغِ تحديد" in page.locator("#legend").inner_text(), "the Arabic legend does not say how to isolate a family")
        page.screenshot(path=f"{shots}/entity-ar.png")
        page.context.close()

        # 2. Forced colours, dark: the legend's swatches keep the families' colours (as the graph's
        # lines do) and the line samples are drawn in the text's colour, seen on the background.
        page = open_page(page_path, forced_colors="active", color_scheme="dark")
        check(page.evaluate("() => matchMedia('(forced-colors: active)').matches"), "forced colours not emulated")
        legend = page.evaluate("""() => ({
            swatches: [...document.querySelectorAll('#legend .swatch')].map(s => getComputedStyle(s).borderTopColor),
            families: [...document.querySelectorAll('#families .swatch')].map(s => getComputedStyle(s).borderTopColor),
            samples: [...document.querySelectorAll('#legend .line-sample path')].map(p => getComputedStyle(p).stroke),
            text: getComputedStyle(document.getElementById('legend')).color,
            background: getComputedStyle(document.getElementById('panel')).backgroundColor,
            colours: JSON.parse(document.getElementById('isnad-context').textContent).families.map(f => f.color) })""")
        wanted = [f"rgb({', '.join(str(v) for v in hex_rgb(colour))})" for colour in legend["colours"]]
        check(legend["swatches"] == wanted and legend["families"] == wanted,
              f"under forced colours the swatches are {legend['swatches']}, the families' colours {wanted}")
        check(legend["samples"] and all(s == legend["text"] for s in legend["samples"]),
              f"under forced colours the line samples are {set(legend['samples'])}, the text {legend['text']}")
        check(contrast(rgb(legend["text"]), rgb(legend["background"])) >= 4.5, f"the line samples on {legend['background']}")
        page.locator(f'[data-entity="{entity}"]').dispatch_event("click")
        page.screenshot(path=f"{shots}/forced-colors.png")
        page.locator("#legend").screenshot(path=f"{shots}/forced-colors-legend.png")
        page.context.close()
        browser.close()

    check(errors == [], f"console errors: {errors}")
    for failure in failures:
        print(failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
