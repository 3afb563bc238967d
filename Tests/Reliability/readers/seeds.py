#!/usr/bin/env python3
"""Seeds and dictionaries for Tests/Reliability/fuzz-readers, from the repository's own files.

    seeds.py ROOT WORK ISNAD

ROOT: the checkout; WORK: .build-fuzz-readers; ISNAD: a plain build of isnad (to make a store
with a varied history, and a claims listing). Writes WORK/seeds/TARGET/ and WORK/dict/TARGET.dict.
Every file of readers/regressions/TARGET/ (past findings) is a seed of TARGET as it is.
"""
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

root, work, isnad = sys.argv[1], sys.argv[2], sys.argv[3]
MAX = 16384
seeds_dir = os.path.join(work, "seeds")
dict_dir = os.path.join(work, "dict")
shutil.rmtree(seeds_dir, ignore_errors=True)
os.makedirs(dict_dir, exist_ok=True)
dataset = os.path.join(root, "Datasets", "hadera-2022", "hadera-2022.jsonl")


def put(target, data, limit=MAX):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        return
    folder = os.path.join(seeds_dir, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as handle:
        handle.write(data)


def dictionary(target, words):
    with open(os.path.join(dict_dir, target + ".dict"), "w") as handle:
        for word in sorted(set(words)):
            if not word:
                continue
            # libFuzzer's form: printable ASCII as it is, \\ and \", every other byte as \xNN.
            escaped = "".join(
                "\\" + chr(b) if chr(b) in '\\"' else chr(b) if 0x20 <= b < 0x7F else "\\x%02X" % b
                for b in word.encode("utf-8"))
            handle.write('"' + escaped + '"\n')


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


records = [json.loads(line) for line in open(dataset, encoding="utf-8") if line.strip()]
entities = [r for r in records if r["record"] == "entity"]
sources = [r for r in records if r["record"] == "source"]
claims = [r for r in records if r["record"] == "claim"]

# A store with a varied history, and its listing (made with the plain build).
scratch = tempfile.mkdtemp(prefix="isnad-seeds-")
store = os.path.join(scratch, "seed.db")
environment = dict(os.environ, ISNAD_AUTHOR="seed")


def cli(*arguments, check=True):
    result = subprocess.run([isnad, "--db", store, *arguments], capture_output=True, env=environment)
    if check and result.returncode != 0:
        sys.exit("seeds: isnad %s failed: %s" % (" ".join(arguments), result.stderr.decode()))
    return result.stdout


cli("import", dataset)
for command in [
    ["set", "hamas-praised-hadera-attack", "citations[0].credibility", "3"],
    ["set", "hadera-2022-article", "reliability", "D", "--author", "ana ع"],
    ["set", "hamas", "aliases[5]", "en:Hamas movement"],
    ["retract", "abm-joined-isis", "--reason", "the quote is about another group"],
    ["restore", "abm-joined-isis"],
    ["merge", "hadera-attacker-1", "hadera-attacker-2"],
    ["undo"],
    ["add", "entity", "--type", "organization", "--name", "Arab states", "--alias", "ar:الدول العربية"],
    ["add", "claim", "Hamas", "praised", "Hadera attack", "--source", "hadera-2022-article", "--quote", "حماس باركت العملية",
     "--stance", "asserts", "--credibility", "3", "--unverified", "paraphrase"],
    ["delete", "arab-states"],
]:
    cli(*command)
listing = cli("claims", "--format", "csv", "--limit", "0").decode("utf-8")
# Renamed after the listing is taken, whose rows then name the seed dataset's ids.
cli("rename", "hadera-2022-article", "source-a")
cli("rename", "abu-maram-al-jazairi", "abu-maram", "--kind", "entity")
cli("undo")
history = cli("export", "history").decode("utf-8").splitlines()
template = os.path.join(scratch, "template.csv")
cli("template", template)
template_text = open(template, encoding="utf-8-sig").read()
shutil.rmtree(scratch)

# STIX: bundles of one relationship with what it names (ends, reports, opinions, the producer
# and the extension definition), the entities and reports alone, and foreign objects.
bundle = json.load(open(os.path.join(root, "Exports", "hadera-2022.stix.json"), encoding="utf-8"))
objects = bundle["objects"]
by_id = {o["id"]: o for o in objects}
frame = [o for o in objects if o["type"] in ("extension-definition",) or o["id"].startswith("identity--") and o.get("identity_class") == "system"]


def stix(selected):
    return json.dumps({"type": "bundle", "id": bundle["id"], "objects": selected}, ensure_ascii=False, indent=1)


for relationship in [o for o in objects if o["type"] == "relationship"]:
    selected = list(frame)
    for ref in (relationship["source_ref"], relationship["target_ref"]):
        if ref in by_id:
            selected.append(by_id[ref])
    selected.append(relationship)
    selected += [o for o in objects if o["type"] == "report" and relationship["id"] in o.get("object_refs", [])]
    selected += [o for o in objects if o["type"] == "opinion" and relationship["id"] in o.get("object_refs", [])]
    put("FuzzSTIX", stix(selected))
    put("FuzzSTIX", compact({"type": "bundle", "id": bundle["id"], "objects": selected}))
for o in objects:
    if o["type"] in ("identity", "incident", "report"):
        put("FuzzSTIX", stix(frame + [o]))
foreign = [
    {"type": "threat-actor", "spec_version": "2.1", "id": "threat-actor--56a4a982-0000-4000-8000-000000000001",
     "created": "2020-01-01T00:00:00.000Z", "modified": "2021-01-01T00:00:00.000Z", "name": "Group One",
     "aliases": ["G1", "المجموعة الأولى"], "first_seen": "2014-05-01T00:00:00Z", "roles": ["agent"],
     "object_marking_refs": ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]},
    {"type": "identity", "spec_version": "2.1", "id": "identity--0000-0000-0000-000000000002",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "name": "Jane Doe",
     "identity_class": "individual", "description": "a person"},
    {"type": "identity", "spec_version": "2.1", "id": "identity--0000-0000-0000-000000000009",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "name": "Vendor",
     "identity_class": "organization"},
    {"type": "location", "spec_version": "2.1", "id": "location--0000-0000-0000-000000000003",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "city": "Aleppo",
     "administrative_area": "Aleppo Governorate", "country": "SY", "latitude": 36.2, "longitude": 37.15},
    {"type": "incident", "spec_version": "2.1", "id": "incident--0000-0000-0000-000000000004",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "name": "Attack on X"},
    {"type": "relationship", "spec_version": "2.1", "id": "relationship--0000-0000-0000-000000000005",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "relationship_type": "related-to",
     "source_ref": "threat-actor--56a4a982-0000-4000-8000-000000000001",
     "target_ref": "identity--0000-0000-0000-000000000002", "confidence": 85, "description": "they met",
     "start_time": "2014-05-01T00:00:00Z", "stop_time": "2015-02-30T00:00:00Z"},
    {"type": "relationship", "spec_version": "2.1", "id": "relationship--0000-0000-0000-000000000006",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "relationship_type": "targets",
     "source_ref": "threat-actor--56a4a982-0000-4000-8000-000000000001",
     "target_ref": "location--0000-0000-0000-000000000003"},
    {"type": "report", "spec_version": "2.1", "id": "report--0000-0000-0000-000000000007",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "name": "A report",
     "published": "2020-01-02T00:00:00Z", "report_types": ["threat-report"],
     "created_by_ref": "identity--0000-0000-0000-000000000009",
     "external_references": [{"source_name": "A report", "url": "https://example.org/r", "description": "words"}],
     "object_refs": ["relationship--0000-0000-0000-000000000005", "relationship--0000-0000-0000-000000000006",
                     "threat-actor--56a4a982-0000-4000-8000-000000000001"]},
    {"type": "opinion", "spec_version": "2.1", "id": "opinion--0000-0000-0000-000000000008",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "opinion": "disagree",
     "object_refs": ["relationship--0000-0000-0000-000000000005"]},
    {"type": "attack-pattern", "spec_version": "2.1", "id": "attack-pattern--0000-0000-0000-00000000000a",
     "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z", "name": "Spearphishing", "revoked": True},
    {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--0000-0000-0000-00000000000b",
     "created": "2020-01-01T00:00:00Z", "definition_type": "statement", "name": "internal",
     "definition": {"statement": "internal only"}},
]
put("FuzzSTIX", json.dumps({"type": "bundle", "id": "bundle--0000-0000-0000-000000000000", "objects": foreign}, indent=2))
put("FuzzSTIX", compact({"type": "bundle", "id": "bundle--0000-0000-0000-000000000000", "objects": foreign}))
older = dict(foreign[0], modified="2019-01-01T00:00:00.500Z", name="Group One (old)")
put("FuzzSTIX", compact({"type": "bundle", "id": "bundle--1", "objects": foreign + [older]}))
for text in ['{"type":"bundle","objects":[]}', '{"type":"bundle","objects":{}}', '{"type":"bundle","objects":[1,"x",null]}',
             '\ufeff{"type":"bundle","id":"bundle--x"}', '{"type":"bundle"']:
    put("FuzzSTIX", text)
stix_words = ["type", "bundle", "objects", "id", "spec_version", "created", "modified", "created_by_ref", "revoked",
              "object_refs", "object_marking_refs", "source_ref", "target_ref", "relationship_type", "start_time",
              "stop_time", "confidence", "description", "external_references", "source_name", "external_id", "url",
              "published", "report_types", "threat-report", "identity_class", "individual", "organization", "group",
              "aliases", "name", "lang", "country", "region", "latitude", "longitude", "opinion", "marking-definition",
              "definition", "tlp", "isnad_id", "isnad_type", "isnad_aliases", "isnad_attributes", "isnad_merged",
              "isnad_source", "isnad_predicate", "isnad_start", "isnad_end", "isnad_citations", "isnad_notes",
              "isnad_status", "isnad_grade", "isnad_channels", "isnad_common_link", "stance", "credibility", "quote",
              "quote_en", "via", "locator", "reliability", "cites", "publisher", "author", "text", "threat-actor",
              "intrusion-set", "location", "incident", "report", "relationship", "identity", "related-to", "targets",
              "located-at", "attributed-to", "originates-from", "2014-05-01T00:00:00Z", "2014-05-31T23:59:59Z",
              "asserts", "reports", "denies", "person", "place", "event", "member_of", "linked_to"]
# Escapes that put a control character or a line break in a string (JSON forbids them raw).
escapes = ["\\n", "\\r", "\\u001b", "\\u009b", "\\u202e", "\\u2028", "\\u0000", "\\t"]
dictionary("FuzzSTIX", stix_words + escapes)

# FtM: every line alone, and each interval with its ends and proofs (a file that imports whole).
ftm_lines = open(os.path.join(root, "Exports", "hadera-2022.ftm.jsonl"), encoding="utf-8").read().splitlines()
ftm = [json.loads(line) for line in ftm_lines]
ftm_by_id = {e["id"]: line for e, line in zip(ftm, ftm_lines)}
for entity, line in zip(ftm, ftm_lines):
    put("FuzzFtM", line + "\n")
    properties = entity["properties"]
    refs = []
    for key in ("member", "organization", "director", "person", "relative", "subject", "object", "proof"):
        refs += [ftm_by_id[v] for v in properties.get(key, []) if v in ftm_by_id]
    if refs:
        put("FuzzFtM", "\n".join(refs + [line]) + "\n")
for entity in [
    {"id": "NK-abc", "schema": "Person", "properties": {"name": ["Jane Doe", "J. Doe"], "alias": ["جين"], "birthDate": ["1970"],
                                                        "notes": ["a note"], "country": ["sy"]}},
    {"id": "co-1", "schema": "Company", "properties": {"name": ["Acme"], "weakAlias": ["ACME"], "incorporationDate": "1999"}},
    {"id": "doc-1", "schema": "Article", "properties": {"title": ["A story"], "publishedAt": ["2014-05-01T10:00:00"],
                                                        "language": ["ara"], "sourceUrl": ["https://example.org/a"],
                                                        "bodyText": ["Jane met Acme."]}},
    {"id": "m-1", "schema": "Membership", "properties": {"member": ["NK-abc"], "organization": ["co-1"], "role": ["met with"],
                                                         "proof": ["doc-1"], "description": ["Jane met Acme."],
                                                         "startDate": ["2014-05"], "endDate": ["2014-02-30"]}},
    {"id": "f-1", "schema": "Family", "properties": {"person": ["NK-abc"], "relative": ["NK-abc"], "relationship": ["son"],
                                                     "proof": ["doc-1"], "summary": ["s", "asserts; credibility 2 (probably true)"]}},
    {"id": "p-1", "schema": "Payment", "properties": {"payer": ["co-1"], "beneficiary": ["NK-abc"], "date": ["2015-01-01"],
                                                      "proof": ["doc-1"], "description": ["paid"], "amount": [5]}},
    {"id": "e-1", "schema": "Event", "properties": {"name": ["Meeting"], "date": ["2014"]}},
    {"id": "a-1", "schema": "Address", "properties": {"full": ["1 Main St"]}},
    {"id": "v-1", "schema": "Vessel", "properties": {"name": ["Boat"]}},
]:
    put("FuzzFtM", compact(entity) + "\n")
put("FuzzFtM", "\n".join(compact(e) for e in [
    {"id": "NK-abc", "schema": "Person", "properties": {"name": ["Jane Doe"]}},
    {"id": "co-1", "schema": "Company", "properties": {"name": ["Acme"]}},
    {"id": "doc-1", "schema": "Article", "properties": {"title": ["A story"], "publishedAt": ["2014-05-01"]}},
    {"id": "m-1", "schema": "UnknownLink", "properties": {"subject": ["NK-abc"], "object": ["co-1"], "role": ["denied: praised"],
                                                          "proof": ["doc-1"], "description": ["Jane praised Acme."],
                                                          "status": ["denies; credibility 3 (possibly true); claimant: doc-1"]}},
]) + "\n")
dictionary("FuzzFtM", ["id", "schema", "properties", "name", "alias", "weakAlias", "previousName", "full", "notes",
                       "description", "summary", "status", "role", "relationship", "proof", "startDate", "endDate", "date",
                       "recordId", "member", "organization", "director", "person", "relative", "subject", "object", "payer",
                       "beneficiary", "employee", "employer", "associate", "title", "publisher", "author", "sourceUrl",
                       "publishedAt", "language", "bodyText", "fileName", "Person", "Organization", "Company", "PublicBody",
                       "LegalEntity", "Event", "Address", "Document", "Article", "Membership", "Directorship", "Family",
                       "UnknownLink", "Associate", "Employment", "Payment", "isnad-entity-", "isnad-source-", "isnad-claim-",
                       "entity.", "source.", "claim.", "Attributes: ", "Merged ids: ", "Full name: ", "URL: ",
                       "Isnad source type: ", "Admiralty reliability: ", "Cites: ", "denied: ", "asserts; credibility 2 (probably true)",
                       "; claimant: ", "; via: ", "parent", "son", "ara"] + escapes)

# Sheets: the template's header, the listing whole and in pieces, plain sheets of its rows, and
# the forms a spreadsheet saves (sep=, semicolons, tabs, BOM, CR ends, quoted line breaks).
put("FuzzSheet", template_text)
put("FuzzSheet", listing)
listing_lines = listing.split("\r\n")
header, rows = listing_lines[0], [line for line in listing_lines[1:] if line]
for start in range(0, len(rows), 3):
    put("FuzzSheet", "\r\n".join([header] + rows[start:start + 3]) + "\r\n")
import csv
import io

parsed = list(csv.DictReader(io.StringIO(listing)))
columns = ["subject", "predicate", "object", "start", "end", "source", "via", "quote", "quote_en", "stance", "credibility", "locator"]
for index, row in enumerate(parsed):
    plain = {"subject": row["subject_name"] if index % 2 else row["subject"], "predicate": row["predicate"],
             "object": row["object"], "start": row["start"], "end": row["end"], "source": row["citation_source"],
             "via": row["via"], "quote": row["quote"], "quote_en": row["quote_en"], "stance": row["stance"],
             "credibility": row["credibility"], "locator": row["locator"]}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=[",", ";", "\t"][index % 3], lineterminator=["\r\n", "\n", "\r"][index % 3])
    writer.writeheader()
    writer.writerow(plain)
    text = out.getvalue()
    if index % 4 == 0:
        text = "\ufeff" + text
    if index % 5 == 0:
        text = "sep=" + [",", ";", "\t"][index % 3] + "\n" + text
    put("FuzzSheet", text)
put("FuzzSheet", 'subject,predicate,object,source,quote,stance,credibility\r\nhamas,praised,hadera-attack,hadera-2022-article,"a ""quoted""\r\nline",asserts,٣\r\n')
# A row of empty cells far past the header (a spreadsheet's trailing commas), and a header of
# more columns than the reader takes.
put("FuzzSheet", "subject,predicate,object,source,quote,stance,credibility\n" + "," * 16000 + "\n")
put("FuzzSheet", "subject,predicate,object,source,quote,stance,credibility" + ",x" * 1020 + "\n")
put("FuzzSheet", "subject,predicate,object,source,quote,stance,credibility\n" + "," * 8000 + "text\n")
put("FuzzSheet", "subject,predicate,object,source,quote,stance,credibility\nHamas,مدح,hadera attack,hadera-2022-article,'=1+1,ASSERTS,2.0,new-claim\n")
dictionary("FuzzSheet", columns + ["claim", "citation_source", "sep=", "sep=;", "\r\n", "\"\"", "asserts", "reports", "denies",
                                   "hamas", "isis", "hadera-2022-article", "praised", "member_of", "unverified: ", "line 3",
                                   "'=", "subject_name", "object_name", "status", "best_reliability"])

# History: each line of the varied history alone, in runs, and whole.
for line in history:
    put("FuzzHistory", line + "\n", limit=65536)
for start in range(len(history)):
    put("FuzzHistory", "\n".join(history[start:start + 3]) + "\n", limit=65536)
put("FuzzHistory", "\n".join(history) + "\n", limit=1 << 20)
small = {"entry": 1, "at": "2026-12-03T16:16:16Z", "author": "ana", "command": "isnad set x name y", "undoes": None,
         "undone_by": None, "records": []}
put("FuzzHistory", compact(small) + "\n")
put("FuzzHistory", compact(dict(small, entry=2, undoes=1)) + "\n" + compact(dict(small, undone_by=2)) + "\n")
dictionary("FuzzHistory", ["entry", "at", "author", "command", "undoes", "undone_by", "records", "kind", "id", "action",
                           "before", "after", "added", "changed", "removed", "entity", "source", "claim", "null",
                           "2026-12-03T16:16:16Z", "\\u0000", "\\u001b", "\\n", "\\r", "\\t"])

# Dates.
dates = ["2022", "2022-03", "2022-03-27", "2022-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "0000", "0001-01-01",
         "9999-12-31", "2022-13", "2022-00", "2022-04-31", "١٤٤٣", "۱۴۰۰-۰۱", "٢٠٢٢-٠٣-٢٧", "27/03/2022", "03/27/2022",
         "31/02/2022", "2022/3/7", "2022.03.27", "44647", "Mar-22", "March-2022", "2014-05-01T00:00:00Z",
         "2014-05-01T00:00:00.500Z", "2026-12-03T16:16:16Z", "2026-12-03T24:00:00Z", "2014-05-01 10:00", "next week", ""]
for index, date in enumerate(dates):
    put("FuzzDates", date)
    put("FuzzDates", date + "\n" + dates[(index * 7 + 3) % len(dates)])
dictionary("FuzzDates", ["-", "/", ".", "T", "Z", ":", "00", "12", "31", "29", "02", "2022", "1443", "٠", "٩", "۰", "۹", "Mar"])

# Quotes: each citation's quote with its source's text (cut to fit), and quotes cut from it.
texts = {s["id"]: s.get("text", "") for s in sources}
for claim in claims:
    for citation in claim.get("citations", []):
        text = texts.get(citation.get("via") or citation["source"], "")
        quote = citation["quote"]
        at = text.find(quote[:20])
        window = text[max(0, at - 2000):at + 4000] if at >= 0 else text[:4000]
        put("FuzzQuote", quote + "\x1f" + window)
        put("FuzzQuote", quote[: len(quote) // 2] + "\x1f" + quote)
for quote, text in [("ضد", "ضدّ"), ("قُتِلَ", "قَتَلَ"), ("cafe", "café"), ("👍", "👍🏽"), ("👨", "👨‍👩‍👧"),
                    ("👩‍👧", "👨‍👩‍👧"), ("🇸", "🇵🇸"), ("اسرائيل", "إسرائيل"), ("a  b", "a\r\nb"), ("b", "a\u2028b\u2029c\x85d"),
                    ("🏴", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"), ("שלום", "שָׁלוֹם")]:
    put("FuzzQuote", quote + "\x1f" + text)
# A text that repeats most of the quote, again and again: a search tried at every place of it was
# quadratic (5 s and more for this one).
put("FuzzQuote", "a" * 1500 + "b" + "\x1f" + "a" * 14800)
dictionary("FuzzQuote", ["\x1f", "\u200d", "\u0651", "\u064e", "\u0640", "\u0623", "\u0627", "\r\n", "\u2028", "\U0001f1f8",
                         "\U0001f3fd", "\u0301", "\ufe0f"])

# Names: every name and alias of the dataset, and forms NameKey folds.
for entity in entities:
    put("FuzzNames", entity["name"])
    for alias in entity.get("aliases", []):
        put("FuzzNames", alias["name"])
for name in ["Abou Bakr el-Baghdadi", "Abu Bakr al Baghdaddi", "عبدالله", "عبد الله", "نصرالله", "حزب الله", "إلهام",
             "ألبانيا", "I.S.I.S.", "G. W. Bush", "The The", "🚀", "Ｈａｍａｓ", "ابن تيمية", "Ma'ruf", "Shi‘a", "राज", "ข้าว",
             "person 11", "U.S.Army", "ﷲ", "ـــحماس", "\u202eevil", "a\u200bb"]:
    put("FuzzNames", name)
dictionary("FuzzNames", ["al-", "el-", "ash-", "Abu ", "Abd", "ibn ", "ال", "عبد", "الله", "ابن", ". ", "\u0651", "\u064e",
                         "\u0640", "\u200d", "\u0623", "\u0625", "\u0622", "ة", "ى", "ی", "ک"])

# Predicates: ids and labels, and how they are typed.
vocabulary = json.load(open(os.path.join(root, "Schemas", "predicates.json"), encoding="utf-8"))["predicates"]
for predicate in vocabulary:
    for key in ("id", "label_en", "label_ar", "labelEnglish", "labelArabic", "label"):
        if isinstance(predicate.get(key), str):
            put("FuzzPredicates", predicate[key])
            put("FuzzPredicates", predicate[key].upper())
for text in ["مَوَّلَ", "تابع ل", "supplied", "member_of_", "Supplied weapons to", "قُتل", "funded ", ""]:
    put("FuzzPredicates", text)
dictionary("FuzzPredicates", [p["id"] for p in vocabulary] + ["_", " ", "\u064e", "\u0651"])

for folder in sorted(glob.glob(os.path.join(root, "Tests", "Reliability", "readers", "regressions", "*"))):
    for path in sorted(glob.glob(os.path.join(folder, "*"))):
        with open(path, "rb") as handle:
            put(os.path.basename(folder), handle.read(), limit=65536)

for target in sorted(os.listdir(seeds_dir)):
    print("seeds: %s: %d inputs" % (target, len(os.listdir(os.path.join(seeds_dir, target)))))
