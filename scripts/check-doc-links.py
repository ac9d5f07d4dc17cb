#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that every relative Markdown link in README.md, docs/ and scripts/README.md resolves: the file exists and,
with a #fragment into a Markdown file, a heading of that file has that anchor (GitHub's rule: lower case, punctuation
dropped, spaces to hyphens, -1, -2 ... for repeats). Links inside code blocks and spans are skipped.

Usage: scripts/check-doc-links.py   (exit 1 and one line per broken link when any)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def prose(text):
    """The text without fenced code blocks and code spans (their brackets are not links)."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", text)


def heading_anchors(path):
    """Anchors of every heading, code spans included in the text (GitHub keeps their words)."""
    seen, out = {}, set()
    text = re.sub(r"^```.*?^```", "", open(path, encoding="utf-8").read(), flags=re.S | re.M)
    for line in text.splitlines():
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            a = re.sub(r"[^\w\- ]", "", m.group(1).lower()).replace(" ", "-")
            n = seen.get(a, 0)
            seen[a] = n + 1
            out.add(a if n == 0 else f"{a}-{n}")
    return out


def files():
    yield os.path.join(ROOT, "README.md")
    yield os.path.join(ROOT, "scripts", "README.md")
    for d, _, names in os.walk(os.path.join(ROOT, "docs")):
        for n in sorted(names):
            if n.endswith(".md"):
                yield os.path.join(d, n)


def main():
    if sys.argv[1:2] in (["-h"], ["--help"]):
        sys.exit(print(__doc__.strip()))
    bad = []
    for f in files():
        for target in LINK.findall(prose(open(f, encoding="utf-8").read())):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("mailto:"):
                continue  # absolute URLs are not checked here
            path, _, frag = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
            where = os.path.relpath(f, ROOT)
            if not os.path.exists(dest):
                bad.append(f"{where}: {target}: no such file")
            elif frag and dest.endswith(".md") and frag not in heading_anchors(dest):
                bad.append(f"{where}: {target}: no heading with that anchor")
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
