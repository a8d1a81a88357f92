#!/usr/bin/env python3
"""Draws the sentences of the claims gold set (tests/data/claims-gold/) from real policies
whose licence lets us keep them in the repository and that no rule was tuned on:
English from GDPR Transparency 200 (GPL-3.0), German from CLAUDETTE's German consumer terms
(CC BY 4.0). Half of each sample is drawn at random, half from sentences that talk about data
at all (a broad word list), so that every category has enough positives to measure recall.

Usage: scripts/sample-claims-gold.py DATA_DIR OUT_DIR   (DATA_DIR holds policy/ and terms/)
Deterministic (seeded); the readers label the sentences it writes, blind to the rules.
"""
import json, random, re, sys
from pathlib import Path

data, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
DATA_WORDS = {
    "en": re.compile(r"\b(data|information|share|sharing|disclos|third|partner|sell|sale|sold|"
                     r"transfer|merger|acqui|bankrupt|cookie|track|analytic|advertis|profil|never)", re.I),
    "de": re.compile(r"(daten|dritt|weitergeb|weitergab|übermittel|partner|verkauf|fusion|"
                     r"übernahme|insolvenz|cookie|track|analyse|werb|profil|niemals|nie )", re.I),
}

def rows(lang):
    if lang == "en":
        path, licence = data / "policy/gdpr-transparency200.train.jsonl", "GPL-3.0"
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            if r.get("type") == "text":
                yield r["id"], r["app"], r["text"], r["source"], licence
    else:
        path, licence = data / "terms/claudette-sentences.train.jsonl", "CC-BY-4.0"
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            if r["language"] == "de":
                yield r["id"], r["doc"], r["text"], r["source"], licence

for lang, n in (("en", 700), ("de", 700)):
    seen, pool = set(), []
    for rid, doc, text, source, licence in rows(lang):
        text = " ".join(text.split())
        if not (30 <= len(text) <= 600) or text in seen or not re.search(r"[a-zäöü]{3}", text):
            continue
        seen.add(text)
        pool.append({"id": rid, "doc": doc, "lang": lang, "text": text, "source": source, "licence": licence})
    rng = random.Random(20261204)
    talky = [r for r in pool if DATA_WORDS[lang].search(r["text"])]
    picked = rng.sample(pool, n // 2)
    ids = {r["id"] for r in picked}
    picked += rng.sample([r for r in talky if r["id"] not in ids], n - n // 2)
    rng.shuffle(picked)
    with open(out / f"{lang}-sentences.jsonl", "w", encoding="utf-8") as f:
        for i, r in enumerate(picked):
            r["n"] = i
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(lang, len(pool), "sentences in the pool,", len(talky), "about data;", len(picked), "drawn")
