#!/usr/bin/env python3
"""Usage: python3 check_counts.py [DIR] [--lang=de|--lang=en] [-v]   (default: en_* pages only)
Check the blind consent pages with html.parser, as the fixtures README says:
1. build a tree, 2. select candidates, 3. data-expect only on candidates, positives ON (except opt_out),
4. opt_out only on unticked checkboxes, radio only on radios, 5. hidden matches the static techniques
for the control and all of its labels.  Prints counts per page and totals."""
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
CATEGORIES = {"marketing", "data_sharing", "credit_check", "personalization", "tracking",
              "paid_addon", "subscription", "account"}
FLAGS = {"hidden", "bundled", "radio", "opt_out"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = {}
        for k, v in attrs:
            self.attrs.setdefault(k.lower(), v if v is not None else "")
        self.parent = parent
        self.children = []
        self.line = None

    def get(self, k, default=None):
        return self.attrs.get(k, default)

    def ancestors_or_self(self):
        n = self
        while n is not None:
            yield n
            n = n.parent

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def text(self):
        out = []
        for c in self.children:
            out.append(c.text() if isinstance(c, Node) else c)
        return "".join(out)


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.stack = [self.root]
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        parent = self.stack[-1]
        n = Node(tag, attrs, parent)
        n.line = self.getpos()[0]
        parent.children.append(n)
        if tag not in VOID:
            self.stack.append(n)

    def handle_startendtag(self, tag, attrs):
        parent = self.stack[-1]
        n = Node(tag, attrs, parent)
        n.line = self.getpos()[0]
        parent.children.append(n)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        # stray end tag: ignore

    def handle_data(self, data):
        # script/style content arrives here as raw text, never as tags
        self.stack[-1].children.append(data)


def style_hides(style):
    decls = {}
    for part in (style or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            decls[k.strip().lower()] = re.sub(r"\s+", "", v.strip().lower())
    if decls.get("display") == "none":
        return "display:none"
    if decls.get("visibility") == "hidden":
        return "visibility:hidden"
    if decls.get("position") == "absolute" and decls.get("left") == "-9999px":
        return "position:absolute;left:-9999px"
    return None


def hidden_reason(node):
    """Static hiding on the node or an ancestor, or inside a closed <details> (not its summary)."""
    for a in node.ancestors_or_self():
        if "hidden" in a.attrs:
            return f"hidden attr on <{a.tag}>"
        r = style_hides(a.get("style"))
        if r:
            return f"{r} on <{a.tag}>"
    # closed details: node must be a descendant of details but not inside its summary
    prev = None
    for a in node.ancestors_or_self():
        if a.tag == "details" and a is not node and "open" not in a.attrs:
            if not (prev is not None and prev.tag == "summary"):
                return "inside closed <details>"
        prev = a
    return None


def is_candidate(n):
    if n.tag == "input" and (n.get("type") or "").lower() in ("checkbox", "radio"):
        return True
    if (n.get("role") or "").lower() in ("checkbox", "switch"):
        return True
    if n.tag == "button" and "aria-pressed" in n.attrs:
        return True
    return False


def is_on(n):
    if n.tag == "input" and "checked" in n.attrs:
        return True
    if (n.get("aria-checked") or "").lower() == "true":
        return True
    if (n.get("aria-pressed") or "").lower() == "true":
        return True
    return False


def kind(n):
    if n.tag == "input":
        return (n.get("type") or "").lower()
    if n.tag == "button" and "aria-pressed" in n.attrs and not n.get("role"):
        return "button[aria-pressed]"
    return "role=" + (n.get("role") or "").lower()


def check_page(path):
    errors, warnings = [], []
    html = path.read_text(encoding="utf-8")
    tb = TreeBuilder()
    tb.feed(html)
    tb.close()
    root = tb.root
    nodes = list(root.iter())

    # document-level checks
    case = path.parent.name
    m = re.fullmatch(r"(de|en)_[a-z0-9_]+", case)
    if not m:
        errors.append(f"case name {case!r} must be lowercase and start with de_ or en_")
    lang = m.group(1) if m else None
    if not tb.doctype or tb.doctype.strip().lower() != "doctype html":
        errors.append(f"doctype is {tb.doctype!r}")
    htmls = [n for n in nodes if n.tag == "html"]
    if len(htmls) != 1 or htmls[0].get("lang") != lang:
        errors.append(f"<html lang> must be exactly {lang!r} (same as the case prefix)")
    heads = [n for n in nodes if n.tag == "head"]
    if not heads or not any(c.tag == "title" for c in heads[0].iter()) or not any(c.tag == "style" for c in heads[0].iter()):
        errors.append("<head> needs <title> and <style>")

    # ids: first element wins
    by_id, dup = {}, Counter()
    for n in nodes:
        i = n.get("id")
        if i is not None:
            if i in by_id:
                dup[i] += 1
            else:
                by_id[i] = n
    if dup:
        warnings.append(f"duplicate ids (label for binds to the first): {sorted(dup)}")

    labels = [n for n in nodes if n.tag == "label"]

    def labels_of(ctrl):
        out = []
        cid = ctrl.get("id")
        for lab in labels:
            f = lab.get("for")
            if f is not None:
                if cid is not None and f == cid and by_id.get(cid) is ctrl:
                    out.append(("label[for]", lab))
            else:
                # wrapping label labels its first labelable descendant
                if ctrl in list(lab.iter()):
                    first = next((d for d in lab.iter() if d is not lab and d.tag in ("input", "select", "textarea", "button", "meter", "output", "progress")
                                  and not (d.tag == "input" and (d.get("type") or "").lower() == "hidden")), None)
                    if first is ctrl:
                        out.append(("wrapping label", lab))
        for ref in (ctrl.get("aria-labelledby") or "").split():
            t = by_id.get(ref)
            if t is None:
                errors.append(f"line {ctrl.line}: aria-labelledby points at missing id {ref!r}")
            else:
                out.append(("aria-labelledby", t))
        return out

    cands = [n for n in nodes if is_candidate(n)]
    stats = Counter()
    pos_cat, flag_count = Counter(), Counter()
    on_neg, rows = [], []

    for n in nodes:
        if ("data-expect" in n.attrs or "data-expect-flags" in n.attrs) and not is_candidate(n):
            errors.append(f"line {n.line}: data-expect on a non-candidate <{n.tag}>")
        if "data-expect-flags" in n.attrs and "data-expect" not in n.attrs:
            errors.append(f"line {n.line}: data-expect-flags without data-expect")

    for c in cands:
        on = is_on(c)
        k = kind(c)
        cat = c.get("data-expect")
        flags = (c.get("data-expect-flags") or "").split()
        stats["candidates"] += 1
        stats["ON" if on else "OFF"] += 1
        if (c.get("aria-checked") or "").lower() == "mixed":
            stats["mixed"] += 1
        for f in flags:
            if f not in FLAGS:
                errors.append(f"line {c.line}: unknown flag {f!r}")
        if cat is not None:
            if cat not in CATEGORIES or " " in cat:
                errors.append(f"line {c.line}: bad category {cat!r}")
            if "opt_out" in flags:
                if not (k == "checkbox" and not on):
                    errors.append(f"line {c.line}: opt_out must be an unticked checkbox")
            elif not on:
                errors.append(f"line {c.line}: positive {cat} is not ON at load")
            if "radio" in flags and k != "radio":
                errors.append(f"line {c.line}: radio flag on a {k}")
            if k == "radio" and "radio" not in flags:
                errors.append(f"line {c.line}: positive radio without radio flag")
            if "bundled" in flags and not on:
                errors.append(f"line {c.line}: bundled flag on a control that is not ON")
            pos_cat[cat] += 1
            for f in flags:
                flag_count[f] += 1
            stats["positives"] += 1
            stats["positives_on" if on else "positives_off"] += 1
        elif on:
            on_neg.append(c)

        # hidden check (for every candidate, positives get errors, negatives info)
        labs = labels_of(c)
        ctrl_h = hidden_reason(c)
        lab_h = [(how, lab, hidden_reason(lab)) for how, lab in labs]
        all_hidden = ctrl_h is not None and all(h for _, _, h in lab_h)
        if cat is not None:
            if "hidden" in flags and not all_hidden:
                vis = [f"{how} line {lab.line}" for how, lab, h in lab_h if not h]
                errors.append(f"line {c.line}: hidden flag but control hidden={ctrl_h!r}, visible labels={vis}")
            if "hidden" not in flags and all_hidden:
                errors.append(f"line {c.line}: control and labels statically hidden ({ctrl_h}) but no hidden flag")
        name_bits = []
        for how, lab in labs:
            name_bits.append(re.sub(r"\s+", " ", lab.text()).strip())
        for a in ("aria-label", "title"):
            if c.get(a):
                name_bits.append(c.get(a))
        if k.startswith("role=") or k.startswith("button"):
            name_bits.append(re.sub(r"\s+", " ", c.text()).strip())
        label_txt = " | ".join(b for b in name_bits if b)[:90]
        rows.append((c.line, k, "ON " if on else "off", cat or "-", " ".join(flags), ctrl_h or "", label_txt,
                     c.get("name") or c.get("id") or ""))
    return dict(stats=stats, pos_cat=pos_cat, flags=flag_count, on_neg=on_neg, rows=rows,
                errors=errors, warnings=warnings)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    base = Path(args[0]) if args else Path(__file__).parent
    verbose = "-v" in sys.argv
    prefixes = [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--lang=")] or ["en"]
    pages = sorted(p for pre in prefixes for p in base.glob(f"{pre}_*/page.html"))
    tot, tot_cat, tot_flags = Counter(), Counter(), Counter()
    n_err = 0
    print(f"{'case':42} cand  ON OFF  pos(ON/opt_out)  ON-neg")
    for p in pages:
        r = check_page(p)
        s = r["stats"]
        tot.update(s)
        tot_cat.update(r["pos_cat"])
        tot_flags.update(r["flags"])
        tot["ON_negatives"] += len(r["on_neg"])
        print(f"{p.parent.name:42} {s['candidates']:4} {s['ON']:3} {s['OFF']:3}  {s['positives']:3} ({s['positives_on']}/{s['positives_off']})"
              f"        {len(r['on_neg']):3}   " + ", ".join(f"{k}={v}" for k, v in sorted(r['pos_cat'].items())))
        if verbose:
            for row in r["rows"]:
                print("    L%-4s %-20s %s %-15s %-14s %-28s %s  [%s]" % row)
        for w in r["warnings"]:
            print("   note:", w)
        for e in r["errors"]:
            print("   ERROR:", e)
        n_err += len(r["errors"])
    print()
    print(f"pages={len(pages)} candidates={tot['candidates']} ON={tot['ON']} OFF={tot['OFF']} mixed={tot['mixed']}")
    print(f"positives={tot['positives']} (ON={tot['positives_on']}, opt_out/OFF={tot['positives_off']})  ON negatives={tot['ON_negatives']}")
    share = tot['positives_on'] / tot['ON'] if tot['ON'] else 0
    print(f"share of ON controls that are positive: {share:.1%}")
    print("positives by category:", dict(sorted(tot_cat.items())))
    print("flags:", dict(sorted(tot_flags.items())))
    print("errors:", n_err)
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
