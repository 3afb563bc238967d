"""Checks FollowTheMoney entities (JSON Lines) as ../shared/formats/interop.md §3.3 does: the
schema exists and is concrete, every property is in it, required ones are present, the values
validate and load unchanged, ids are valid, interval dates are ordered, and every entity
reference names an entity in the file of a fitting schema. Prints one line per problem.

    python3 Tests/Exchange/ftm_check.py FILE [--allow-cleaning]

--allow-cleaning: values that FtM's cleaning rewrites (hostile strings: trailing bidi marks)
are not problems; everything else still is. Exit 0 when there is no problem, 1 otherwise.
"""
import json
import sys

from followthemoney import model, registry
from followthemoney.exc import InvalidData

allow_cleaning = "--allow-cleaning" in sys.argv
path = [a for a in sys.argv[1:] if not a.startswith("--")][0]
problems = []
entities = {}
references = []
count = 0
for number, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip():
        continue
    count += 1
    data = json.loads(line)
    where = f"{path}:{number}: {data.get('id')}"
    schema = model.get(data.get("schema"))
    if schema is None or schema.abstract:
        problems.append(f"{where}: schema {data.get('schema')!r} is unknown or abstract")
        continue
    properties = data.get("properties", {})
    for name, values in properties.items():
        if name not in schema.properties:
            problems.append(f"{where}: unknown property {name}")
        elif not isinstance(values, list):
            problems.append(f"{where}: {name} is not a list")
    for name in schema.required:
        if not properties.get(name):
            problems.append(f"{where}: required property {name} is missing")
    try:
        schema.validate(data)
    except InvalidData as error:
        problems.append(f"{where}: {error}")
    kept = model.get_proxy(data, cleaned=False).to_dict()["properties"]
    for name, values in properties.items():
        if name in schema.properties and values != kept.get(name, []) and not allow_cleaning:
            problems.append(f"{where}: {name} changes when FtM cleans it: {values!r} -> {kept.get(name)!r}")
    if registry.entity.validate(data["id"]) is False:
        problems.append(f"{where}: invalid id")
    if schema.is_a("Interval"):
        start, end = properties.get("startDate", [None])[0], properties.get("endDate", [None])[0]
        if start and end and end < start[: len(end)]:
            problems.append(f"{where}: endDate {end} before startDate {start}")
    entities[data["id"]] = schema
    for name, values in properties.items():
        prop = schema.properties.get(name)
        if prop is not None and prop.type == registry.entity:
            for value in values:
                references.append((where, name, prop.range, value))
for where, name, expected, value in references:
    target = entities.get(value)
    if target is None:
        problems.append(f"{where}: {name} names {value}, which is not in the file")
    elif not target.is_a(expected):
        problems.append(f"{where}: {name} names a {target.name}, not a {expected.name}")
for problem in problems:
    print(problem)
print(f"{count} entities, {len(problems)} problems", file=sys.stderr)
sys.exit(1 if problems or count == 0 else 0)
