"""Checks a STIX 2.1 bundle with the OASIS validator in strict mode (warnings are errors,
relationship refs enforced; no network) and with the stix2 library's parser, object by object.
Prints every finding; exit 0 only when there is none.

    python3 Tests/Exchange/stix_check.py BUNDLE.json
"""
import json
import sys

import stix2
from stix2validator import ValidationOptions, validate_file

path = sys.argv[1]
findings = []
options = ValidationOptions(version="2.1", strict=True, enforce_refs=True)
result = validate_file(path, options)
for objects in result.object_results:
    findings += [f"validator error: {error}" for error in objects.errors]
    findings += [f"validator warning: {warning}" for warning in objects.warnings]
if not result.is_valid and not findings:
    findings.append("validator: invalid")
bundle = json.load(open(path, encoding="utf-8"))
for obj in bundle["objects"]:
    try:
        stix2.parse(obj, allow_custom=False)
    except Exception as error:  # stix2 raises many kinds; each is a finding
        findings.append(f"stix2.parse {obj.get('id')}: {error}")
for finding in findings:
    print(finding)
print(f"{len(bundle['objects'])} objects, {len(findings)} findings", file=sys.stderr)
sys.exit(1 if findings else 0)
