"""`wiedoetwat who [QUERY] [--json]`: the directory, grouped by level and body, filtered fuzzily.

The filter is shared with the app's directory tab: a query matches an entry when each of its
words is within a small edit distance of (or a prefix of) a word of the entry, or when the
bilingual glossary gives it another name that does ("Kenniscentrum" -> Knowledge Centre).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from functools import cache

from rapidfuzz.distance import Levenshtein

from engine.glossary import load_glossary
from engine.strings import t
from engine.text import STOPWORDS, tokens
from ingest.directory import Entry, load_directory
from ingest.errors import IngestError
from ingest.settings import Settings

LEVEL_ORDER = ("european", "federal", "flemish", "walloon", "brussels", "research")


def _close(word: str, token: str) -> bool:
    """A small edit distance for the word's length, or the start of a longer word."""
    if word == token:
        return True
    if len(word) >= 4 and token.startswith(word):
        return True
    allowed = 0 if len(word) < 4 else 1 if len(word) < 8 else 2
    return allowed > 0 and Levenshtein.distance(word, token, score_cutoff=allowed) <= allowed


@cache
def _groups_by_word() -> dict[str, list[tuple[str, ...]]]:
    """Glossary word -> every phrase of the groups it belongs to (any word of a name counts)."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    g = load_glossary()
    for group in g.groups:
        for phrase in group:
            for w in phrase:
                if w not in STOPWORDS and len(w) > 2:
                    out[w].extend(group)
    return out


def query_variants(query: str) -> list[list[str]]:
    """The query's words, and the other names the glossary gives it, each a list of words that
    must all be found."""
    words = [w for w in tokens(query) if w not in STOPWORDS] or tokens(query)
    variants = [words]
    g = load_glossary()
    for m in g.matches(query):
        variants += [list(p) for p in m.phrases] + [[s] for s in m.singles]
    groups = _groups_by_word()
    for w in words:
        for phrase in groups.get(w, []):
            variants.append([p for p in phrase if p not in STOPWORDS])
        for eq in g.equivalents(w):
            variants.append([eq if x == w else x for x in words])
    seen: set[tuple[str, ...]] = set()
    out = []
    for v in variants:
        if v and tuple(v) not in seen:
            seen.add(tuple(v))
            out.append(v)
    return out


def entry_words(e: Entry) -> set[str]:
    text = " ".join([e.person or "", e.role, e.body, e.target or "", e.level, *e.aliases])
    return set(tokens(text))


def filter_entries(entries: list[Entry], query: str | None) -> list[Entry]:
    """The entries a query finds (all of them for an empty query)."""
    if not query or not query.strip():
        return list(entries)
    variants = query_variants(query)
    out = []
    for e in entries:
        have = entry_words(e)
        if any(all(any(_close(w, h) for h in have) for w in v) for v in variants):
            out.append(e)
    return out


def level_label(level: str, lang: str = "en") -> str:
    key = f"level_{level}"
    try:
        return t(key, lang)
    except KeyError:
        return level.capitalize()


def grouped(entries: list[Entry]) -> list[tuple[str, list[tuple[str, list[Entry]]]]]:
    """[(level, [(body, entries)])], levels in a fixed order, bodies alphabetically."""
    by: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        by[e.level][e.body].append(e)
    order = sorted(by, key=lambda lv: (LEVEL_ORDER.index(lv) if lv in LEVEL_ORDER else 99, lv))
    return [
        (
            lv,
            [
                (body, sorted(es, key=lambda e: (e.person is None, e.person or "", e.relation)))
                for body, es in sorted(by[lv].items(), key=lambda kv: kv[0].lower())
            ],
        )
        for lv in order
    ]


def describe(e: Entry, lang: str = "en") -> str:
    """One line for an entry: 'Rob Heyman — Academic Coordinator', 'led by → FPS BOSA'."""
    if e.person:
        return f"{e.person} — {e.role}"
    if e.relation == "people_unknown":
        return t("dir_people_unknown", lang)
    if e.target:
        return f"{e.role} → {e.target}"
    return e.role


def print_text(entries: list[Entry]) -> None:
    for level, bodies in grouped(entries):
        print(f"\n== {level_label(level)} ==")
        for body, es in bodies:
            aliases = sorted({a for e in es for a in e.aliases})
            print(f"\n{body}" + (f"  ({'; '.join(aliases[:3])})" if aliases else ""))
            for e in es:
                refs = "".join(f"[{c['n']}]" for c in e.citations)
                print(f"  • {describe(e)} {refs}")
                for c in e.citations:
                    print(f"      [{c['n']}] “{c['quote']}”")
                    print(f"          {c['section']} — {c['url']}")


def run_who(settings: Settings, query: str | None, *, as_json: bool) -> int:
    """Print the directory (or the entries a query finds); 1 when there is no index."""
    from ingest.index import Store

    try:
        store = Store(settings, create=False)
    except IngestError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    entries = load_directory(store)
    if not entries:
        print(f"error: {t('dir_empty', 'en')}", file=sys.stderr)
        return 1
    found = filter_entries(entries, query)
    if as_json:
        print(json.dumps([e.to_public() for e in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        print(t("dir_no_match", "en", query=query or ""))
        return 0
    print_text(found)
    return 0
