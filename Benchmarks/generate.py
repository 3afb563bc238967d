#!/usr/bin/env python3
"""Deterministic generator of synthetic Isnad stores in the record format (JSON Lines).

    Benchmarks/generate.py --claims 100000 [--entities N] [--sources S] [--seed 1] > store.jsonl

Same arguments, same bytes. Shaped like real actor networks: entity popularity follows a
Zipf law, so a few hubs take part in thousands of claims and most actors in a handful; all
four entity types; predicates drawn from Schemas/predicates.json with types that fit; partial
dates of every precision; Arabic and English aliases; quotes of realistic length (40-400
characters); 1-3 citations per claim, some relayed through a second source.
"""
import argparse
import bisect
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VOCABULARY = os.path.join(HERE, "..", "Schemas", "predicates.json")

LATIN = ["ab", "al", "ba", "da", "far", "ha", "ja", "ka", "ma", "na", "ra", "sa", "ta", "za", "mu", "hu",
         "ri", "di", "si", "ni", "bak", "mir", "zan", "qas", "sam", "dar", "lim", "sur", "tar", "wan"]
ARABIC = ["أب", "ال", "با", "دا", "فر", "ها", "جا", "كا", "ما", "نا", "را", "سا", "طا", "زا", "مو", "هو",
          "ري", "دي", "سي", "ني", "بك", "مير", "زان", "قس", "سام", "دار", "ليم", "سور", "طار", "وان"]
WORDS_AR = ["قال", "المصدر", "إن", "الحركة", "التنظيم", "قدمت", "أسلحة", "وأموالا", "ودعما", "لوجستيا", "في", "عام",
            "وفق", "وثيقة", "مسربة", "بيان", "الشرطة", "مقاتلين", "عبر", "الحدود", "اتفاق", "بين", "الطرفين", "على"]
WORDS_EN = ["the", "source", "said", "group", "provided", "weapons", "money", "and", "logistics", "to", "in",
            "according", "a", "leaked", "document", "statement", "police", "fighters", "across", "border", "deal"]
TYPES = [("person", 0.5), ("organization", 0.3), ("event", 0.1), ("place", 0.1)]
SOURCE_TYPES = ["news-article", "opinion-article", "statement", "leaked-document", "press-conference",
                "intelligence-report", "official-statement", "social-media-post", "photo", "other"]
RELIABILITY = [("A", 5), ("B", 20), ("C", 30), ("D", 20), ("E", 10), ("F", 15)]


def weighted(rng, pairs):
    total = sum(weight for _, weight in pairs)
    point = rng.random() * total
    for value, weight in pairs:
        point -= weight
        if point < 0:
            return value
    return pairs[-1][0]


class Zipf:
    """Picks indexes 0..n-1 with probability proportional to 1/(rank+1)^s."""

    def __init__(self, n, s=1.05):
        total, self.cumulative = 0.0, []
        for rank in range(n):
            total += 1.0 / (rank + 1) ** s
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng):
        return bisect.bisect_left(self.cumulative, rng.random() * self.total)


def name(rng, syllables, words):
    return " ".join("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))) for _ in range(words))


def serial(index, letters):
    """A word made of `letters` that is different for every index, so that no two generated
    entities share a name (isnad check would rightly flag them as probable duplicates)."""
    digits = []
    index += 1
    while index:
        index, digit = divmod(index - 1, len(letters))
        digits.insert(0, letters[digit])
    # A vowel between letters: name folding collapses doubled letters, which would merge serials.
    return ("a" if letters == LATIN_LETTERS else "ا").join(digits)


LATIN_LETTERS = "bcdfgjklmnrstvwxz"
ARABIC_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمن"


def partial_date(rng, low=1980, high=2024):
    year = rng.randint(low, high)
    precision = rng.random()
    if precision < 0.4:
        return "%04d" % year
    month = rng.randint(1, 12)
    if precision < 0.7:
        return "%04d-%02d" % (year, month)
    return "%04d-%02d-%02d" % (year, month, rng.randint(1, 28))


def quote(rng, words, low, high):
    text = []
    while sum(len(w) + 1 for w in text) < rng.randint(low, high):
        text.append(rng.choice(words))
    return " ".join(text)


def line(record):
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--entities", type=int, help="default: claims / 8")
    parser.add_argument("--sources", type=int, help="default: claims / 40, at least 20")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--claim-prefix", default="c-",
                        help="claim ids are this and a number (two files meant for one store need different ones: "
                             "a claim id names one relationship)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n_entities = args.entities or max(50, args.claims // 8)
    n_sources = args.sources or max(20, args.claims // 40)
    out = sys.stdout

    with open(VOCABULARY, encoding="utf-8") as handle:
        predicates = json.load(handle)["predicates"]

    by_type = {kind: [] for kind, _ in TYPES}
    for index in range(n_entities):
        kind = weighted(rng, TYPES)
        entity_id = "%s-%d" % (kind[:3], index)
        by_type[kind].append(entity_id)
        english = (name(rng, LATIN, 2) + " " + serial(index, LATIN_LETTERS)).title()
        arabic = name(rng, ARABIC, 2) + " " + serial(index, ARABIC_LETTERS)
        record = {"record": "entity", "id": entity_id, "type": kind, "name": english,
                  "aliases": [{"name": arabic, "lang": "ar"}]}
        if rng.random() < 0.5:
            record["aliases"].append({"name": "al-" + english, "lang": "en"})
        if rng.random() < 0.3:
            record["description"] = quote(rng, WORDS_EN, 30, 120)
        out.write(line(record) + "\n")
    pickers = {kind: Zipf(len(ids)) for kind, ids in by_type.items() if ids}

    source_ids = ["src-%d" % index for index in range(n_sources)]
    for index, source_id in enumerate(source_ids):
        record = {"record": "source", "id": source_id, "type": rng.choice(SOURCE_TYPES),
                  "title": quote(rng, WORDS_EN, 20, 60), "reliability": weighted(rng, RELIABILITY),
                  "lang": rng.choice(["ar", "en"])}
        if rng.random() < 0.8:
            record["published"] = partial_date(rng, 2000, 2024)
        if index > 0 and rng.random() < 0.3:
            record["cites"] = sorted(set(rng.choice(source_ids[:index]) for _ in range(rng.randint(1, 2))))
        out.write(line(record) + "\n")
    source_picker = Zipf(n_sources, 0.8)

    usable = [p for p in predicates if any(by_type.get(t) for t in p["subject"]) and any(by_type.get(t) for t in p["object"])]
    for index in range(args.claims):
        predicate = rng.choice(usable)
        subject_type = rng.choice([t for t in predicate["subject"] if by_type.get(t)])
        object_type = rng.choice([t for t in predicate["object"] if by_type.get(t)])
        subject = by_type[subject_type][pickers[subject_type].pick(rng)]
        target = by_type[object_type][pickers[object_type].pick(rng)]
        while target == subject:
            target = by_type[object_type][rng.randrange(len(by_type[object_type]))]
            if len(by_type[object_type]) == 1:
                break
        if target == subject:
            continue
        start = partial_date(rng) if rng.random() < 0.7 else None
        end = None
        if start and rng.random() < 0.3:
            year = int(start[:4]) + rng.randint(1, 6)
            end = "%04d" % year if rng.random() < 0.5 else "%04d-%02d" % (year, rng.randint(1, 12))
        citations, used = [], set()
        for _ in range(rng.randint(1, 3)):
            source = source_ids[source_picker.pick(rng)]
            text = quote(rng, WORDS_AR, 40, 400)
            if (source, text) in used:
                continue
            used.add((source, text))
            citation = {"source": source}
            if rng.random() < 0.3:
                via = source_ids[source_picker.pick(rng)]
                if via != source:
                    citation["via"] = via
            citation["quote"] = text
            if rng.random() < 0.5:
                citation["quote_en"] = quote(rng, WORDS_EN, 40, 300)
            citation["stance"] = weighted(rng, [("asserts", 70), ("reports", 20), ("denies", 10)])
            # Credibility 1 ("confirmed by independent sources") is for claims whose chains show two
            # independent channels, which isnad check verifies; random citations never are, so a draw
            # of 1 becomes 2 (the draw is kept so that the rest of the data stays the same).
            citation["credibility"] = max(2, rng.randint(1, 6))
            citations.append(citation)
        record = {"record": "claim", "id": "%s%d" % (args.claim_prefix, index), "subject": subject, "predicate": predicate["id"],
                  "object": target, "start": start, "end": end, "citations": citations}
        out.write(line(record) + "\n")


if __name__ == "__main__":
    main()
