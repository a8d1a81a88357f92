"""Sanity checks for tests/labels/corpus.jsonl (run: python3 check_corpus.py)."""
import collections
import json
import os
import sys

CATS = {"marketing", "data_sharing", "credit_check", "personalization",
        "tracking", "paid_addon", "subscription", "account"}
FLAGS = {"bundled", "radio", "opt_out"}
KEYS = ["lang", "kind", "on", "question", "label", "expect", "flags"]

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus.jsonl")
errors = []
rows = []
with open(path, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{n}: invalid JSON: {e}")
            continue
        rows.append((n, r))
        if list(r) != KEYS:
            errors.append(f"{n}: keys {list(r)}")
            continue
        if r["lang"] not in ("de", "en"):
            errors.append(f"{n}: lang")
        if r["kind"] not in ("checkbox", "radio"):
            errors.append(f"{n}: kind")
        if not isinstance(r["on"], bool):
            errors.append(f"{n}: on not bool")
        if not isinstance(r["label"], str) or not r["label"].strip():
            errors.append(f"{n}: empty label")
        if r["kind"] == "radio" and not r["question"].strip():
            errors.append(f"{n}: radio without question")
        if r["kind"] == "checkbox" and r["question"] != "":
            errors.append(f"{n}: checkbox with question")
        if r["expect"] is not None and r["expect"] not in CATS:
            errors.append(f"{n}: bad category {r['expect']}")
        fl = r["flags"]
        if not isinstance(fl, list) or set(fl) - FLAGS or len(set(fl)) != len(fl):
            errors.append(f"{n}: bad flags {fl}")
            continue
        pos = r["expect"] is not None
        if not pos and fl:
            errors.append(f"{n}: negative with flags")
        if pos:
            if "opt_out" in fl:
                if r["on"] or r["kind"] != "checkbox":
                    errors.append(f"{n}: opt_out must be an unticked checkbox")
            elif not r["on"]:
                errors.append(f"{n}: positive but OFF without opt_out")
            if r["kind"] == "radio" and "radio" not in fl:
                errors.append(f"{n}: positive radio without radio flag")
            if "radio" in fl and r["kind"] != "radio":
                errors.append(f"{n}: radio flag on checkbox")
            if "bundled" in fl and "opt_out" in fl:
                errors.append(f"{n}: bundled+opt_out")

labels = collections.Counter((r["lang"], r["question"], r["label"]) for _, r in rows)
for k, v in labels.items():
    if v > 1:
        errors.append(f"duplicate: {k}")

pos = [r for _, r in rows if r["expect"]]
neg = [r for _, r in rows if not r["expect"]]
cat = collections.Counter(r["expect"] for r in pos)
print("total", len(rows), "positives", len(pos), f"({len(pos)/len(rows):.0%})", "negatives", len(neg))
print("lang", dict(collections.Counter(r["lang"] for _, r in rows)))
print("kind", dict(collections.Counter(r["kind"] for _, r in rows)))
print("on", dict(collections.Counter(r["on"] for _, r in rows)))
for c in sorted(CATS):
    byl = collections.Counter(r["lang"] for r in pos if r["expect"] == c)
    print(f"  {c:16} {cat[c]:3}  de={byl['de']} en={byl['en']}")
print("flags", dict(collections.Counter(f for r in pos for f in r["flags"])))
print("negatives by lang/kind/on", dict(collections.Counter((r["lang"], r["kind"], r["on"]) for r in neg)))

if len(rows) != 420:
    errors.append(f"expected 420 lines, got {len(rows)}")
for c in CATS:
    if cat[c] < 25:
        errors.append(f"category {c} has only {cat[c]}")
if sum(r["kind"] == "radio" for _, r in rows) < 40:
    errors.append("fewer than 40 radios")

if errors:
    print("\n".join(errors))
    sys.exit(1)
print("OK")
