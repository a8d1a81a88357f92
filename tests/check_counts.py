#!/usr/bin/env python3
"""Checks the labels of a blind consent set (tests/blind-platforms-7 and later), following the
"Checking counts" steps of tests/fixtures/README.md. One script for every such set.

1. Build a tree with html.parser.
2. Select candidates: input[type=checkbox], input[type=radio], [role=checkbox],
   [role=switch], button[aria-pressed]. Content of <script> is never parsed.
3. Every data-expect sits on a candidate; positives are ON unless opt_out.
4. opt_out only on unticked checkboxes; radio only on radios.
5. hidden flag <=> control and all its labels hidden by static techniques.

Usage: python3 tests/check_counts.py [-v] [DIR]   (DIR defaults to the current folder)
  -v  list every candidate with its state, computed name and label
Exit code 1 if any error was found.
"""
import os
import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser

CATEGORIES = {"marketing", "data_sharing", "credit_check", "personalization",
              "tracking", "paid_addon", "subscription", "account"}
FLAGS = {"hidden", "bundled", "radio", "opt_out"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = {}
        for k, v in attrs:
            k = k.lower()
            if k not in self.attrs:          # first occurrence wins, like browsers
                self.attrs[k] = "" if v is None else v
        self.parent = parent
        self.children = []  # Node or str
        self.line = None

    def get(self, k, default=None):
        return self.attrs.get(k, default)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent

    def text(self):
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if c.tag in ("script", "style", "template"):
                    continue
                out.append(c.text())
            else:
                out.append(c)
        return re.sub(r"\s+", " ", "".join(out)).strip()


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.stack = [self.root]
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.stack[-1])
        n.line = self.getpos()[0]
        self.stack[-1].children.append(n)
        if tag not in VOID:
            self.stack.append(n)

    def handle_startendtag(self, tag, attrs):
        n = Node(tag, attrs, self.stack[-1])
        n.line = self.getpos()[0]
        self.stack[-1].children.append(n)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        # stray end tag: ignore

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def style_decls(node):
    s = node.get("style")
    if not s:
        return {}
    d = {}
    for part in s.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            d[k.strip().lower()] = re.sub(r"\s+", "", v.strip().lower())
    return d


def self_hidden(node, child=None):
    """Static hiding technique on this node itself (child = the path child, for <details>)."""
    if "hidden" in node.attrs:
        return "hidden attr"
    st = style_decls(node)
    if st.get("display") == "none":
        return "display:none"
    if st.get("visibility") == "hidden":
        return "visibility:hidden"
    if st.get("position") == "absolute" and st.get("left") == "-9999px":
        return "left:-9999px"
    if node.tag == "details" and "open" not in node.attrs and child is not None:
        if not (child.tag == "summary"):
            return "closed details"
    return None


def is_hidden(node):
    why = self_hidden(node)
    if why:
        return why
    child = node
    for a in node.ancestors():
        why = self_hidden(a, child)
        if why:
            return why + " on <%s>" % a.tag
        child = a
    return None


def candidate_kind(n):
    role = (n.get("role") or "").strip().lower()
    if n.tag == "input":
        t = (n.get("type") or "text").strip().lower()
        if t in ("checkbox", "radio"):
            return t
    if role in ("checkbox", "switch"):
        return role
    if n.tag == "button" and "aria-pressed" in n.attrs:
        return "pressed"
    return None


def is_on(n, kind):
    if kind in ("checkbox", "radio") and n.tag == "input":
        return "checked" in n.attrs
    if kind in ("checkbox", "switch"):
        return (n.get("aria-checked") or "").strip().lower() == "true"
    if kind == "pressed":
        return (n.get("aria-pressed") or "").strip().lower() == "true"
    return False


def labels_of(n, first_by_id, root):
    labels = []
    nid = n.get("id")
    if nid is not None and first_by_id.get(nid) is n:
        for el in root.iter():
            if el.tag == "label" and el.get("for") == nid:
                labels.append(("label[for]", el))
    for a in n.ancestors():
        if a.tag == "label":
            labels.append(("wrapping label", a))
            break
    for ref in (n.get("aria-labelledby") or "").split():
        el = first_by_id.get(ref)
        if el is not None:
            labels.append(("aria-labelledby", el))
    return labels


def name_of(n, labels):
    parts = []
    for how, el in labels:
        parts.append(el.text())
    if n.get("aria-label"):
        parts.append(n.get("aria-label"))
    if n.get("title"):
        parts.append(n.get("title"))
    if n.tag != "input":
        parts.append(n.text())
    if not any(p.strip() for p in parts):
        # bare adjacent text / sibling
        sib = []
        if n.parent is not None:
            idx = n.parent.children.index(n)
            for c in n.parent.children[idx + 1: idx + 4]:
                if isinstance(c, Node):
                    if candidate_kind(c) or c.tag == "br":
                        break
                    sib.append(c.text())
                else:
                    sib.append(c)
        txt = re.sub(r"\s+", " ", "".join(sib)).strip()
        if not txt and n.parent is not None and n.parent.parent is not None:
            # e.g. <td><input></td><td>text</td>: text in the next cell
            sibs = [c for c in n.parent.parent.children if isinstance(c, Node)]
            i = sibs.index(n.parent)
            if i + 1 < len(sibs):
                txt = "(next cell) " + sibs[i + 1].text()
        if not txt and n.parent is not None and n.parent.parent is not None:
            # e.g. <td>Newsletter:</td><td><input></td>: text in the previous cell
            sibs = [c for c in n.parent.parent.children if isinstance(c, Node)]
            i = sibs.index(n.parent)
            if i > 0 and n.parent.tag in ("td", "dd"):
                txt = "(prev cell) " + sibs[i - 1].text()
        if not txt and n.parent is not None:
            idx = n.parent.children.index(n)
            prev = [c if isinstance(c, str) else c.text() for c in n.parent.children[:idx]]
            txt = "(before) " + re.sub(r"\s+", " ", "".join(prev)).strip()[-70:]
        parts.append("~" + txt)
    s = " | ".join(p.strip() for p in parts if p.strip())
    return s[:110]


def check_page(path, case, verbose):
    errors, warnings = [], []
    with open(path, encoding="utf-8") as f:
        src = f.read()
    tb = TreeBuilder()
    tb.feed(src)
    tb.close()
    root = tb.root

    # document-level checks
    if not re.match(r"^[a-z0-9_]+$", case) or not (case.startswith("de_") or case.startswith("en_")):
        errors.append("bad case name")
    if not src.lstrip().lower().startswith("<!doctype html>"):
        errors.append("missing <!doctype html>")
    htmls = [n for n in root.iter() if n.tag == "html"]
    if len(htmls) != 1 or htmls[0].get("lang") != case[:2]:
        errors.append("<html lang> must be exactly %r" % case[:2])
    heads = [n for n in root.iter() if n.tag == "head"]
    if not heads or not any(c.tag == "title" for c in heads[0].iter()) \
            or not any(c.tag == "style" for c in heads[0].iter()):
        errors.append("<head> needs <title> and <style>")

    first_by_id = {}
    dup_ids = Counter()
    for n in root.iter():
        if "id" in n.attrs:
            dup_ids[n.get("id")] += 1
            first_by_id.setdefault(n.get("id"), n)
    dups = [k for k, v in dup_ids.items() if v > 1]

    rows = []
    for n in root.iter():
        kind = candidate_kind(n)
        has_expect = "data-expect" in n.attrs
        has_flags = "data-expect-flags" in n.attrs
        if not kind:
            if has_expect or has_flags:
                errors.append("line %s: data-expect on non-candidate <%s>" % (n.line, n.tag))
            continue
        on = is_on(n, kind)
        cat = n.get("data-expect")
        flags = (n.get("data-expect-flags") or "").split()
        labels = labels_of(n, first_by_id, root)
        name = name_of(n, labels)
        where = "line %s <%s %s> %r" % (n.line, n.tag, kind, name[:60])

        if has_flags and not has_expect:
            errors.append(where + ": flags without data-expect")
        if has_expect:
            if cat not in CATEGORIES:
                errors.append(where + ": unknown category %r" % cat)
            for fl in flags:
                if fl not in FLAGS:
                    errors.append(where + ": unknown flag %r" % fl)
            if len(set(flags)) != len(flags):
                errors.append(where + ": repeated flag")
            if "opt_out" in flags:
                if not (n.tag == "input" and kind == "checkbox"):
                    errors.append(where + ": opt_out on a non-native-checkbox")
                if on:
                    errors.append(where + ": opt_out but ticked")
            elif not on:
                errors.append(where + ": positive but not ON")
            if "radio" in flags and kind != "radio":
                errors.append(where + ": radio flag on non-radio")
            if kind == "radio" and "radio" not in flags:
                errors.append(where + ": positive radio without radio flag")
        # hidden computation
        ctl_h = is_hidden(n)
        lab_h = [is_hidden(el) for _, el in labels]
        all_hidden = bool(ctl_h) and all(lab_h)
        if has_expect:
            if ("hidden" in flags) != all_hidden:
                errors.append(where + ": hidden flag=%s but computed hidden=%s (control: %s; labels: %s)"
                              % ("hidden" in flags, all_hidden, ctl_h, lab_h))
        elif all_hidden and on:
            warnings.append(where + ": hidden ON negative")
        if not name.strip("~ "):
            warnings.append(where + ": no name found")
        rows.append(dict(kind=kind, on=on, cat=cat, flags=flags, name=name, line=n.line,
                         hidden=all_hidden, ids=n.get("id"), nm=n.get("name")))

    # radio groups: at most one checked per name in a form
    groups = defaultdict(list)
    for r in rows:
        if r["kind"] == "radio" and r["nm"]:
            groups[r["nm"]].append(r)
    for g, rs in groups.items():
        if sum(r["on"] for r in rs) > 1:
            errors.append("radio group %r has more than one checked" % g)
        if any(r["cat"] for r in rs) and not any(r["on"] and r["cat"] for r in rs):
            errors.append("radio group %r: yes-radio not selected" % g)

    return rows, errors, warnings, dups


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    base = args[0] if args else os.getcwd()
    verbose = "-v" in sys.argv[1:]
    cases = sorted(d for d in os.listdir(base) if os.path.isfile(os.path.join(base, d, "page.html")))
    tot = Counter()
    cats = Counter()
    flags = Counter()
    nerr = 0
    for case in cases:
        rows, errors, warnings, dups = check_page(os.path.join(base, case, "page.html"), case, verbose)
        on = [r for r in rows if r["on"]]
        pos = [r for r in rows if r["cat"]]
        on_pos = [r for r in on if r["cat"]]
        print("== %-32s candidates=%3d ON=%3d positives=%2d (ON %2d, opt_out %d) ON-neg=%2d%s"
              % (case, len(rows), len(on), len(pos), len(on_pos), len(pos) - len(on_pos),
                 len(on) - len(on_pos), ("  dup-ids=%s" % dups) if dups else ""))
        if verbose:
            for r in rows:
                mark = ("+" + r["cat"] + ("[" + ",".join(r["flags"]) + "]" if r["flags"] else "")) if r["cat"] else "-"
                print("   %4s %-8s %-3s %-34s %s" % (r["line"], r["kind"], "ON" if r["on"] else "", mark, r["name"]))
        for e in errors:
            print("   ERROR", e)
        for w in warnings:
            print("   warn ", w)
        nerr += len(errors)
        tot["pages"] += 1
        tot["lang_" + case[:2]] += 1
        tot["candidates"] += len(rows)
        tot["on"] += len(on)
        tot["positives"] += len(pos)
        tot["on_positives"] += len(on_pos)
        tot["on_negatives"] += len(on) - len(on_pos)
        tot["off_negatives"] += len([r for r in rows if not r["on"] and not r["cat"]])
        for r in pos:
            cats[r["cat"]] += 1
            for fl in r["flags"]:
                flags[fl] += 1
    print()
    print("pages=%(pages)d (de=%(lang_de)d en=%(lang_en)d) candidates=%(candidates)d ON=%(on)d "
          "positives=%(positives)d (ON=%(on_positives)d) ON-negatives=%(on_negatives)d "
          "OFF-negatives=%(off_negatives)d" % tot)
    if tot["on"]:
        print("share of ON controls that are positive: %.1f%%" % (100.0 * tot["on_positives"] / tot["on"]))
    print("by category:", dict(sorted(cats.items())))
    print("flags:", dict(sorted(flags.items())))
    print("errors:", nerr)
    sys.exit(1 if nerr else 0)


if __name__ == "__main__":
    main()
