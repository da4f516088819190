"""The extractive answerer: pick the source sentences that answer, cite each, or abstain.

A sentence's score mixes what the question asks for (its weighted terms, in both languages),
how close the sentence is in meaning (dense similarity, computed from vectors made at ingest),
whether it holds the kind of thing asked for (a person, a date, an amount), and how well its
chunk was retrieved. The answer is the shortest set of such sentences that covers the question.
Nothing is written that is not in a source, apart from the fixed framing phrases in strings.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from engine.direct import (
    AND,
    RECIPIENT_SPAN,
    SEATED,
    asks_people,
    direct_answer,
    expansion,
    people_counted,
    short_name,
)
from engine.directory import matching_role
from engine.evidence import (
    AGE,
    DATE,
    HEAD_WORDS,
    MONEY_SPAN,
    NUMBER,
    YEAR,
    EvidenceIndex,
    Sentence,
    attached_list,
    item_head,
    table_cells,
)
from engine.glossary import Glossary
from engine.models import Citation, Link
from engine.question import (
    ANY_BODY,
    ANY_NAMED,
    GENERIC_COUNTED,
    NUMERALS,
    ORG_PLURALS,
    ROLE_WORDS,
    STAFF,
    QuestionInfo,
    Term,
    counts_people,
    ordinals_in,
)
from engine.retrieve import Hit
from engine.strings import t
from engine.text import (
    MONTHS,
    STOPWORDS,
    content_tokens,
    stems,
    stems_of,
    tokens,
    without_carried,
    word_forms,
)


@dataclass
class Scored:
    sentence: Sentence
    score: float
    coverage: float
    dense: float
    covered: frozenset[str]  # tokens of the question terms that it covers
    kind_ok: bool
    features: np.ndarray | None = None  # what the fitted scorer weighs (engine/scorer.py)


@dataclass
class Composed:
    text: str
    abstained: bool
    citations: list[Citation]
    related: list[Citation]
    candidates: list[Scored]
    direct: str | None = None  # the asked-for value, a span of the first cited sentence


# The hand-set weights of the first engine: kept as the scorer of last resort (no fitted model
# on disk) and as the baseline that `eval --cv` compares the fitted scorer with.
W_COVER, W_DENSE, W_KIND, W_RANK = 0.70, 0.20, 0.12, 0.08
CONTEXT_WEIGHT, CONTEXT_LEANING = 0.6, 0.8  # credit for a term found around the sentence
DENSE_SPAN = 0.16  # e5 cosines of on-topic sentences lie within ~0.16 of the best one
LABEL_WEIGHT = 0.5  # a question word that only a table row's column head says
ASIDE_FACTOR = 0.9  # a sentence about what "other than X" sets aside
ITEM_WORDS = 20  # a list item longer than this is a paragraph, not an item to list
ANTECEDENT_WEIGHT = 1.0  # credit for a named thing that a leaning sentence's antecedent names

# What the fitted scorer sees of a (question, sentence) pair, in this order. General properties
# of the pair, never words of a particular question.
FEATURES: tuple[str, ...] = (
    "coverage",  # weighted share of the question's terms, with credit for context
    "own_coverage",  # ...found in the sentence itself
    "focus_own",  # share of the named things found in the sentence itself
    "focus_subject",  # a named thing opens the sentence (it is what the sentence is about)
    "dense_rel",  # meaning similarity, relative to the best sentence
    "dense_gap",  # how far below the best sentence, in cosine
    "kind_ok",  # holds the kind of thing asked for (a person, a date, an amount, ...)
    "kind_list",  # for list questions: how much of a list it is
    "rank_prior",  # 1 / rank of its chunk in hybrid retrieval
    "single_rank",  # 1 / (1 + best rank in either retriever alone)
    "aside",  # about what "other than X" sets aside
    "lead_in",  # a lead-in ("At the Federal Level:") or a fragment
    "leans",  # leans on the sentence before for its subject
    "table_row",  # a row of a table (one fact)
    "asked_absent",  # the question names the attribute it asks for, and the sentence lacks it
    "same_language",  # in the language of the question
    "length",  # log of its words
    "roles_covered",  # share of the role words asked about that it names itself
    "defines",  # "X is / serves as / ...": a named thing, then a defining verb
    "item",  # opens a list item
    "coverage_gap",  # how far its coverage is below the best-covering sentence's
    "own_gap",  # ...and its own coverage below the best own coverage
    "dense_top",  # the best similarity of all: how well the sources match the question at all
    "terms_missing",  # share of the term weight found nowhere in the retrieved sentences
    "asked_unknown",  # the attribute asked for is a word the sources never use
    "focus_about",  # share of the named things found in it or in what it leans on
    "previous_coverage",  # own coverage of the sentence just before it: it may go on from it
    "asks_value",  # the question asks for a checkable value (a date, amount, count, person)
    "count_head",  # how-many: a number whose phrase ends in what is counted ("300 researchers",
    # not "six research centers")
    "asks_definition",  # the question asks what a named thing is or does
    "directory_role",  # the directory read this sentence as the asked role of the asked body
    "near_before",  # 1 / (1 + how many sentences it stands from one the answer before cited)
    "row_named",  # a table row whose first cell is a thing the question names (rows are about
    # what their first cell names; a row about another body matches on its column heads)
    "asks_body",  # the question asks which body or organisation (a row's first cell answers)
    "names_kind",  # which thing or body: it gives a name of the asked kind ('the "ALLY"
    # framework', "the National Convergence Plan"), not only the kind ("a societal framework");
    # or names examples of the kind asked ("practical tools (such as its ... guide)")
    "defines_asked",  # a definition question, and the sentence defines the thing or opens with it
)
_RELATIVE = ("coverage_gap", "own_gap", "dense_top", "terms_missing")


def hand_score(f: dict[str, float]) -> float:
    """The first engine's hand-set score, from the same features."""
    score = W_COVER * f["coverage"] + W_DENSE * f["dense_rel"]
    score += W_KIND * (f["kind_list"] if f["kind_ok"] else 0.0) + W_RANK * f["rank_prior"]
    if f["aside"]:
        score *= ASIDE_FACTOR
    if f["lead_in"]:
        score *= 0.6
    return score


_DEFINING = re.compile(
    r"^\W*(?:\w+\W+){0,6}?(?:is|are|was|serves as|acts as|functions as|operates as|stands as"
    r"|is een|zijn|fungeert als|dient als)\b",
    re.I,
)


# a sentence scoring this share of the best one's may join the answer, if it adds to it
NEAR_BEST = 0.75
LIST_FLOOR = 0.6  # a list of exactly as many items as asked for, down to this share of the best
_DEFINES = FEATURES.index("defines")
_FOCUS_SUBJECT = FEATURES.index("focus_subject")
_CONNECTIVE = re.compile(
    r"^\W*(?:finally|moreover|furthermore|additionally|also|ten slotte|bovendien),\s*", re.I
)
_STAFF_FORMS = frozenset().union(*(word_forms(w) for w in STAFF))
_AND_WORDS = re.compile(r"\s(?:and|en)\s")
_COUNT_HEAD = FEATURES.index("count_head")


def _defines(c: Scored) -> bool:
    return c.features is not None and bool(c.features[_DEFINES])


def _says_what(c: Scored) -> bool:
    """ "X is / serves as ...": it defines X with a copula, not only by what X does."""
    return (
        _defines(c)
        and c.features is not None
        and bool(c.features[_FOCUS_SUBJECT])
        and bool(_DEFINING.match(_CONNECTIVE.sub("", c.sentence.text)))
    )


# an aside between dashes, or what follows "including" / "such as" / "zoals" to the clause's end
_ASIDE = re.compile(
    r"—[^—]*—|\s[-–]\s[^-–]*\s[-–]\s"
    r"|\b(?:including|such as|like|among them|zoals|waaronder|onder meer)\b[^.;:—)]*",
    re.I,
)


# "The Flemish AI Academy (VAIA) addresses ...", "Amai! actively involves ...": a name, then
# the verb whose subject it is
_NAME_THEN_VERB = re.compile(
    r"^\W*(?:(?:The|De|Het)\s+)?(?P<name>(?:[A-Z][\w&!.'’-]*\s+|(?:and|&|for|of|voor|en)\s+)*"
    r"[A-Z][\w&!.'’-]*)(?:\s+\([^)]{1,60}\))?,?\s+(?:\w+ly\s+)?(?P<verb>[a-z]+)\b"
)
_VERB_ENDS = ("s", "t")  # "addresses", "coordinates"; "biedt", "ondersteunt"


def _named_subject(info: QuestionInfo, s: Sentence) -> bool:
    """The sentence opens with the name asked about as the subject of its verb."""
    m = _NAME_THEN_VERB.match(s.text)
    if not m or not m.group("verb").endswith(_VERB_ENDS) or m.group("verb") in STOPWORDS:
        return False
    said = frozenset().union(*(stems(w) for w in tokens(m.group("name"))))
    return any(f.found_in(said) for f in info.subject)


def _in_passing(
    info: QuestionInfo, s: Sentence, common: frozenset[str], ante: Sentence | None = None
) -> bool:
    """The thing a definition question asks about is named only in an aside or an example
    ("—including an AI Observatory, ...—"), not as what the sentence is about ("AI", on every
    page, names nothing). A sentence that leans ("It actively tracks ...") is about what its
    antecedent names outside its asides."""
    defined = [f for f in info.defined if f.token not in common]
    if not defined:
        return False
    if s.chunk.meta.get("is_table_row"):
        if not all(f.found_in(s.stems) for f in defined):
            return True  # a row that does not name it at all is about something else
        # a row is about what its first cell names: "AI Observatory" among BOSA's
        # responsibilities is named in passing
        first = frozenset().union(*(stems(w) for w in tokens(_first_cell(s))))
        return not all(f.found_in(first) for f in defined)
    texts = [s.text] + ([ante.text] if s.leans and ante is not None else [])
    if not any(_ASIDE.search(x) for x in texts):
        return False
    rest = frozenset().union(*(stems(w) for x in texts for w in tokens(_ASIDE.sub(" ", x))))
    # "BOSA's AI Observatory", "bosa ai observatory": the name said last is the thing, those
    # before it say whose it is ("... including an AI Observatory ...—BOSA orchestrates")
    words = tokens(without_carried(info.text))
    head = max(
        defined, key=lambda f: max((k for k, w in enumerate(words) if w == f.token), default=-1)
    )
    return not head.found_in(rest)


def _names_of_kind(info: QuestionInfo, s: Sentence) -> int:
    """How often the sentence says the noun asked for ("act" in "the AI Act and the Data Act");
    for a noun any named body or initiative fits ("which other initiatives"), how many it names."""
    asked = info.asked
    if asked is None:
        return 0
    said = sum(bool(asked.forms & stems(w)) for w in tokens(s.text))
    if asked.token in ANY_NAMED:
        return max(said, len(set(s.orgs)) + len(s.bodies))
    return said


def _counts_what_is_asked(c: Scored) -> bool:
    return c.features is not None and bool(c.features[_COUNT_HEAD])


def _labels(info: QuestionInfo, s: Sentence) -> bool:
    """'Strategic Support for Political Decision-Makers (AI4Gov): This function ...': a label
    naming the focus, a colon, then what it is. A table row ('Institution: BOSA; ...') is no
    such definition."""
    label, colon, rest = s.text.partition(":")
    if not colon or not rest.strip() or len(label.split()) > 12 or ";" in rest:
        return False
    named = frozenset().union(*(stems(w) for w in tokens(label)))
    return any(f.found_in(named) for f in info.subject)


def _spells_out(info: QuestionInfo, s: Sentence) -> bool:
    """'The Flemish AI Academy (VAIA)', 'imec (Interuniversity Microelectronics Centre)': the
    sentence gives the full name of a short name the question asks about, which says what it is."""
    if "(" not in s.text:
        return False
    low = s.text.lower()
    for f in info.subject:
        if len(f.token) < 2 or " " in f.token or f.token not in low:
            continue
        short = f"(?i:{re.escape(f.token)})"
        for m in re.finditer(
            rf"[A-Z][\w&'-]*(?:\s+[\w&'-]+){{1,6}}\s*\(\s*{short}\s*\)"
            # (not "BOSA (DG Simplification ...)": a part of it, named by its own short name)
            rf"|\b{short}\s*\(\s*(?![A-Z]{{2,}}\b)[A-Z][\w&'-]*(?:\s+[\w&'-]+){{1,6}}\s*\)",
            s.text,
        ):
            # what the sentence is about (near its start), or said what it is (", a ..."); not
            # a name in passing: "... chair of the VAIA (Flemish AI Academy) steering committee"
            if len(tokens(s.text[: m.start()])) <= HEAD_WORDS or _SAID_WHAT.match(s.text, m.end()):
                return True
    return False


# after a name: what it is, or what it does as the sentence's subject
_SAID_WHAT = re.compile(r"\s*(?:,\s*(?:a|an|the|een|de|het)\b|(?:is|was|zijn|serves|acts)\b)")


def _apposes(info: QuestionInfo, s: Sentence) -> bool:
    """'... manages the AI Adviesraad (AI Advisory Council), a strategic body composed of ...':
    the thing asked about, then a comma and what it is."""
    return any(f.forms & s.apposed for f in info.subject)


def score_sentences(
    info: QuestionInfo,
    qvec: np.ndarray,
    hits: list[Hit],
    ev: EvidenceIndex,
    scorer: Callable[[np.ndarray], np.ndarray] | None = None,
    lang: str = "en",
    after: frozenset[int] = frozenset(),
) -> list[Scored]:
    """Every sentence of the retrieved chunks with its features and score, best first.

    `scorer` maps a feature matrix to scores (the fitted model); without one the hand-set
    weights score. `after`: the sentences the answer before this one cited (the previous turn,
    or the previous part of the same message): what a follow-up asks is often told next to
    what was just answered ("How many took part, and who organised it?")."""
    total_weight = sum(term.weight for term in info.terms) or 1.0
    ids = [i for hit in hits for i in ev.by_chunk.get(hit.chunk.id, [])]
    sims = ev.matrix[ids] @ qvec if ids else np.zeros(0)
    sim_of = dict(zip(ids, sims.tolist(), strict=True))
    # Relative to the best sentence: e5's absolute cosines run lower across languages.
    top = max(sim_of.values(), default=0.0)
    roles = info.roles
    focus_weight = sum(f.weight for f in info.focus) or 1.0
    common = ev.common_words
    # what owns the defined thing ("van de FOD BOSA") only says where to look
    owners = [f for f in info.focus if info.defined and f not in info.defined]
    # what a sentence opens with to be about the asked thing: "AI", on every page, opens many
    # that are about something else ("The Flanders AI Research Program ..." for "wat doet
    # VLAIO rond AI?"), unless it is all the question names
    opening = [f for f in info.subject if f.token not in common] or info.subject
    out: list[Scored] = []
    rows: list[list[float]] = []
    asks_body = info.asks_body
    place_forms = frozenset().union(*(word_forms(p) for p in info.place_words))
    # the places the whole report is about ("in Belgium"): they narrow nothing down
    in_scope = {f.token for f in info.focus if f.token in info.places and f.found_in(ev.scope)}
    for hit in hits:
        rank_prior = 1.0 / hit.rank if hit.rank else 0.0
        for i in ev.by_chunk.get(hit.chunk.id, []):
            s = ev.sentences[i]
            # A sentence that opens with "It"/"This" leans on the text before it for its subject.
            leans = s.leans
            is_row = bool(s.chunk.meta.get("is_table_row"))
            lean = CONTEXT_LEANING if leans else CONTEXT_WEIGHT
            context = ev.wide_context.get(hit.chunk.id, frozenset())
            subject = ev.context.get(hit.chunk.id, frozenset()) | ev.topic.get(hit.chunk.id, set())
            about = ev.preceding[i] if leans else subject
            # "It" is the thing its antecedent names: a named thing found there counts in full
            antecedent = ev.antecedent_of(s)
            ante = antecedent.stems if antecedent else frozenset()
            got = own_got = 0.0
            covered = set()
            for term in info.terms:
                if term.found_in(s.stems) or (
                    # "the observatory of BOSA": a sentence under BOSA's heading says it in full
                    term in owners and term.found_in(subject)
                ):
                    # (a table row's column head, which every row has, counts less)
                    share = LABEL_WEIGHT if term.found_in(s.labels) else 1.0
                    got += share * term.weight
                    own_got += share * term.weight
                    covered.add(term.token)
                elif term in info.focus and term.found_in(ante):
                    got += ANTECEDENT_WEIGHT * term.weight
                elif term.found_in(about):
                    got += lean * term.weight
                elif term.found_in(context):
                    got += CONTEXT_WEIGHT * term.weight
            coverage = got / total_weight
            dense = sim_of[i]
            dense_n = min(max((dense - (top - DENSE_SPAN)) / DENSE_SPAN, 0.0), 1.0)
            # What the question names (BIPT, Wallonia, a person) must be what the sentence or
            # its chunk is about; else it answers a question about something else.
            kind_ok = _kind_ok(info, s, ev) and all(
                f.token in covered
                or (not YEAR.fullmatch(f.token) and f.token not in NUMERALS and f.found_in(about))
                # a year or a pillar's numeral asked about is a fact of the sentence itself
                # "AI" is on every page: its passage says it ("the main forum for AI dialogue")
                or (f.token in common and f.found_in(context))
                or f.token in in_scope
                for f in info.focus
            )
            if kind_ok and info.places and not info.nationwide:
                # "Which Walloon agency ...?": a sentence that only lists Wallonia among the
                # regions ("stakeholders from Flanders, Wallonia, and Brussels") is not about it
                plain = s.stems - s.listed
                around = ev.preceding_unlisted[i] if leans else subject
                kind_ok = all(
                    f.found_in(plain) or f.found_in(around)
                    for f in info.focus
                    if f.token in info.places and f.token not in in_scope
                )
            if kind_ok and info.ordinals and (said := ordinals_in(tokens(s.text))):
                # "wanneer wordt het *derde* plan gelanceerd?": a sentence on the first and the
                # second says nothing of a third
                kind_ok = bool(said & info.ordinals)
            if info.wants_person and kind_ok:
                # The role asked about must be named by the sentence itself, with the name.
                # ...where "The center is led by ..." names the center it leans on
                named = covered | {f.token for f in info.focus if leans and f.found_in(about)}
                named |= {term.token for term in info.terms if term.found_in(ante)}
                own = sum(term.weight for term in info.terms if term.token in named)
                # ...and most of what it names: "the head of Digitaal Vlaanderen" does not lead
                # "the Flanders AI Research Program" because Vlaanderen is Flanders
                # ("AI" is said by the passage, as for the focus above)
                named |= {f.token for f in info.focus if f.token in common and f.found_in(context)}
                named |= in_scope
                said = sum(f.weight for f in info.focus if f.token in named) / focus_weight
                kind_ok = (
                    own / total_weight >= 0.5
                    and all(r.token in covered for r in roles)
                    and (not info.focus or said >= 0.5)
                )
            if kind_ok and info.definition and _in_passing(info, s, common, antecedent):
                # "what does the observatory do?": "Through its five core missions—including an
                # AI Observatory, ...—BOSA ..." names it in passing, it does not say what it does
                kind_ok = False
            if kind_ok and is_row and info.qtype == "who" and not info.roles:
                # "who approved the plan?": a row names the body of its first cell and that
                # body's people; without a role asked for, they answer only about that body
                kind_ok = _row_names_asked(info, s, common)
            if kind_ok and is_row and not asks_body:
                # A table row is about what its cells name: a question that names none of
                # them (and asks for no body, which a row's first cell would answer) is about
                # something else, however well the row's column heads and mandate match it
                # ("AI" is on every page: it names nothing)
                # (nor does a place that only qualifies it: "Vlaamse" in "Digitaal Vlaanderen")
                values = s.stems - s.labels
                named = [
                    f for f in info.focus if f.token not in common and not f.forms & place_forms
                ]
                # (a question that names only a place, "how much does Flanders spend on its AI
                # research program?", names the row by a name written in its words: two of
                # them, "research program", not "national" of "the national AI strategy")
                kind_ok = any(f.found_in(values) for f in named) or (
                    not named
                    and sum(
                        t.found_in(values)
                        for t in info.terms
                        if t.token not in common and not t.forms & place_forms
                    )
                    >= 2
                )
            if kind_ok and is_row:
                asked_cells = _asked_cells(info, s)
                kind_ok = _row_answers(info, s, asked_cells) and not _cell_repeats_question(
                    info, asked_cells, common
                )
            kind = 1.0
            if info.wants_list and kind_ok:  # a list question wants the sentence that lists
                kind = min(1.0, 0.4 + 0.15 * len(s.names + s.orgs) + 0.1 * s.text.count(","))
            opens_list = info.wants_list and s.text.rstrip().endswith(":")
            n_tokens = s.n_tokens
            lead_in = (s.text.rstrip().endswith(":") and not opens_list) or n_tokens < 4
            focus_own = sum(f.weight for f in info.focus if f.token in covered) / focus_weight
            opens_with_focus = any(f.found_in(s.head) for f in opening)
            asked = info.asked or info.counted
            defines = (
                (opens_with_focus and bool(_DEFINING.match(s.text)))
                or _labels(info, s)
                or _spells_out(info, s)
                or _apposes(info, s)
                or (opens_with_focus and _named_subject(info, s))
            )
            feats = {
                "coverage": coverage,
                "own_coverage": own_got / total_weight,
                "focus_own": focus_own if info.focus else 0.0,
                "focus_subject": float(opens_with_focus),
                "dense_rel": dense_n,
                "dense_gap": top - dense,
                "kind_ok": float(kind_ok),
                "kind_list": kind,
                "rank_prior": rank_prior,
                "single_rank": 1.0 / (1.0 + hit.best_single_rank),
                "aside": float(_about_what_is_set_aside(info, s)),
                "lead_in": float(lead_in),
                "leans": float(leans),
                "table_row": float(is_row),
                # "how many citizens": "60 Belgians" holds people of any kind (the kind check)
                "asked_absent": float(
                    asked is not None
                    and asked.token not in covered
                    and not (asked.token in GENERIC_COUNTED and kind_ok)
                    # "which institutions": universities and colleges are institutions
                    and not (asked.token in ANY_BODY and kind_ok)
                    # "which focus theme": an item of the list of "five key focus themes"
                    and not _list_says(asked, s, ev)
                ),
                "same_language": float(s.chunk.language == lang),
                "length": float(np.log1p(n_tokens)),
                "roles_covered": (
                    sum(r.token in covered for r in roles) / len(roles) if roles else 0.0
                ),
                "defines": float(defines),
                "item": float(s.place == "item"),
                "asked_unknown": float(info.asked_unknown),
                "asks_value": float(
                    info.qtype in ("when", "amount", "count", "age") or info.wants_person
                ),
                "count_head": float(info.counted is not None and _counts_head(info, s)),
                "asks_definition": float(info.definition),
                "directory_role": float(matching_role(info, s, ev.roles) is not None),
                "row_named": float(_row_about(info, s)),
                "asks_body": float(asks_body),
                "names_kind": float(
                    ((info.names_thing or asks_body) and _names_kind(info, s))
                    # "which practical tools ...?": one that names some of them
                    or (info.qtype == "what" and _gives_examples(info, s))
                ),
                # a definition question wants what the thing is, said of it as the subject
                # (the two as one feature: small trees seldom find the three-way interaction)
                "defines_asked": float(info.definition and (defines or opens_with_focus)),
                "focus_about": (
                    sum(
                        f.weight
                        for f in info.focus
                        if f.token in covered or f.found_in(ante) or (leans and f.found_in(about))
                    )
                    / focus_weight
                    if info.focus
                    else 0.0
                ),
            }
            rows.append([feats.get(name, 0.0) for name in FEATURES])
            score = hand_score(feats)
            out.append(Scored(s, score, coverage, dense, frozenset(covered), kind_ok))
    if out:
        # the sentence just before, in the same chunk: "... organised a citizens' panel. A group
        # of 60 Belgians ..." goes on about what the one before named
        col = {name: k for k, name in enumerate(FEATURES)}
        own_of = {
            c.sentence.idx: row[col["own_coverage"]] for c, row in zip(out, rows, strict=True)
        }
        for c, row in zip(out, rows, strict=True):
            seq = ev.by_chunk.get(c.sentence.chunk.id, [])
            k = seq.index(c.sentence.idx)
            row[col["previous_coverage"]] = own_of.get(seq[k - 1], 0.0) if k > 0 else 0.0
            gaps = [abs(k - seq.index(j)) for j in after if j in seq]
            row[col["near_before"]] = 1.0 / (1.0 + min(gaps)) if gaps else 0.0
        # what a sentence is worth depends on what else there is: relative features
        matrix = np.asarray(rows, dtype=np.float32)
        col = {name: k for k, name in enumerate(FEATURES)}
        found = frozenset().union(*(c.covered for c in out))
        missing = sum(t.weight for t in info.terms if t.token not in found) / total_weight
        matrix[:, col["coverage_gap"]] = (
            matrix[:, col["coverage"]].max() - matrix[:, col["coverage"]]
        )
        own = matrix[:, col["own_coverage"]]
        matrix[:, col["own_gap"]] = own.max() - own
        matrix[:, col["dense_top"]] = top
        matrix[:, col["terms_missing"]] = missing
        probabilities = scorer(matrix) if scorer is not None else None
        for k, c in enumerate(out):
            c.features = matrix[k]
            if probabilities is not None:
                c.score = float(probabilities[k])
                if matrix[k, col["aside"]]:  # whatever the model: the answer is not what
                    c.score *= ASIDE_FACTOR  # the question set aside
                    if _row_set_aside(info, c.sentence):  # (its own row, least of all)
                        c.score *= ASIDE_FACTOR
    out.sort(key=lambda x: -x.score)
    return out


_OFFICE_HOLDER = re.compile(
    r"\b(?:chaired|led|headed|directed|presided|voorgezeten|geleid)\s+(?:by|door)\s+(?:the|de|het)\s+"
    r"(?:Director-General|Director|Minister-President|Minister|Secretary|President|CEO|Head|"
    r"Directeur-Generaal|directeur-generaal|minister|voorzitter)\b"
)


def _row_set_aside(info: QuestionInfo, s: Sentence) -> bool:
    """A table row is about what its first cell names: "Besides BOSA, which other FPS ...?" is
    never answered by BOSA's own row."""
    if not info.aside or not s.chunk.meta.get("is_table_row"):
        return False
    first = frozenset().union(*(stems(w) for w in content_tokens(_first_cell(s))))
    return any(forms & first for forms in info.aside)


def _about_what_is_set_aside(info: QuestionInfo, s: Sentence) -> bool:
    """The sentence says most of what "other than X" described ("the administration's own use
    of AI"): it is about X. A single name set aside ("besides imec") is no such sign: a list
    that answers names it along with the others."""
    if _row_set_aside(info, s):
        return True
    if len(info.aside) < 2:
        return False
    held = sum(bool(forms & s.stems) for forms in info.aside)
    return held >= max(2, math.ceil(2 * len(info.aside) / 3))


def _names_most(
    focus: Sequence[Term], covered: frozenset[str], about: frozenset[str], ev: EvidenceIndex
) -> bool:
    """The named things are found (in the sentence, or in what it is about) by more than half
    their weight, leaving out words every passage has ("AI"): a name of several words is not
    found by its commonest words."""
    named = [f for f in focus if f.token not in ev.common_words] or list(focus)
    found = sum(f.weight for f in named if f.token in covered or f.found_in(about))
    return found > 0.5 * sum(f.weight for f in named)


def _new_names(info: QuestionInfo, names: list[str]) -> list[str]:
    """Names in a sentence that the question did not already give."""
    return [n for n in names if not set(tokens(n)) <= info.tokens]


def _counts_something_asked(info: QuestionInfo, s: Sentence) -> bool:
    """'60 Belgians', 'nine core objectives': a number followed closely by a word asked about."""
    # "4 October 2023" and "€1 million" count nothing
    text = MONEY_SPAN.sub(" ", DATE.sub(" ", s.text))
    toks = tokens(text)
    if info.counted and info.counted.token in GENERIC_COUNTED:
        # "how many people": a number of people of any kind, the one the direct answer gives
        return people_counted(text) is not None
    asked = [info.counted] if info.counted else info.terms
    forms = frozenset().union(*(term.forms for term in asked)) if asked else frozenset()
    for i, tok in enumerate(toks):
        is_year = len(tok) == 4 and tok[:2] in ("19", "20")
        if (
            NUMBER.fullmatch(tok)
            and not is_year
            and any(stems(w) & forms for w in toks[i + 1 : i + 4])
        ):
            return True
    return False


def _counts_head(info: QuestionInfo, s: Sentence) -> bool:
    """A number whose noun phrase ends in the counted word: the head of "six strategic research
    centers" is "centers", so it counts no researchers."""
    counted = info.counted
    if counted is None:
        return False
    words = re.findall(r"[\w'’-]+|[^\w\s]", DATE.sub(" ", s.text))
    generic = counted.token in GENERIC_COUNTED
    for i, w in enumerate(words):
        if not NUMBER.fullmatch(w) or YEAR.fullmatch(w):
            continue
        phrase: list[str] = []
        for x in words[i + 1 : i + 5]:
            if not x[:1].isalpha() or x.lower() in STOPWORDS:
                break
            phrase.append(x)
        if phrase and (
            counts_people(phrase[-1])
            if generic
            else bool(stems(phrase[-1].lower()) & counted.forms)
        ):
            return True
    return False


# a postal address ("Koning Albert II-laan 20", "1000 Brussel")
_POSTAL = re.compile(
    r",\s*[1-9]\d{3}\s+[A-Z][a-zé]+"
    r"|(?i:\b\w+(?:straat|laan|plein|steenweg|lei)\s+\d+"
    r"|\b(?:rue|avenue|boulevard|chaussée)\s+[^.;\d]{2,40}\d+)"
)


# "when did that happen?": what happened is what the question before said
_ANY_EVENT = frozenset(
    "happen happens happened happening occur occurred take took taken place plaats gebeurd"
    " gebeurde gebeuren vond vinden".split()
)
_TOTAL_ROW = re.compile(r"\b(?:total|totaal)\b", re.I)


def _kind_ok(info: QuestionInfo, s: Sentence, ev: EvidenceIndex | None = None) -> bool:
    ante = ev.antecedent_of(s) if ev is not None else None
    if info.expands:  # "what does EWI stand for?": the sentence that spells it out
        return expansion(info, s.text) is not None
    if info.shortens:  # "what is X called in short?": the sentence that gives its short name
        return short_name(info, s.text) is not None
    if info.located:  # "what is BIPT's address?": a sentence about BIPT without one is no answer
        return bool((_POSTAL if info.located == "address" else SEATED).search(s.text))
    if info.qtype == "when":  # a date, or at least a year ("the 2025-2029 agreement")
        if not (s.has_date or YEAR.search(s.text)):
            return False
        # "when was BIPT founded?": a date of what is asked, the founding, not any date a
        # sentence about BIPT holds ("Federal Government Agreement (2025-2029)")
        event = [
            term
            for term in info.terms
            if term not in info.focus
            and not term.carried
            and not YEAR.fullmatch(term.token)
            and term.token not in _ANY_EVENT
        ]
        said = s.stems | (ante.stems if ante else frozenset())
        # (how long a thing runs is asked by the dates it runs from, whatever verb says so)
        return not event or info.duration or any(term.found_in(said) for term in event)
    if info.total and s.chunk.meta.get("is_table_row") and not _TOTAL_ROW.search(s.text):
        return False  # "the total budget of the plan": a pillar's row holds a part of it
    if info.qtype == "amount":  # "X alone": a figure X shares with others does not answer
        return s.has_amount and not (info.alone and _new_orgs(info, s, ev, others=True))
    if info.qtype == "age":
        return bool(AGE.search(s.text))
    if info.qtype == "count":
        if info.headcount and not any(word_forms(w) & _STAFF_FORMS for w in tokens(s.text)):
            return False  # "two individuals are central to its AI strategy" is no headcount
        return _counts_something_asked(info, s)
    if info.wants_person:  # a name, or an office that holds the role ("by the Director-General")
        # "..., he oversees ...": the person is the one its antecedent names
        names = s.names + (ante.names if ante else [])
        return bool(_new_names(info, names) or _OFFICE_HOLDER.search(s.text))
    if info.recipient and not RECIPIENT_SPAN.search(s.text):  # it must say to whom
        return False
    if info.qtype == "who" and _row_about(info, s) and _names_nobody(s.text):
        # "who leads BIPT?" and BIPT's row says "Key Personnel/Leadership: unknown": the row's
        # other cells (its mandate, its document) answer nothing about who
        return False
    if info.qtype in ("who", "org"):
        # "It plays a leading role ...": the body is the one its antecedent names (and "2.
        # Innovation, which includes piloting ...": the one its list is about)
        ante = ev.antecedent_of(s, items=True) if ev is not None else None
        if any(_new_names(info, x.names) or _new_orgs(info, x, ev) for x in (s, ante) if x):
            return True
        # "which institutions take part?": bodies named by their kind ("all universities")
        return (
            info.asked is not None
            and info.asked.token in ORG_PLURALS
            and any(w in ORG_PLURALS and w not in info.tokens for w in tokens(s.text))
        )
    return True


def _new_orgs(
    info: QuestionInfo, s: Sentence, ev: EvidenceIndex | None, others: bool = False
) -> list[str]:
    """Acronyms the question did not give, leaving out those on every page ("AI", "EU").
    `others`: a body the question sets aside ("X alone, apart from Y") counts as not given."""
    common = ev.common_acronyms if ev is not None else frozenset()
    own = (
        {t for t in info.tokens if not any(word_forms(t) & a for a in info.aside)}
        if others and info.aside
        else info.tokens
    )
    acronyms = [o for o in s.orgs if o.lower() not in own and o not in common]
    return acronyms + [b for b in s.bodies if not set(tokens(b)) <= own]


def compose(
    info: QuestionInfo,
    lang: str,
    scored: list[Scored],
    *,
    abstain_below: float,
    max_sentences: int,
    evidence: EvidenceIndex | None = None,
    glossary: Glossary | None = None,
) -> Composed:
    related = _related(scored, lang)
    # an attribute the sources never name ("which party", "the street address") is held by no
    # sentence, however well the rest of the question matches; a question of no words ("?",
    # ". . .", "who?") asks nothing a sentence could hold
    usable = [] if info.asked_unknown or not info.terms else [c for c in scored if c.kind_ok]
    if not usable or usable[0].score < abstain_below:
        stated = _stated_unknown(info, evidence) if info.qtype == "who" else None
        if stated is not None:  # "Key Personnel: ?": the source says nobody is named
            quote = stated.text.strip()
            quote = f"“{quote}”" if stated.chunk.language != lang else quote
            text = f"{t('stated_unknown', lang)} {quote} [1]"
            return Composed(text, True, [cite(1, stated)], related, scored)
        return Composed(t("abstain", lang), True, [], related, scored)
    best = usable[0]
    # "how many researchers": a number that counts them ("over 300 researchers") answers, one
    # that counts something else ("six research centres") does not, however well it matches
    if info.counted is not None and not _counts_what_is_asked(best):
        best = next(
            (c for c in usable[1:5] if c.score >= 0.8 * best.score and _counts_what_is_asked(c)),
            best,
        )
    # "which other act will it supervise": of near-equal sentences, one that names more than one
    # of the kind ("the EU AI Act and the Data Act") holds the other one
    if info.another and info.asked is not None and _names_of_kind(info, best.sentence) < 2:
        best = next(
            (
                c
                for c in usable[:3]
                if c.score >= 0.95 * best.score and _names_of_kind(info, c.sentence) >= 2
            ),
            best,
        )
    # "on which *levels* does BOSA give support": of near-equal sentences that lack the noun
    # asked for, the one whose passage goes on to name it (not a noun every body or person
    # fits: "which body gives guidance" is answered by a name, which need not say "body")
    if (
        evidence is not None
        and info.asked is not None
        and info.asked.token not in ANY_BODY | ROLE_WORDS
        and not info.asked.found_in(best.sentence.stems)
    ):
        best = next(
            (
                c
                for c in usable[:3]
                if c.score >= 0.95 * best.score
                and (nxt := _next_in_passage(c.sentence, evidence)) is not None
                and info.asked.found_in(nxt.stems)
            ),
            best,
        )
    # "what is X": when the best sentence does not say what X is (a table row, a sentence that
    # names X in passing), the near-best sentence that does goes with it
    # (and when the best one only has X do something, "Amai! actively involves ...", the
    # near-best one that says what X is, "Amai! is a citizen-facing initiative", goes with it)
    defining = None
    if info.definition:
        says = _defines if not _defines(best) else None if _says_what(best) else _says_what
        if says is not None:
            near = (c for c in usable[1:5] if c.score >= NEAR_BEST * best.score)
            defining = next((c for c in near if says(c)), None)
    if (
        evidence is not None
        and picks_item(info)
        and (picked := _picked_item(info, usable, evidence))
    ):
        cand, item = picked
        lead = cand.sentence if cand.sentence.place == "prose" else None
        return item_answer(info, lead, item, lang, scored, evidence, related)
    if evidence is not None and info.wants_list:
        # a list question prefers, among near-best sentences, one that a list follows
        for cand in usable[:8]:
            if cand.score < LIST_FLOOR * best.score:
                break
            items = attached_list(cand.sentence, evidence)
            # "the five core missions": a list of as many items as asked for may stand lower;
            # another list only when near the best
            if cand.score < 0.8 * best.score and len(items) != info.many:
                continue
            if info.many and len(items) != info.many and info.many in _inline_lists(best):
                continue  # "which three associations": "(Agoria, Voka, UNIZO)" in the best one
            lead = cand.sentence if cand.sentence.place == "prose" else list_lead(items, evidence)
            if info.asked is not None and not (lead and info.asked.found_in(lead.stems)):
                continue  # "what are the risks": a list of objectives is no list of risks
            # ("Its work is structured around five pillars:" is about what its antecedent names)
            about = lead.stems if lead else frozenset()
            if lead and lead.leans and (ante := evidence.antecedent_of(lead)):
                about |= ante.stems
            if lead:  # ("The plan's vision ... nine core objectives": its heading names the plan)
                about |= stems_of(lead.chunk.section)
            # ("that Flemish AI Academy": "Flemish" alone is another body's list)
            if info.focus and not _names_most(info.focus, cand.covered, about, evidence):
                continue  # "which institutions work in VAIA": a list about another body is not it
            if len(items) >= 2 and all(len(item_head(i).split()) <= ITEM_WORDS for i in items):
                return _list_answer(cand, items, lang, related, scored)
    chosen = [best] if defining is None else [best, defining]
    covered = set(best.covered)
    note = ""
    if info.qtype == "when" and best.sentence.has_date:
        other = _conflicting_date(best, usable)
        if other is not None:
            chosen.append(other)
            note = t("conflict", lang)
    # "who chairs X", "how many researchers": when the best sentence gives the value, a
    # supplementary sentence only lengthens the answer
    best_value = direct_answer(info, lang, best.sentence, evidence, glossary)
    answered = not info.wants_list and not info.definition and bool(best_value)
    # "who are the coordinators?" answered by one name: a sentence naming another may join
    people = asks_people(info) and best_value is not None and _AND_WORDS.search(best_value) is None
    answered = answered and not people
    for cand in usable[1:]:
        if len(chosen) >= max_sentences or note or answered:
            break
        if cand.score < NEAR_BEST * best.score or _near_duplicate(cand, chosen):
            continue
        if people:
            # another holder of the role, of what the question names ("in Flanders"), said in
            # the sentence or the one it leans on ("The center is led by ..."): a federal
            # minister is no politician "in charge of AI in Flanders"
            ante = evidence.antecedent_of(cand.sentence) if evidence is not None else None
            before = ante.stems if ante is not None else frozenset()
            if not all(f.token in cand.covered or f.found_in(before) for f in info.focus):
                continue
            value = direct_answer(info, lang, cand.sentence, evidence, glossary)
            if value and value not in (best_value or ""):
                chosen.append(cand)
                break
            continue
        gain = cand.covered - covered
        gain_weight = sum(term.weight for term in info.terms if term.token in gain)
        total = sum(term.weight for term in info.terms) or 1.0
        if gain_weight / total >= 0.2 or (
            info.wants_list and cand.kind_ok and cand.score >= 0.85 * best.score
        ):
            chosen.append(cand)
            covered |= cand.covered
    if evidence is not None and not note and info.definition:
        chosen = _with_continuation(chosen, info, evidence, scored, max_sentences)
    elif evidence is not None and not note and _wants_more(info, best):
        chosen = _with_continuation(chosen, info, evidence, scored, max_sentences, best)
    if evidence is not None and not note:
        chosen = _with_antecedent(chosen, evidence, scored, info.qtype in ("who", "org"))
        chosen = _with_summarised(chosen, evidence, scored)
    citations = [cite(n, c.sentence) for n, c in enumerate(chosen, start=1)]
    text = _frame(chosen, lang, "")
    values = [
        best_value if c is best else direct_answer(info, lang, c.sentence, evidence, glossary)
        for c in chosen
    ]
    if note:  # sources that differ give each their value: "8 mei 2024 [1] / 4 oktober 2023 [2]"
        shown = [f"**{v}** [{k}]" for k, v in enumerate(values, start=1) if v]
        direct = " / ".join(v for v in values if v) or None
        text = " ".join([note, " / ".join(shown), text] if shown else [note, text])
    elif people and len([v for v in values if v]) > 1:
        # several people, from several sentences: each name once, each cited where it is said
        names: dict[str, int] = {}
        for k, v in enumerate(values, start=1):
            for name in _AND_WORDS.split(v or ""):
                if name and not any(name in other or other in name for other in names):
                    names[name] = k
        direct = AND[lang].join(names)
        text = " ".join(f"**{name}** [{k}]" for name, k in names.items()) + f" {text}"
    else:  # the value first, in bold, cited to the sentence it comes from
        direct = values[chosen.index(best)]
        if direct:
            n = chosen.index(best) + 1
            text = f"**{direct}** [{n}] {text}"
    return Composed(text, False, citations, related, scored, direct)


_PEOPLE_COLUMNS = ROLE_WORDS | frozenset("personnel leadership people persons members".split())


def _names_nobody(row: str) -> bool:
    """A table row whose people column says 'unknown' (or '?')."""
    return any(
        value.lower() in _UNKNOWN_CELLS and set(tokens(head)) & _PEOPLE_COLUMNS
        for head, value in table_cells(row)
    )


_UNKNOWN_CELLS = frozenset({"unknown", "?", "onbekend"})


def _stated_unknown(info: QuestionInfo, ev: EvidenceIndex | None) -> Sentence | None:
    """A table row about what the question names whose people column says 'unknown'. Every
    row is looked at, not only the retrieved ones: a row is found by its name, and there are
    few of them."""
    if ev is None:
        return None
    return next((s for s in ev.table_rows if _row_about(info, s) and _names_nobody(s.text)), None)


def _row_about(info: QuestionInfo, s: Sentence) -> bool:
    """A table row about what the question names: a row is about what its first cell names."""
    if not info.focus or not s.chunk.meta.get("is_table_row"):
        return False
    named = frozenset().union(*(f.forms for f in info.focus))
    subject = content_tokens(_first_cell(s))
    return bool(subject) and all(stems(w) & named for w in subject)


_VALUE_QTYPES = frozenset({"when", "amount", "count", "age"})
_IN_BRACKETS = re.compile(r"\([^)]*\)")  # "Annual Budget (€)", "Agreement (2025-2029)"


def _row_answers(info: QuestionInfo, s: Sentence, asked_cells: list[tuple[str, str]]) -> bool:
    """A table row answers with what its columns hold: a body, a person, a date or a figure,
    or the column the question asks for ("which document", "welke pijler"); asked what a
    thing is, only the row about that thing. A row that lists the thing among its cells
    ("Core Responsibilities: ...; AI Observatory; ...") says nothing else about it ("what
    does the observatory track?", "what other portfolio does the minister hold?")."""
    if info.asks_body or info.wants_person or info.qtype in _VALUE_QTYPES:
        return True
    if info.definition:
        return _row_about(info, s)
    return bool(asked_cells)


def _asked_cells(info: QuestionInfo, s: Sentence) -> list[tuple[str, str]]:
    """The cells of a row whose column's head noun the question says in its own words ("in
    which policy document", "welke pijler": "Key Document/Mandate", "Pillar")."""
    asking = [t for t in info.terms if not t.carried and t not in info.focus]
    out = []
    for head, value in table_cells(s.text):
        pieces = _IN_BRACKETS.sub(" ", head).split("/")
        nouns = frozenset().union(*(stems(p.split()[-1].lower()) for p in pieces if p.split()))
        if any(t.found_in(nouns) for t in asking):
            out.append((head, value))
    return out


def _cell_repeats_question(
    info: QuestionInfo, asked_cells: list[tuple[str, str]], common: frozenset[str]
) -> bool:
    """A table row whose cells under the asked columns hold what the question itself names
    gives nothing new: "which of its documents fed into the National Convergence Plan?" is
    not answered by the row whose key document is that plan, but by the row of the body that
    "its" stands for."""
    said = frozenset().union(*(t.forms for t in info.terms))

    def repeats(value: str) -> bool:
        words = [w for w in content_tokens(_IN_BRACKETS.sub(" ", value)) if w not in common]
        return bool(words) and sum(bool(stems(w) & said) for w in words) >= 0.75 * len(words)

    # ("the annual budget of pillar II": the Pillar cell repeats it, the budget cell is new)
    return bool(asked_cells) and all(repeats(value) for _, value in asked_cells)


_WORDS_AS_WRITTEN = re.compile(r"[\w\"“”'’&!#.-]+")
_QUOTES = "\"“”'’"


def _names_kind(info: QuestionInfo, s: Sentence) -> bool:
    """The sentence gives a name of the kind asked for: the word for the kind right after a
    name ('the "ALLY" framework', "the Convergence Plan"), not after a common word."""
    asked = info.asked
    if asked is None:
        return False
    words = _WORDS_AS_WRITTEN.findall(s.text)
    for k in range(1, len(words)):
        word = words[k].strip(_QUOTES + ".").lower()
        if not word or not stems(word) & asked.forms:
            continue
        before = words[k - 1].rstrip(".")
        if before[-1:] in _QUOTES or (before[:1].isupper() and before.lower() not in STOPWORDS):
            return True
    return False


def _gives_examples(info: QuestionInfo, s: Sentence) -> bool:
    """The sentence names examples of the kind asked for ('practical tools (such as its "EU
    AI Act in 6 steps" guide ...)'), where another only says the kind ('developing practical
    tools')."""
    asked = info.asked
    if asked is None:
        return False
    for m in _WORDS_AS_WRITTEN.finditer(s.text):
        word = m.group(0).strip(_QUOTES + ".").lower()
        if word and stems(word) & asked.forms and _EXAMPLES.match(s.text, m.end()):
            return True
    return False


# "tools (such as its "EU AI Act in 6 steps" guide", "instellingen zoals imec": named examples
_EXAMPLES = re.compile(
    r"[\s(,:—-]*(?:such as|like|including|e\.g\.,?|for example|for instance|zoals|waaronder"
    r"|bijvoorbeeld)\s+(?:(?:its|the|their|his|her|het|de|hun|zijn)\s+)?[\"“'‘]?[A-Z]"
)


def _first_cell(s: Sentence) -> str:
    """The value of a table row's first cell (what the row is about), or "" for no row."""
    cells = table_cells(s.text)
    return cells[0][1] if cells else ""


def _row_names_asked(info: QuestionInfo, s: Sentence, common: frozenset[str]) -> bool:
    """The question names the body of a row's first cell ("BOSA" for "FPS BOSA (DG ...)"), or
    the part of it that the brackets name ("DG Simplification" of FPS BOSA)."""
    first = _first_cell(s)
    named = frozenset().union(*(f.forms for f in info.focus if f.token not in common))
    return any(stems(w) & named for w in content_tokens(first) if w not in common)


def _with_antecedent(
    chosen: list[Scored], ev: EvidenceIndex, scored: list[Scored], items_too: bool = False
) -> list[Scored]:
    """'It is a unique collaboration between ...' says what only with the sentence before it:
    put that sentence first, so the answer names its subject. `items_too`: so does an item of
    a list, asked who or which body ("Innovation, which includes piloting ... Copilot")."""
    first = chosen[0].sentence
    if not (first.leans or (items_too and first.place == "item")):
        return chosen
    ante = ev.antecedent_of(first, items=items_too)
    if ante is None:
        return chosen
    prev_idx = ante.idx
    if any(c.sentence.idx == prev_idx for c in chosen):  # already chosen: it goes first
        return sorted(chosen, key=lambda c: c.sentence.idx != prev_idx)
    prev = ev.sentences[prev_idx]
    # the sentence that says what "the center" is comes before supplementary sentences from
    # elsewhere; those of the same passage stay
    kept = list(chosen)
    while _words(prev, *[c.sentence for c in kept]) > 90:
        elsewhere = [c for c in kept[1:] if c.sentence.chunk.id != first.chunk.id]
        if not elsewhere:
            return chosen
        kept.remove(elsewhere[-1])
    chosen = kept
    return [_scored_for(prev, scored), *chosen]


def _scored_for(s: Sentence, scored: list[Scored]) -> Scored:
    """The sentence as scored for this question, or unscored: one brought in for another
    (what it leans on, sums up or goes on with) need not have been retrieved."""
    found = next((c for c in scored if c.sentence.idx == s.idx), None)
    return found or Scored(s, 0.0, 0.0, 0.0, frozenset(), False)


# "These recommendations were intended to ...": the sentence before says what they are
_SUMMARISES = re.compile(r"^\W*(?:these|those|such|deze|die|zulke|zo'n)\s+\w+", re.I)


def _with_summarised(chosen: list[Scored], ev: EvidenceIndex, scored: list[Scored]) -> list[Scored]:
    """A quote that sums up the sentence before it ("These recommendations ...", "Deze
    maatregelen ...") says what they are only with that sentence: it goes just before it."""
    out = list(chosen)
    for c in chosen:
        idx = c.sentence.idx
        shown = [x.sentence.idx for x in out]
        prev = ev.sentences[idx - 1] if idx > 0 else None
        if (
            idx not in shown
            or prev is None
            or not _SUMMARISES.match(c.sentence.text)
            or prev.chunk.id != c.sentence.chunk.id
            or prev.place != "prose"
            or prev.idx in shown
        ):
            continue
        # what it sums up comes before a supplementary sentence from further on
        while _words(prev, *[x.sentence for x in out]) > 110 and out[-1].sentence.idx not in (
            idx,
            out[0].sentence.idx,
        ):
            out.pop()
        if _words(prev, *[x.sentence for x in out]) > 110:
            continue
        at = next(k for k, x in enumerate(out) if x.sentence.idx == idx)
        out.insert(at, _scored_for(prev, scored))
    return out


def _next_in_passage(s: Sentence, ev: EvidenceIndex) -> Sentence | None:
    """The sentence after `s` in the same chunk, if any."""
    if s.idx + 1 >= len(ev.sentences):
        return None
    nxt = ev.sentences[s.idx + 1]
    return nxt if nxt.chunk.id == s.chunk.id else None


def _with_continuation(
    chosen: list[Scored],
    info: QuestionInfo,
    ev: EvidenceIndex,
    scored: list[Scored],
    max_sentences: int,
    opener: Scored | None = None,
) -> list[Scored]:
    """'AI4Gov: This function establishes a channel ...' says what X is; the next sentence of
    the same passage ('Through the AI4Gov initiative, BOSA advises ...', 'The observatory
    monitors ...') says what it does and whose it is: a definition takes it along. So does a
    sentence (`opener`) that names what is asked about but not what is asked ('imec is the most
    critical institution' for 'why is imec important?')."""
    definer = opener or next((c for c in chosen if _defines(c)), None)
    if definer is None or len(chosen) >= max_sentences:
        return chosen
    nxt = _next_in_passage(definer.sentence, ev)
    if nxt is None or any(c.sentence.idx == nxt.idx for c in chosen):
        return chosen
    if not (nxt.leans or any(f.found_in(nxt.head) for f in info.subject)):
        return chosen
    if _words(nxt, *[c.sentence for c in chosen]) > 90:
        return chosen
    at = chosen.index(definer) + 1
    return [*chosen[:at], _scored_for(nxt, scored), *chosen[at:]]


_WHY = re.compile(r"^\W*(?:(?:and|en)\s+)?(?:why|waarom)\b", re.I)


def _wants_more(info: QuestionInfo, best: Scored) -> bool:
    """Does the best sentence leave out what is asked: the reason of a why-question, or the
    noun a which-question asks for ('on which *levels* does BOSA give support')?"""
    if _WHY.match(info.text):
        return True
    return info.asked is not None and not info.asked.found_in(best.sentence.stems)


def _words(*sentences: Sentence) -> int:
    return sum(len(s.text.split()) for s in sentences)


def _list_says(asked: Term, s: Sentence, ev: EvidenceIndex) -> bool:
    """An item of a list whose lead names the asked noun: each item is one of those."""
    if s.place == "prose":
        return False
    lead = list_lead(attached_list(s, ev), ev)
    return lead is not None and asked.found_in(lead.stems)


_BRACKETED = re.compile(r"\(([^()]{3,200})\)")
_ITEM_SEP = re.compile(r",\s*(?:and\s+|en\s+)?|\s+(?:and|en)\s+")


def _inline_lists(cand: Scored) -> set[int]:
    """How many items each bracketed list of the sentence holds ("(Agoria, Voka, UNIZO)")."""
    return {
        len(_ITEM_SEP.split(m.group(1)))
        for m in _BRACKETED.finditer(cand.sentence.text)
        if "," in m.group(1)
    }


def list_lead(items: list[Sentence], ev: EvidenceIndex) -> Sentence | None:
    """The prose sentence just before a list's first item: what the list is a list of."""
    if not items:
        return None
    seq = ev.by_chunk[items[0].chunk.id]
    pos = seq.index(items[0].idx)
    return ev.sentences[seq[pos - 1]] if pos > 0 else None


def _picked_item(
    info: QuestionInfo, usable: list[Scored], ev: EvidenceIndex
) -> tuple[Scored, Sentence] | None:
    """'What is the first one?': among the well-scoring sentences, the first that introduces
    (or belongs to) a list long enough, with that list's item."""
    best = usable[0]
    for cand in usable[:8]:
        if cand.score < LIST_FLOOR * best.score:
            break
        items = attached_list(cand.sentence, ev)
        if len(items) >= max(info.item, 2):
            return cand, items[info.item - 1]
    return None


def picks_item(info: QuestionInfo) -> bool:
    """'What is the first one?', 'which framework falls under the first of those?': the item
    itself is asked for. ('How much goes to the third?' asks a value of it: the usual way.)"""
    return bool(info.item) and info.qtype in ("what", "org")


def item_answer(
    info: QuestionInfo,
    lead: Sentence | None,
    item: Sentence,
    lang: str,
    scored: list[Scored],
    ev: EvidenceIndex,
    related: list[Citation] | None = None,
) -> Composed:
    """The asked item of a list in bold, after the sentence that introduces the list (when
    there is one), each cited; with the item's further sentences that hold what else the
    question asks ("... what tools does it develop?": "developing tools such as ...")."""
    related = _related(scored, lang) if related is None else related
    seq = ev.by_chunk[item.chunk.id]
    body = []
    for i in seq[seq.index(item.idx) + 1 :]:
        more = ev.sentences[i]
        if more.place != "more" or len(body) >= 2:
            break
        if any(term.found_in(more.stems) and not term.found_in(item.stems) for term in info.terms):
            body.append(more)
    units = ([lead] if lead is not None else []) + [item] + body
    citations = [cite(n, u) for n, u in enumerate(units, start=1)]
    head = item_head(item)
    text = f"**{head}** [{units.index(item) + 1}] {_quoted(units, lang)}"
    return Composed(text, False, citations, related, scored, head)


def _list_answer(
    best: Scored, items: list[Sentence], lang: str, related: list[Citation], scored: list[Scored]
) -> Composed:
    """A list question: the sentence that introduces the list, then each item by its name, each
    cited to its own line of the source."""
    lead = [] if best.sentence in items else [best.sentence]
    units = lead + items
    citations = [cite(n, s) for n, s in enumerate(units, start=1)]
    heads = [f"{item_head(s)} [{n}]" for n, s in enumerate(items, start=len(lead) + 1)]
    foreign = best.sentence.chunk.language != lang
    listed = "; ".join(heads)
    if lead:
        text = lead[0].text.strip()
        text = f"“{text}”" if foreign else text
        body = f"{text} [1] {listed}."
    else:
        body = f"{listed}."
    if foreign:
        body = f"{t('according_report', lang)} {body}"
    return Composed(body, False, citations, related, scored)


def _conflicting_date(best: Scored, usable: list[Scored]) -> Scored | None:
    """Another well-matching sentence that gives a different date for the same thing."""
    best_dates = [_date_key(d) for d in DATE.findall(best.sentence.text)]
    for cand in usable[1:6]:
        if cand.score < 0.8 * best.score or not cand.sentence.has_date:
            continue
        dates = [_date_key(d) for d in DATE.findall(cand.sentence.text)]
        same = any(_same_date(a, b) for a in dates for b in best_dates)
        shared = len(cand.covered & best.covered) >= max(1, len(best.covered) - 1)
        if dates and not same and shared and _same_body(best.sentence, cand.sentence):
            return cand
    return None


def _same_body(a: Sentence, b: Sentence) -> bool:
    """Do two sentences name the same body (if both name one)? The AI Steering Committee is
    not the Data and AI Ethics Advisory Committee, though both are federal AI committees."""
    if not a.bodies or not b.bodies:
        return True

    def words(name: str) -> set[str]:
        return set(content_tokens(name.lower().replace("artificial intelligence", "ai")))

    return any(
        len(words(x) & words(y)) >= 0.5 * len(words(x) | words(y))
        for x in a.bodies
        for y in b.bodies
    )


def _date_key(text: str) -> tuple[int, int, int]:
    """'May 24, 2024' and '24 mei 2024' are (2024, 5, 24); a part not given is 0."""
    low = text.lower()
    year = int(m.group(0)) if (m := re.search(r"(?:19|20)\d\d", low)) else 0
    month = next((n for name, n in MONTHS.items() if name in low.split()), 0)
    if m := re.fullmatch(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", low):
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    day = next((int(d) for d in re.findall(r"\b\d{1,2}\b", low)), 0)
    return year, month, day


def _same_date(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """The same date, where one may give less ('May 2024' fits 'May 24, 2024')."""
    return all(x == y or not x or not y for x, y in zip(a, b, strict=True))


def _near_duplicate(cand: Scored, chosen: list[Scored]) -> bool:
    a = cand.sentence.stems
    for c in chosen:
        b = c.sentence.stems
        if len(a & b) / max(1, len(a | b)) > 0.6:
            return True
    return False


def _frame(chosen: list[Scored], lang: str, note: str) -> str:
    """The answer: quoted sentences with [n]; in the other language, framed as a report quote."""
    body = _quoted([c.sentence for c in chosen], lang)
    return f"{note} {body}" if note else body


def _quoted(sentences: list[Sentence], lang: str) -> str:
    """Sentences with [n], in order; in the other language in quotes, after 'according to the
    report' (or the page)."""
    parts = []
    for n, s in enumerate(sentences, start=1):
        text = s.text.strip()
        if s.chunk.language != lang:
            text = f"“{text}”"
        parts.append(f"{text} [{n}]")
    body = " ".join(parts)
    first = sentences[0].chunk
    if first.language != lang:
        if first.meta.get("kind") == "page":
            lead = t("according_page", lang, title=str(first.meta.get("title", "")))
        else:
            lead = t("according_report", lang)
        body = f"{lead} {body}"
    return body


def cite(n: int, s: Sentence) -> Citation:
    meta = s.chunk.meta
    return Citation(
        n=n,
        title=str(meta.get("title", "")),
        section=s.chunk.section,
        quote=s.text.strip(),
        url=str(meta.get("url", "")),
        links=[Link(**lk) for lk in s.chunk.links],
        date=str(meta.get("date", "")),
        chunk_id=s.chunk.id,
    )


def _related(scored: list[Scored], lang: str, k: int = 3) -> list[Citation]:
    out: list[Citation] = []
    seen: set[str] = set()
    for c in scored:
        where = f"{c.sentence.chunk.meta.get('title', '')}|{c.sentence.chunk.section}"
        if where in seen:  # one entry per section: two chunks of it are one place to look
            continue
        seen.add(where)
        out.append(cite(len(out) + 1, c.sentence))
        if len(out) >= k:
            break
    return out
