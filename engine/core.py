"""The engine: one object that the CLI, the chat UI and the evaluation all ask.

It loads what ingest built (building it first if there is none), and answers a question in
its conversation: language, follow-up condensation, hybrid retrieval, then the answerer.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Literal

from engine.answer import (
    Composed,
    Scored,
    compose,
    item_answer,
    list_lead,
    picks_item,
    score_sentences,
)
from engine.directory import roles_by_sentence
from engine.evidence import (
    NUMBER,
    EvidenceIndex,
    Sentence,
    attached_list,
    body_names,
    person_names,
)
from engine.glossary import Glossary, load_glossary
from engine.models import Answer, Citation, Timings
from engine.parts import LEADING_QUESTION_WORD, reported_question, split_question
from engine.question import (
    ORG_NOUNS,
    QUESTION_VOCABULARY,
    ROLE_WORDS,
    QuestionInfo,
    acronyms,
    analyse,
    asked_noun,
    named,
    names_a_body,
    numbered_parts,
)
from engine.retrieve import Hit, HybridRetriever, Mode
from engine.scorer import Scorer, load_scorer
from engine.spelling import Speller
from engine.strings import t
from engine.text import STOPWORDS, content_tokens, fold, without_carried, word_forms
from ingest.directory import load_directory
from ingest.embed import NumpyEmbedding, make_embedder
from ingest.index import Store
from ingest.language import detect_language, warm_up
from ingest.settings import Settings

log = logging.getLogger(__name__)

_PRONOUNS = frozenset(
    "it its it's they them their theirs this that these those he she his her hers him there"
    " het zijn haar hun die dat deze dit daar er ervan hij zij ze hem diens wiens"
    # "wie van het Kenniscentrum zetelt *daarin*?": in the thing said before (not "erbij" or
    # "daarop", which Dutch also says of nothing: "met de afkorting erbij")
    " daarin daarvan daaraan daarachter erachter daaronder eronder erin".split()
)
# "het BIPT", "the report": a demonstrative or article before a name or the sources
_ARTICLE_OF_NAME = re.compile(
    r"\b(?:het|de|die|dat|deze|dit|the|this|that|these|those)\s+"
    r"(?=[A-Z]|(?:rapport|report|verslag|bronnen|sources)\b)"
)
# a possessive, or "it" after a subordinator, refers to a name said before it in the same
# question ("which department does the AI Steering Group send its advice to?")
_INNER_PRONOUN = re.compile(
    r"\b(its|their|hun)\b|\b(?:once|when|whether|if|after|before|until|because|as|zodra|nadat"
    r"|omdat|voordat|tot)\s+(it['’]s|it|they|het|ze)\b",
    re.I,
)
# "is there a Flemish body that ...?", "bestaat er een ...": a question that brings in its own
# subject; its "there"/"er" points at nothing, nor does "that"/"die" after "a body"
_EXISTENTIAL = re.compile(
    r"^\W*(?:(?:and|also|en|ook)\s+)*(?:(?:is|are|was|were)\s+there|(?:is|zijn|bestaat|bestaan)"
    r"\s+er)\s+(?:also\s+|ook\s+)?(?:an?|any|some|een|enige)\b",
    re.I,
)
_RELATIVE_AFTER_A = re.compile(
    r"\b(?:an?|een)\s+((?:[\w-]+\s+){0,2}[\w-]+)\s+(that|which|die|dat)\s+\w", re.I
)
# "that programme", "dat plan": a thing pointed at by its kind
_DEMONSTRATIVE_NOUN = re.compile(r"\b(?:that|this|those|these|dat|die|deze|dit)\s+[a-z]{3,}")
# "that funding stream", "the plan", "het kader": a thing named by its kind
_DETERMINED = re.compile(
    r"\b(?:that|this|those|these|the|dat|die|deze|dit|de|het)\s+((?:[\w-]+\s+){0,2}[\w-]+)"
)
_MAX_CARRIED_BODIES = 3

# Dutch "het" as a pronoun, not an article: "onder welke pijler valt *het*?"
_HET_ALONE = re.compile(r"\bhet\s*(?:[?.!,]|$|(?:ook|nog|dan|zelf|eigenlijk|precies|al|er)\b)")
_THEY = frozenset("they them their theirs ze zij hun".split())
_PERSONAL = frozenset("he him his she her hers hij hem zij haar diens".split())
# (a pronoun of the same gender as the one the question before used stands for the same
# person: "met welke staatssecretaris werkt *ze* samen?" then "welke bevoegdheid heeft *zij*
# nog?"; Dutch "ze" is "she" as often as "they")
_SHE = frozenset("she her hers zij ze haar".split())
_HE = frozenset("he him his hij hem".split())
# what points at the part before it in the same message ("..., and when was *it* set up?")
_BACK_TO_PART = (
    _PERSONAL
    | _THEY
    | frozenset("it its it's there daar ervan daarvan daarbij daarin daarvoor".split())
)
_RUN_THINGS = frozenset(
    "programme program programma initiative initiatief project fund fonds platform plan hub"
    " autoriteit strategy strategie".split()
)
_FOLLOW_UP_OPENERS = ("and ", "en ", "what about", "en wat", "also", "ook", "and who", "en wie")
# "that agency", "die instelling", "there": what the previous answer named, not what was asked
# (every noun the questions name a body by, and the things bodies run)
_BODY_NOUN = (
    r"(?P<noun>[\w-]*(?:"
    + "|".join(sorted(ORG_NOUNS | _RUN_THINGS, key=len, reverse=True))
    + r"))\b"
)
_BODY_WORD = re.compile(_BODY_NOUN)
# "the agency that houses it", "the agency that centre belongs to", "het agentschap waar het
# onder valt": not the body the answer before named, but the one it is part of
_IT = r"(?:it|them|they|that\s+[\w-]+|this\s+[\w-]+|het|die|dat|dat\s+[\w-]+|die\s+[\w-]+)"
_CONTAINER = re.compile(
    r"\b(?:the|het|de)\s+(?:[\w-]+\s+)?(?:"
    + "|".join(sorted(ORG_NOUNS, key=len, reverse=True))
    + r")\s+(?:(?:that|which)\s+(?:houses|hosts|contains|oversees|runs)\s+"
    + _IT
    + r"|(?:(?:that|which)\s+)?"
    + _IT
    + r"\s+(?:belongs\s+to|is\s+part\s+of|is\s+housed\s+in|falls\s+under|sits\s+in|is\s+in)"
    + r"|(?:dat|die)\s+"
    + _IT
    + r"\s+(?:huisvest|herbergt|onderdak\s+biedt)"
    + r"|waar\s+"
    + _IT
    + r"\s+(?:onder\s+valt|deel\s+van\s+uitmaakt|bij\s+hoort|toe\s+behoort|in\s+zit"
    + r"|onder\s+hangt))\b",
    re.I,
)
# "the AI Expertise Center, housed within Digitaal Vlaanderen": a body named as part of another
_PART_OF = re.compile(
    r"[^.;:()]{0,30}?\b(?:within|inside|part\s+of|under|binnen|onder|housed\s+in|in)\s+"
    r"(?:the\s+|het\s+|de\s+)?",
    re.I,
)
_NAME_RUN = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:(?:of|for|and|&|voor|en)\s+)?[A-Z][\w&'’.-]*)*")
_MY_BODY = r"\b(?:my|our|mijn|onze)\s+(?:\w+\s+)?" + _BODY_NOUN.replace("?P<noun>", "?P<mine>")
_POINTS_AT_A_BODY = re.compile(
    r"\b(?:that|this|the same|die|dat|deze|dit|diezelfde|datzelfde)\s+(?:\w+\s+)?"
    + _BODY_NOUN
    + r"|\b(?:there|daar|daarvan|daarbij)\b"
)
# in a situation, also "my university's AI lab", "onze universiteit": the user's own body
_POINTS_AT_A_DESCRIBED_BODY = re.compile(_POINTS_AT_A_BODY.pattern + r"|" + _MY_BODY)
# in a later part of one message, "the centre" that names nothing else is the one the part
# before was about ("Who is its coordinator, and which groups is the centre made up of?")
_THE_BODY = re.compile(r"\b(?:the|de|het)\s+(?:\w+\s+)?" + _BODY_NOUN)


# "when did that happen?", "wanneer was dat?": the event the previous question asked about
# (not "when was it approved?": "it" may be the body the answer named)
_WHEN_DID_THAT = re.compile(
    r"\b(?:when|wanneer)\b.*\b(?:that|this|it|dat|dit|het)\b.*\b(?:happen|happened|take place|"
    r"took place|gebeurd|gebeurde|gebeuren|plaats)\b|^\W*(?:and |en )?(?:when|wanneer)\s+"
    r"(?:was|is|gebeurde|gebeurt)\s+(?:that|this|dat|dit)\s*\??\s*$",
    re.I,
)

# "that position", "die functie": the office the previous answer gave
_POINTS_AT_A_ROLE = re.compile(
    r"\b(?:that|this|the same|die|dat|deze|dit|diezelfde|datzelfde)\s+(?:\w+\s+)?"
    r"(?:functie|rol|positie|post|ambt|function|role|position|post|office|job)\b"
)


_FURTHER_BACK = re.compile(
    r"\b(?:first|eerste)\s+(?:question|answer|vraag|antwoord)\b|\basked (?:about )?first\b"
    r"|\b(?:going back|back to|terug naar|nog eens naar|terug te komen op|terugkomend op)\b"
)

_ALNUM_NAME = re.compile(r"\b[A-Za-z]+[0-9]+[A-Za-z][A-Za-z0-9]*\b")


def _same_person(words: set[str], prev_q: str) -> str:
    """What the question before pointed at with a pronoun of the same gender as these words
    use (the words it carried in brackets), or ""."""
    asked_prev, _, pointed_at = prev_q.partition(" (")
    if not pointed_at.endswith(")"):
        return ""
    before = set(re.findall(r"[\w'’-]+", asked_prev.lower()))
    same = any(words & group and before & group for group in (_SHE, _HE))
    return pointed_at[:-1] if same else ""


class Engine:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        embedder: NumpyEmbedding,
        glossary: Glossary | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.glossary = glossary or load_glossary()
        self.retriever = HybridRetriever(store, embedder, self.glossary, settings.retrieve)
        self.evidence = EvidenceIndex(self.retriever.chunks, store.sentence_vectors())
        # who holds which role, as ingest read it: evidence for who-questions
        self.evidence.attach_roles(roles_by_sentence(load_directory(store), self.evidence))
        self._llm = None  # the optional LLM client, made on first use
        self._llm_lock = threading.Lock()
        self.scorer: Scorer | None = None
        if settings.answer.scorer == "fitted":
            try:
                self.scorer = load_scorer()
            except ValueError as e:  # a model of other features: answer by hand, and say so
                log.warning("scorer not used: %s", e)
        self.speller = self._speller()
        warm_up()

    def _speller(self) -> Speller:
        """Names of the sources (words only ever written with a capital: people, bodies,
        places) and the glossary's entries are what a misspelt word may be read as: a word of
        the language ("hearing") must never be bent into another ("heading")."""
        glossary_words = {w for group in self.glossary.groups for phrase in group for w in phrase}
        names = set(self.evidence.rare_caps) | glossary_words
        # names with digits in them ("AI4Belgium", "AI4Gov"): "ai4belgum" is one of them
        alnum = {
            w.lower(): w
            for sentence in self.evidence.sentences
            for w in _ALNUM_NAME.findall(sentence.text)
        }
        names |= set(alnum)

        def known(word: str) -> bool:
            return (
                word in glossary_words
                or word in QUESTION_VOCABULARY  # "rector" is asked about, not a misspelt "sector"
                or self.evidence.known(word)
                or bool(self.glossary.equivalents(word))
                # a Dutch plural of a word the sources use: "coordinatoren" is no misspelt
                # "coordinator" (its stem, "coordinatoor", is not that word's)
                or (word.endswith("en") and self.evidence.known(word[:-2]))
            )

        # the words of the people the sources name ("latre" is Latré): a lowercase name then
        # names a person as a capitalised one does
        cased: dict[str, str] = {}
        for sentence in self.evidence.sentences:
            for name in sentence.names:
                for word in re.findall(r"[A-ZÀ-Ý][a-zà-ÿ]{2,}", name):
                    low = word.lower()
                    if (
                        low in self.evidence.rare_caps
                        and low not in ROLE_WORDS
                        and not self.glossary.equivalents(low)
                    ):
                        cased.setdefault(fold(low), word)
        # and a short name the sources write only in capitals ("vaia" is VAIA, "bosa" BOSA),
        # unless it is a word of the language ("ally")
        acronyms_ = {
            o.lower(): o
            for sentence in self.evidence.sentences
            for o in sentence.orgs
            if o.isalpha() and o.isupper() and len(o) >= 3 and o.lower() not in ROLE_WORDS
        }
        for low, written in alnum.items():
            cased.setdefault(fold(low), written)
        speller = Speller(names, known, cased)  # its dictionaries say which are words
        for low, written in acronyms_.items():
            if not speller.is_word(low) and low not in STOPWORDS:
                speller.cased.setdefault(low, written)
        return speller

    @classmethod
    def load(
        cls,
        settings: Settings,
        *,
        embedder: NumpyEmbedding | None = None,
        progress: bool = True,
        say: Callable[[str], None] = print,
    ) -> Engine:
        """Open the index (building it first when there is none), then the engine over it."""
        from engine.loading import open_index

        embedder = embedder or make_embedder(settings.embed)
        store = open_index(settings, embedder=embedder, progress=progress, say=say)
        return cls(settings, store, embedder)

    # ------------------------------------------------------------------------------------------
    def _cited_sentences(self, answer: Answer | Composed) -> list[Sentence]:
        """The sentences an answer quoted, in citation order."""
        ev = self.evidence
        cited: list[Sentence] = []
        for c in answer.citations:
            match = next(
                (
                    ev.sentences[i]
                    for i in ev.by_chunk.get(c.chunk_id, [])
                    if ev.sentences[i].text.strip() == c.quote
                ),
                None,
            )
            if match is not None:
                cited.append(match)
        return cited

    def _quoted(self, composed: Composed) -> list[Sentence]:
        """The sentences an answered part quoted (none for a part the sources do not hold)."""
        return [] if composed.abstained else self._cited_sentences(composed)

    def _listed_in(self, answer: Answer) -> list[Sentence]:
        """The list items an answer cited, else the list its first cited sentence introduces."""
        cited = self._cited_sentences(answer)
        items = [s for s in cited if s.place == "item"]
        if len(items) >= 2:
            return items
        return attached_list(cited[0], self.evidence) if cited else []

    def condense(
        self,
        question: str,
        history: Sequence[Answer],
        context: Sequence[str] = (),
        first: bool = True,
    ) -> str:
        """Make a follow-up stand alone by carrying the previous turn's subject along; the
        situation a user described (`context`, its sentences) is carried the same way, but only
        the words that the sources can hold ("MSc" or "kmo-zaakvoerder" would only mislead).
        A later part of the same message (`first` false) that the situation describes ("I heard
        of a fund for X. Who leads Y, and what is that fund called?") takes its subject from the
        situation, not from the part before it."""
        # "Which centre guides ...?" "**AI Expertise Center**" then "who heads the agency that
        # houses it?": the body the answer says it is part of
        wider = _CONTAINER.search(question) if history else None
        if wider and (home := _container_of(history[-1])):
            return f"{question[: wider.start()]}{home}{question[wider.end() :]}"
        low = question.lower().strip()
        words = set(re.findall(r"[\w'’-]+", low))
        # (a name typed lowercase names something too: "waar zit imec z'n hoofdkwartier?")
        names = named(question) or {
            t for m in self.glossary.matches(question) if names_a_body(m) for t in m.matched
        }
        names_nothing = not names and len(words) <= 8
        the_body = None if first or names else _THE_BODY.search(low)
        # ("het BIPT", "that BOSA observatory", "volgens het rapport": articles, no pointers)
        pointing = _pointing_words(question)
        # ("And is there a body that ...?": an "and" that only joins a question of its own)
        opens = low.startswith(_FOLLOW_UP_OPENERS) and not _EXISTENTIAL.match(low)
        points = bool(pointing & _PRONOUNS) or opens or names_nothing
        is_follow_up = points or the_body is not None
        if context and first and _points_back(low):
            question = self._with_situation(question, self._described_first(question, context))
        elif (
            context
            and not first
            and is_follow_up
            and not words & _BACK_TO_PART
            and not _HET_ALONE.search(low)
            and _DETERMINED.search(low)
        ):
            # "... and what is that funding stream called?": not the part before it ("it",
            # "there"), but a thing the situation described
            before = (history[-1].standalone_question or "") if history else ""
            nouns = " ".join(m.group(1) for m in _DETERMINED.finditer(low))
            described = self._described(nouns, context, before)
            if described:
                return self._with_situation(question, described)
        if not history:
            return question
        if not is_follow_up and len(content_tokens(question)) > 2:
            return question
        # "the committee from my first question", "going back to the plan I asked about
        # first", "terug naar ...": an earlier turn than the last
        # (said in the question, or in the lead before its colon: "Going back to the body from
        # my first question: which other act ...?")
        back = _FURTHER_BACK.search(low) or (
            first and _FURTHER_BACK.search(" ".join(context).lower())
        )
        at = 0 if len(history) > 1 and back else len(history) - 1
        if not back and at > 0:
            at = self._turn_naming(low, history, at)
        while at > 0 and history[at].abstained and not named(history[at].question):
            # "en wie is daar de baas?" unanswered, then "en wanneer werd dat agentschap
            # opgericht?": a follow-up that named nothing and got no answer adds nothing; what
            # it pointed at is the answer before it
            at -= 1
        prev = history[at]
        prev_q = prev.standalone_question or prev.question
        own = set(content_tokens(question))
        # the names of the previous turn as written ("Kenniscentrum Data & Maatschappij"), so
        # they stay names, and the noun it asked about; else its content words
        common = self.evidence.common_acronyms  # "AI", "EU" name no particular subject
        carried = [w for w in _names_in(prev_q) if w.lower() not in own and w not in common]
        for match in self.glossary.matches(prev_q):  # lowercase names: "imec", "stuurgroep"
            lowered = {c.lower() for c in carried}
            if match.kind == "organisations":
                carried += [w for w in match.said if w not in own and w not in lowered]
        if pointing & _PRONOUNS:
            # "Who is the Academic Coordinator of that centre? Which group is one of its
            # partners?": a pronoun stands for the thing or the person, never for the role asked
            # about ("And of VLAIO?" carries the role: it points with no pronoun)
            # (unless the title is all it named: "de Vlaamse minister-president", then "hij")
            title = _role_title(prev_q)
            carried = [w for w in carried if w.lower() not in title] or carried
        if not prev.abstained and prev.citations:
            # "How much does Flanders spend on its AI research program?" answered from a row
            # of the "Flanders AI Research Program": the name the answer gives the thing the
            # question wrote in lowercase words is what "it" is
            asked_words = set(content_tokens(prev_q.partition(" (")[0]))
            asked_words -= self.evidence.common_words
            lowered = {c.lower() for c in carried}
            for body in self._bodies_in(prev.citations[0].quote):
                words_of = set(content_tokens(body))
                if (
                    body.lower() not in lowered
                    and len(words_of & asked_words) >= 2
                    and not words_of <= own
                ):
                    # (the name stands for the words of it carried already: "Flanders")
                    carried = [c for c in carried if c.lower() not in words_of] + [body]
                    break
        # ("... naar de derde? (… pijlers)" then "welke initiatieven vallen daaronder?")
        carried += [p for p in numbered_parts(prev_q) if p not in low]
        if carried:
            noun = asked_noun(prev_q)  # "Hoeveel pijlers ...?" then "... naar de derde?"
            if noun and noun not in own and noun not in STOPWORDS:
                carried.append(noun)
        else:  # it named nothing ("the citizens' consultation"): its words say what it was about
            # (its own words: the situation it carried in brackets was for it alone)
            bracketed = prev_q.rstrip().endswith(")")
            asked_prev, _, pointed_at = prev_q.partition(" (") if bracketed else (prev_q, "", "")
            carried = [w for w in content_tokens(asked_prev) if w not in own]
            prev_points = _pointing_words(asked_prev)
            if (
                pointed_at
                and not first
                and pointing & _PRONOUNS
                and (
                    pointing & prev_points & _PRONOUNS
                    or (
                        _DEMONSTRATIVE_NOUN.search(asked_prev.lower())
                        and not self._asked_for_a_body(asked_prev)
                    )
                )
            ):
                # "How many took part in it, and which department organised it?": the second
                # "it" is what the first pointed at, not what the first asked ("How much does
                # that programme get, and who leads it?"; but "Which centre does that, and who
                # leads it?": the centre; "Does it have its own lab, and what does it pilot
                # there?": the lab)
                carried = [w for w in content_tokens(pointed_at) if w not in own]
        pointer = _POINTS_AT_A_BODY.search(low) or the_body
        noun = pointer.group("noun") if pointer else None
        given = _given_in(noun, prev_q, self._of_kind(noun)) if noun else ""
        # "het stuurcomité van dat plan" then "wie zit dat stuurcomité voor?": a bare noun
        # says which kind, the previous answer's bodies say whose
        # (a common noun, not a name: "stuurcomité", not "AI-expertisecentrum")
        bare = bool(given) and given.isalpha() and given.islower()
        of_kind: list[str] = []  # the answer's bodies of the kind it points at
        if back and not given and first:
            # "Going back to the plan I asked about first: what is its ambition called?": the
            # thing of that turn that the lead names by its kind
            lead = next((c for c in context if _FURTHER_BACK.search(c.lower())), "")
            given = next((g for w in content_tokens(lead) if (g := _given_in(w, prev_q))), "")
        if _POINTS_AT_A_ROLE.search(low) and prev.direct and not prev.abstained:
            # "who holds that position now?" after "**the Director-General of X**": that office
            carried = [prev.direct]
        elif words & _THEY and (counted := self._counted_before(prev)):
            # "How many people took part?" "**60** (60 Belgians ...)"; "what did *they* ask?":
            # those counted, as the question before asked about them
            asked_prev = prev_q.partition(" (")[0]
            carried = [counted] + [w for w in content_tokens(asked_prev) if w not in own]
        elif words & _PERSONAL and (same := _same_person(words, prev_q)):
            # "With which state secretary does *she* work?" "**Mathieu Michel**", then "what
            # else is *she* in charge of?": the one the question before pointed at, not its answer
            carried = [w for w in content_tokens(same) if w not in own]
        elif words & _PERSONAL and (
            people := self._people(prev)
            or next((p for a in reversed(history[:-1]) if (p := self._people(a))), [])
        ):
            # "he", "hij": the person the previous answer named, or else an earlier one
            # ("sinds wanneer is *hij* minister-president?" after an answer that named no one)
            carried += [w for name in people for w in content_tokens(name) if w not in own]
        elif (
            not prev.abstained
            and prev.citations
            # "that agency" points at a body of the answer; a bare "daarvan" after "when was
            # it approved?" at what the question before was about, not who approved it
            and ((pointer and pointer.group("noun")) or self._asked_for_a_body(prev_q))
            and (not given or bare)
        ):
            # "Who supervises the AI Act?" then "who leads that institution?": the body that
            # the previous answer named is what the follow-up is about (unless the previous
            # question named it itself: "... within the Flemish AI research programme" then
            # "what budget does that programme get?")
            quote = prev.citations[0].quote
            asked = set(content_tokens(prev_q)) | own
            # the answer's direct value is the body asked for (the condition above has asked
            # that already, unless "that agency" pointed back)
            from_direct = bool(prev.direct) and (not pointer or self._asked_for_a_body(prev_q))
            if from_direct:
                # "Which academy ...?" answered "**VAIA**": that is the one it points at, not
                # every body its sentence names
                # of a cell's alternatives ("VLAIO / Digitaal Vlaanderen"), "it" is the first
                bodies = [d.split(" / ")[0] for d in prev.direct.split("; ")]
                if not words & _PERSONAL and person_names(prev.direct, self.evidence.rare_caps):
                    bodies = []  # "who coordinates it?" "Rob Heyman"; "what has *it* made?"
            else:
                bodies = self._bodies_in(quote)
            bodies = list(dict.fromkeys(bodies))
            found = [b for b in bodies if not set(content_tokens(b)) <= asked]
            if pointer and pointer.group("noun"):  # "the centre": of its bodies, the centre
                kind = self._of_kind(pointer.group("noun"))
                of_kind = [b for b in found if self._is_kind(b, kind, quote)]
                # ("die academie uit je vorige antwoord": named in another of its quotes; "dat
                # agentschap" after "**AI Expertise Center**": the agency its quote names)
                quotes = prev.citations if from_direct else prev.citations[1:]
                for other in [] if of_kind else quotes:
                    of_kind = [
                        b
                        for b in self._bodies_in(other.quote)
                        if self._is_kind(b, kind, other.quote)
                        and not set(content_tokens(b)) <= asked
                    ]
                    if of_kind:
                        break
                # "het instituut" after a question that named BIPT: that one, as the user
                # wrote it (its answer may call it "the Belgian Institute for ...")
                kind_named = [b for b in _names_in(prev_q) if self._is_kind(b, kind)]
                if not of_kind or (
                    kind_named
                    and self._one_name_each(kind_named + of_kind) == self._one_name_each(kind_named)
                ):
                    of_kind = kind_named or of_kind
                found = self._one_name_each(of_kind) or found
            if not from_direct and len(found) > _MAX_CARRIED_BODIES:
                found = []  # an answer that lists many bodies names no one "that consortium"
            # the body the answer gave stands for what the question described it by ("Which
            # Leuven-based research centre ...?" -> imec: "Leuven" would find KU Leuven)
            # ("Who runs *it*?", not "How many took part?"; and not after a person was named)
            # (and "What's the federal AI plan called?" answered by a quote that names it:
            # that name, not the words it was asked by)
            gave_name = from_direct or bool(_CALLED.search(prev_q.partition(" (")[0]))
            # ("Wie beheert AI4Belgium?" "BOSA": "hoe groot is *haar* budget?" may be either's:
            # a who-question's own names are what it was about, not words that described BOSA)
            # (a role's acronym is none of them: "Wie is de CEO van imec?" was about imec)
            # (and a message that asked it as one of its parts: "What is AI4Belgium and who
            # runs it?" then "how big is its budget?")
            asked_who = any(
                _WHO_ASKS.match(p) for p in [prev_q, *split_question(prev.question).questions]
            )
            named_before = [
                b
                for b in (self._bodies_in(prev_q) if asked_who else [])
                if b.lower() not in ROLE_WORDS
            ]
            about_named = bool(named_before)
            answered = (
                gave_name
                and bool(found)
                and bool(words & _PRONOUNS or pointer)
                and not person_names(prev.direct or "", self.evidence.rare_caps)
                and not about_named
            )
            if _WHEN_DID_THAT.search(low):
                # "... and when did that happen?": what happened is what the question before
                # said ("signed off on the plan"), whoever its answer said did it
                asked_prev = prev_q.partition(" (")[0]
                carried = [w for w in content_tokens(asked_prev) if w not in own]
            else:
                # ("that programme" is the programme it named: not also the other names)
                if answered or of_kind:
                    carried = found
                elif about_named:
                    carried = found + named_before
                else:
                    carried = found + carried
        elif given:  # "that programme": the one the previous question named,
            carried = [given]  # and nothing else it named ("which Brussels lab")
        if _DOES_THAT.search(low):
            # "Does it keep track of trends? Which of its missions *does that*?": what is done
            # is what the question before said
            asked_prev = prev_q.partition(" (")[0]
            carried += [w for w in content_tokens(asked_prev) if w not in own]
        if the_body is not None and not points and not (given and not bare) and not of_kind:
            return question  # "the whole program", "the consortium": no body of it was named
        if bare and given not in carried:
            carried.insert(0, given)
        carried = [re.sub(r"['’]s$", "", w) for w in carried]  # "VAIA's" is VAIA
        carried = list(dict.fromkeys(carried))
        if not carried:
            return question
        return _written_in(question, None if pointer is the_body else pointer, carried)

    def _turn_naming(self, low: str, history: Sequence[Answer], at: int) -> int:
        """The turn a follow-up's "the plan" points at: the last, unless only an earlier
        question named a plan ("who is responsible for the Flemish AI plan?" "which department
        backs him up?" "how much goes to the ethics part of the plan?"). A body's kind ("the
        agency") points at answers, and the answers name too many things to tell."""
        if _pointing_words(low) & _PRONOUNS:  # "the agency *he* works for": the last answer's
            return at
        nouns = {m.group(1).split()[0] for m in _DETERMINED.finditer(low)}
        if nouns & ORG_NOUNS:
            return at
        # ("the AI plan": "AI" is on every page and tells no turn apart)
        nouns -= STOPWORDS | _PRONOUNS | self.evidence.common_words

        def named_in(turn: Answer) -> set[str]:
            return set(content_tokens(without_carried(turn.standalone_question or turn.question)))

        missing = {n for n in nouns if n not in named_in(history[at])}
        if not missing or missing != nouns:
            return at
        for k in range(at - 1, -1, -1):
            if missing & named_in(history[k]):
                return k
        return at

    def _bodies_in(self, quote: str) -> list[str]:
        """The bodies a quote names: acronyms, names, and those the glossary knows."""
        common = self.evidence.common_acronyms
        # ("AI-systemen" is a common noun: a lowercase word after a common acronym)
        bodies = [
            o
            for o in acronyms(quote)
            if o not in common and not (o.split("-")[0] in common and o[-1].islower())
        ] + body_names(quote)
        # "Amai! actively involves the public ...": a name that opens the sentence is what it
        # is about, though it is one word and no acronym
        if head := self.evidence.opening_name(quote):
            bodies.insert(0, head.rstrip("!"))
        bodies += [  # names the glossary knows ("Digitaal Vlaanderen, the agency ...")
            _as_written(" ".join(m.said), quote)
            for m in self.glossary.matches(quote)
            if m.kind == "organisations"
        ]
        return bodies

    def _aliases(self, body: str) -> set[str]:
        """The words of the other names the glossary gives a body."""
        return {
            w for m in self.glossary.matches(body) if m.kind == "organisations" for w in m.others
        }

    def _one_name_each(self, bodies: list[str]) -> list[str]:
        """One name per body: "VAIA", not also its other name "Flemish AI Academy" (which only
        the sentence that writes both would match)."""
        aliases = {body: self._aliases(body) for body in bodies}
        out: list[str] = []
        for body in aliases:
            words = set(content_tokens(body))
            if not any(
                set(content_tokens(kept)) <= aliases[body] or words <= aliases[kept] for kept in out
            ):
                out.append(body)
        return out

    def _is_kind(self, body: str, kind: set[str], quote: str = "") -> bool:
        """Is the body one of this kind by its name or another name the glossary gives it
        ("VAIA" is the Flemish AI *Academy*), or by what the quote calls it ("Digitaal
        Vlaanderen, *the agency* responsible for ...")?"""
        words = set(content_tokens(body)) | self._aliases(body)
        if any(_ends_in(w, kind) for w in words):
            return True
        called = re.finditer(
            re.escape(body) + r"\s*(?:,|\()\s*(?:the|de|het|a|an|een)\s+([\w-]+)(?:\s+([\w-]+))?",
            quote,
        )
        return any(_ends_in(w.lower(), kind) for m in called for w in m.groups() if w)

    def _of_kind(self, noun: str) -> set[str]:
        """The words that name a body of this kind, in both languages ("centre", "centrum")."""
        noun = noun.lower().split("-")[-1]
        return {noun} | {w.lower() for w in self.glossary.equivalents(noun)}

    def _people(self, answer: Answer) -> list[str]:
        """The people an answer named: its direct value if that is a person, else those of
        its first quote."""
        if answer.abstained or not answer.citations:
            return []
        rare = self.evidence.rare_caps
        return person_names(answer.direct or "", rare) or person_names(
            answer.citations[0].quote, rare
        )

    @staticmethod
    def _counted_before(prev: Answer) -> str:
        """The noun that the previous answer's number counted ("60 Belgians"), if it gave one."""
        value = (prev.direct or "").strip("* ")
        if prev.abstained or not prev.citations or not NUMBER.fullmatch(value):
            return ""  # "**BOSA**" counted nothing: "BOSA orchestrates" is no count
        number = re.escape(value)
        m = re.search(rf"\b{number}\s+([A-Za-z][\w'-]+)", prev.citations[0].quote, re.I)
        return m.group(1) if m and m.group(1).lower() not in STOPWORDS else ""

    def _sources_hold(self, word: str) -> bool:
        """A word the sources use, or one the glossary gives their word for: a situation's
        words that are neither ("MSc", "kmo-zaakvoerder") would only mislead."""
        return self.evidence.known(word) or bool(self.glossary.equivalents(word))

    def _described(
        self, question: str, context: Sequence[str], before: str, common_too: bool = False
    ) -> list[str]:
        """The situation's sentences that share a word with the question, other than one the
        part before it used: they describe what it asks about ("that funding stream").
        `common_too`: a word the sources use everywhere ("plan") counts too."""
        common = frozenset() if common_too else self.evidence.common_words
        used = set(content_tokens(before)) | common
        own = [w for w in content_tokens(question) if w not in used and self._sources_hold(w)]
        forms = set().union(*(word_forms(w) for w in own)) if own else set()
        return [
            sentence
            for sentence in context
            if any(word_forms(w) & forms for w in content_tokens(sentence))
        ]

    def _described_first(self, question: str, context: Sequence[str]) -> list[str]:
        """What a first part that points back ("known for that") points at: the situation's
        sentences that share a word with it and its last sentence, each with the sentence
        before it when it points back itself ("There is an initiative for that."); all of the
        situation when none shares a word, except 'going back to my first question'."""
        # ("I read that the federal government has a plan with a goal on health care. What is
        # that plan called?": "plan" is common in the sources, but it is what the sentence shares)
        shared = set(self._described(question, context, "")) or set(
            self._described(question, context, "", common_too=True)
        )
        if not shared:
            # "my promotor says I should know which body enforces the AI Act. Which one is
            # it?": a sentence that reports a wh-question is what a bare pointer asks (not
            # "that coalition", which the situation names, nor "... wants to know if it is a
            # big-money thing")
            bare = not _POINTS_AT_A_DESCRIBED_BODY.search(question.lower())
            reporting = [
                c
                for c in context
                if bare
                and (asked := self._what_it_asks(c)) != c
                and LEADING_QUESTION_WORD.match(asked)
            ]
            # else the sentences that bring in a body or plan that is not the user's own ("a
            # colleague mentioned a Flemish AI academy"), not those only about the user
            told = [c for c in context if not _FURTHER_BACK.search(c.lower())]
            return reporting or [c for c in told if self._brings_in_a_body(c)] or told
        picked: set[int] = set()
        for i, sentence in enumerate(context):
            if sentence in shared or i == len(context) - 1:
                picked.add(i)
                if i > 0 and _points_back(_CONJUNCTION_THAT.sub(" ", sentence.lower())):
                    picked.add(i - 1)
        return [context[i] for i in sorted(picked) if not _FURTHER_BACK.search(context[i].lower())]

    def _brings_in_a_body(self, sentence: str) -> bool:
        """A situation sentence names a body, plan or programme other than the user's own (a
        clause of theirs: "I study law at KU Leuven", "my own university")."""
        said = [[w] for w in re.findall(r"[\w-]+", sentence) if _BODY_WORD.fullmatch(w.lower())]
        said += [
            m.said
            for m in self.glossary.matches(sentence)
            if m.kind == "organisations" and names_a_body(m)
        ]
        return any(not _FIRST_PERSON.search(_clause_before(sentence, w)) for w in said)

    def _with_situation(self, question: str, described: Sequence[str]) -> str:
        """The question with the words of the situation's sentences that the sources know."""
        own = set(content_tokens(question))
        # the kinds the question names, in both languages ("that centre": "Kenniscentrum ...")
        kinds = own | {e.lower() for w in own for e in self.glossary.equivalents(w)}
        common = self.evidence.common_words  # "AI", "EU"
        named_there = [
            a for sentence in described for a in acronyms(sentence) if a.lower() not in common
        ]
        if own & _NAME_NOUNS and named_there:  # "EWI keeps coming up. What does that acronym
            # stand for?": the situation's acronym is what it asks about, not its other words
            return f"{question} ({' '.join(dict.fromkeys(named_there))})"
        # "... is part of the Kenniscentrum Data & Maatschappij. Which groups make up that
        # centre?": the body of that kind the situation names is what it asks about
        # ("Mijn prof verwees naar het Kenniscentrum. Welke groep maakt *daar* deel van uit?":
        # the body named last)
        pointer = _POINTS_AT_A_DESCRIBED_BODY.search(question.lower())
        if pointer:
            noun = pointer.group("noun") or pointer.group("mine")
            kind = self._of_kind(noun) if noun else set()
            bodies = [
                (sentence, m)
                for sentence in described
                for m in self.glossary.matches(sentence)
                if m.kind == "organisations"
            ]
            pointed = [
                name
                for sentence, m in bodies
                if self._is_kind(name := _as_written(" ".join(m.said), sentence), kind, sentence)
                or any(_ends_in(w, kind) for w in m.said)
            ]
            if not noun and bodies:
                sentence, last = max(
                    bodies,
                    key=lambda b: (described.index(b[0]), _position_of(b[1].said, b[0])),
                )
                pointed = [_as_written(" ".join(last.said), sentence)]
        else:
            pointed = []
        # "I study at UHasselt ... within the Flemish research programme": of the bodies the
        # situation names, the one the question points at ("that programme"), not the user's own
        # ("The overview cites a decree as the mandate of the Ethics Advisory Committee": a body
        # the user does not say is theirs stays)
        others = {
            w
            for sentence in described
            for m in self.glossary.matches(sentence)
            if m.kind == "organisations"
            and not any(_ends_in(w, kinds) for w in m.said)
            and _FIRST_PERSON.search(_clause_before(sentence, m.said))
            for w in m.said
        }
        cased = {a.lower(): a for a in named_there}
        # (the body pointed at first, as written; then what else the situation says of it:
        # "Onder welk focusthema van dat programma valt *zo'n onderwerp*?")
        said = {w for name in pointed for w in content_tokens(name)}
        rest = question.lower().replace(pointer.group(0), " ") if pointer else ""
        if pointed and not _points_back(rest):  # it points at that body and nothing else
            return _written_in(question, pointer, list(dict.fromkeys(pointed)))
        asked = [self._what_it_asks(sentence) for sentence in described]
        # (a word of a phrase the glossary knows stays: "lokale" of "lokale besturen")
        phrased = {
            w for a in asked for m in self.glossary.matches(a) if len(m.said) > 1 for w in m.said
        }
        known = pointed + [
            cased.get(w, w)  # an acronym stays a name: "(EWI ...)"
            for a in asked
            for w in content_tokens(a)
            if w not in own
            and w not in others
            and w not in said
            and (self._sources_hold(w) or w in phrased)
        ]
        return f"{question} ({' '.join(dict.fromkeys(known))})" if known else question

    def _what_it_asks(self, sentence: str) -> str:
        """Of a situation sentence that reports a question ("I work for a Brussels municipality
        and we want to know who is in charge of digitalisation federally"), the question it
        reports, when that says enough to search on; else all of it."""
        asked = reported_question(sentence)
        held = [w for w in content_tokens(asked) if self._sources_hold(w)]
        return asked if len(held) >= 2 else sentence

    def _asked_for_a_body(self, question: str) -> bool:
        """'Which agency ...?', and a question for a name ('What is it called?', 'Hoe heet
        het?'): its answer names the thing a follow-up points at."""
        info = analyse(question, self.glossary, self.evidence.df, len(self.evidence))
        asked = without_carried(question)
        # "which initiative ...?": a which-question for one named thing, of any kind
        named_thing = (
            info.qtype == "what"
            and info.asked is not None
            and not info.wants_list
            and bool(_WHICH_WORD.search(asked))
        )
        return (
            info.asks_body
            or named_thing
            or bool(_CALLED.search(asked))
            or bool(_IS_THERE_A.search(asked.lower()))
        )

    def retrieve(self, question: str, mode: Mode | None = None) -> list[Hit]:
        return self.retriever.retrieve(self.retriever.make_query(question), mode=mode)

    def ask(
        self,
        question: str,
        history: Sequence[Answer] = (),
        language: Literal["auto", "nl", "en"] | None = None,
        mode: Mode | None = None,
    ) -> Answer:
        return self.explain(question, history, language, mode)[0]

    @property
    def abstain_below(self) -> float:
        """The evidence score under which the engine abstains (set, fitted, or the default)."""
        if self.settings.answer.abstain_below is not None:
            return self.settings.answer.abstain_below
        return self.scorer.threshold if self.scorer is not None else 0.55

    def explain(
        self,
        question: str,
        history: Sequence[Answer] = (),
        language: Literal["auto", "nl", "en"] | None = None,
        mode: Mode | None = None,
    ) -> tuple[Answer, Composed]:
        """The answer and how it was reached (every candidate sentence with its features).

        Each asked part of the question is answered on its own, the later ones as follow-ups
        of the earlier, and the answers are joined with their citations renumbered."""
        t0 = time.perf_counter()
        question = question.strip()
        choice = language or self.settings.answer.language
        lang = detect_language(question) if choice == "auto" else choice
        parts = split_question(question)
        parts.questions = [self.speller.correct(q) for q in parts.questions]
        earlier = list(history)
        answered: list[tuple[str, Composed, list[Hit]]] = []
        retrieving = 0.0
        for n, part in enumerate(parts.questions):
            standalone, composed, hits, seconds = self._answer_part(
                part, n == 0, parts.context, earlier, answered, lang, mode
            )
            retrieving += seconds
            answered.append((standalone, composed, hits))
            earlier.append(self._answer_model(question, lang, standalone, composed, hits))
        composed = answered[0][1] if len(answered) == 1 else _join(answered, parts.questions, lang)
        hits = [h for _, _, part_hits in answered for h in part_hits]
        standalone = " ".join(s for s, _, _ in answered)
        total = time.perf_counter() - t0
        timings = Timings(
            retrieve=retrieving * 1000, answer=(total - retrieving) * 1000, total=total * 1000
        )
        answer = self._answer_model(question, lang, standalone, composed, hits, timings)
        return answer, composed

    def _answer_part(
        self,
        part: str,
        first: bool,
        context: Sequence[str],
        earlier: list[Answer],
        answered: list[tuple[str, Composed, list[Hit]]],
        lang: str,
        mode: Mode | None,
    ) -> tuple[str, Composed, list[Hit], float]:
        """One asked part of a message, made to stand alone and answered: its standalone
        question, answer, hits and the seconds spent retrieving. `earlier`: the turns and the
        parts before it; `answered`: the parts of this message before it."""
        # a later part carries the first part's words, or the situation's that describe it
        standalone = self.condense(part, earlier, context, first=first)
        # (the turn it points at: "going back to my first question" is an earlier one)
        back = len(earlier) > 1 and bool(_FURTHER_BACK.search(part.lower()))
        before = (earlier[0] if back else earlier[-1]) if earlier else None
        shown = frozenset(s.idx for _, c, _ in answered for s in self._quoted(c))
        composed, hits, seconds = self._answer(standalone, lang, mode, before, shown)
        if composed.abstained and context:
            # the situation's words may sink a question its own words answer ("we pilot
            # Copilot for our staff. Which service guides such projects?"): asked without
            # them, it may still find its answer
            alone = self.condense(part, earlier, (), first=first)
            if alone != standalone:
                second, second_hits, more = self._answer(alone, lang, mode, before, shown)
                seconds += more
                if not second.abstained:
                    standalone, composed, hits = alone, second, second_hits
        if not composed.abstained and self._points_at_the_unknown(part, standalone, before):
            # "Wie is de voorzitter van de Nederlandse AI-toezichthouder, en hoe werkt die samen
            # met het BIPT?": "die" stands for a thing the sources never mention; a sentence
            # about BIPT alone does not say how that thing works with it
            composed = replace(
                composed, text=t("abstain", lang), abstained=True, citations=[], direct=None
            )
        home = _container_of(before) if composed.abstained and before is not None else ""
        if home and home.lower() not in standalone.lower() and self._asks_who(standalone):
            # "Which centre helps the Flemish government?" "**AI Expertise Center** (..., housed
            # within Digitaal Vlaanderen)" then "en wie is daar de baas?": no one is named for
            # the centre, but the agency it is part of has its head
            wider = f"{without_carried(standalone)} ({home})"
            second, second_hits, more = self._answer(wider, lang, mode, before, shown)
            seconds += more
            if not second.abstained:
                standalone, composed, hits = wider, second, second_hits
        return standalone, composed, hits, seconds

    def _points_at_the_unknown(self, part: str, standalone: str, before: Answer | None) -> bool:
        """A part whose pronoun stands for what the unanswered question before it asked about,
        when that holds a word the sources never use (nor the glossary): whatever it is, the
        sources say nothing of it."""
        if before is None or not before.abstained or standalone == part:
            return False
        if not _pointing_words(part) & _PRONOUNS:
            return False
        own = set(content_tokens(part))
        carried = [w for w in content_tokens(standalone) if w not in own]
        return any(not self._sources_hold(w) for w in carried)

    def _asks_who(self, question: str) -> bool:
        """A question for a person or who does something: one a body's container can answer
        ("who heads it"), unlike "when was it set up", which the container would answer wrongly."""
        info = analyse(question, self.glossary, self.evidence.df, len(self.evidence))
        return info.qtype == "who" or info.wants_person

    def _answer(
        self,
        standalone: str,
        lang: str,
        mode: Mode | None,
        before: Answer | None = None,
        shown: frozenset[int] = frozenset(),
    ) -> tuple[Composed, list[Hit], float]:
        """Retrieve for one standalone question and compose its cited answer (or abstain);
        also the seconds spent retrieving. `before`: the answer this one follows, whose list
        "the first of those" picks from. `shown`: the sentences earlier parts of the same
        message quoted; a part asks something else, so quoting them again with no value of
        its own answers nothing new."""
        start = time.perf_counter()
        query = self.retriever.make_query(standalone)
        hits = self.retriever.retrieve(query, mode=mode)
        retrieved = time.perf_counter() - start
        info = analyse(
            standalone,
            self.glossary,
            self.evidence.df,
            len(self.evidence),
            query.matches,
            same_language=lang in self.evidence.languages,
        )
        cfg = self.settings.answer
        scorer = self.scorer
        # where the answer before was found (not a row cited to say it names nobody): a
        # follow-up's answer is often next to it
        cited = self._cited_sentences(before) if before is not None and not before.abstained else []
        after = frozenset(s.idx for s in cited)

        def scored_as(info: QuestionInfo) -> list[Scored]:
            return score_sentences(info, query.vector, hits, self.evidence, scorer, lang, after)

        def answer_as(info: QuestionInfo, leave_out: frozenset[int] = frozenset()) -> Composed:
            return compose(
                info,
                lang,
                [c for c in scored_as(info) if c.sentence.idx not in leave_out],
                abstain_below=self.abstain_below,
                max_sentences=cfg.max_sentences,
                evidence=self.evidence,
                glossary=self.glossary,
            )

        listed = self._listed_in(before) if before is not None and picks_item(info) else []
        if listed and len(listed) >= info.item:
            # "what is the first one?", "the second of those": an item of the list the answer
            # before gave (or introduced), not of whatever list the words find
            scored = scored_as(info)
            lead = list_lead(listed, self.evidence)
            lead = lead if lead is not None and lead.place == "prose" else None
            composed = item_answer(info, lead, listed[info.item - 1], lang, scored, self.evidence)
            return composed, hits, retrieved
        composed = answer_as(info)
        if composed.abstained and info.body_will_do:  # no person leads it: perhaps a body does
            second = answer_as(replace(info, wants_person=False, body_will_do=False))
            composed = composed if second.abstained else second
        repeats = not composed.abstained and not composed.direct
        if shown and repeats and {s.idx for s in self._cited_sentences(composed)} <= shown:
            # "... the AI Act, and for which other law is it the authority too?": the sentence
            # the first part quoted again, with nothing new; the next best may say it
            other = answer_as(info, shown)
            composed = composed if other.abstained else other
        if cfg.backend != "extractive" and not composed.abstained:
            from engine.llm import llm_answer, make_llm

            with self._llm_lock:  # made once, on first use, even when two users ask at once
                if self._llm is None:
                    self._llm = make_llm(self.settings)
            composed = llm_answer(
                self.settings, info, lang, composed, question=standalone, llm=self._llm
            )
        return composed, hits, retrieved

    def _answer_model(
        self,
        question: str,
        lang: str,
        standalone: str,
        composed: Composed,
        hits: list[Hit],
        timings: Timings | None = None,
    ) -> Answer:
        return Answer(
            question=question,
            language=lang,
            answer=composed.text,
            direct=None if composed.abstained else composed.direct,
            abstained=composed.abstained,
            citations=composed.citations,
            related=composed.related if composed.abstained else [],
            timings_ms=timings or Timings(retrieve=0.0, answer=0.0, total=0.0),
            retrieved_sections=list(dict.fromkeys(h.chunk.section for h in hits)),
            standalone_question=standalone,
        )


_MARK = re.compile(r"\[(\d+)\]")
# "which of its missions does that?": a verb that stands for the one the question before asked
_DOES_THAT = re.compile(
    r"\b(?:does|do|did|doet|doen|deed|deden)\s+(?:that|this|dat|dit)\s*(?:[?.!,;]|$)"
)
_WHO_ASKS = re.compile(r"\W*(?:who|wie)\b", re.I)
# "what is it called", "hoe heet dat orgaan", "what's the name of ...": asks for a name
_CALLED = re.compile(
    r"\b(?:called|named|heet|heten|noemt|(?:the|de)\s+naam|the\s+name)\b", re.IGNORECASE
)


# nouns that point at a name itself: "that acronym", "die afkorting"
_NAME_NOUNS = frozenset(
    "acronym acronyms acroniem afkorting afkortingen abbreviation abbreviations".split()
)


def _ends_in(word: str, nouns: set[str]) -> bool:
    """The word is one of the nouns or a compound ending in one ("onderzoeksprogramma")."""
    return any(word == n or (len(n) >= 4 and word.endswith(n)) for n in nouns)


def _renumbered(text: str, renumber: dict[int, int]) -> str:
    return _MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", text)


def _pointing_words(question: str) -> set[str]:
    """The question's words, less the articles of names ("het BIPT", "the report") and the
    pronouns that stand for a name said before them in the question ("does the AI Steering
    Group send its advice", "the EU AI Act once it is enforced"), which point at nothing
    earlier."""
    text = _ARTICLE_OF_NAME.sub(" ", question)
    said = re.findall(r"[\w'’-]+", text.lower())
    inner = [
        (m.group(1) or m.group(2)).lower()
        for m in _INNER_PRONOUN.finditer(text)
        if named(text[: m.start()])
    ]
    if existential := _EXISTENTIAL.match(text):
        # "is there a Flemish organisation that makes ...": its own subject, brought in
        inner.append("there" if "there" in existential.group(0).lower() else "er")
        inner += [
            m.group(2).lower()
            for m in _RELATIVE_AFTER_A.finditer(text)
            if not set(m.group(1).lower().split()) & STOPWORDS  # not "a budget for that"
        ]
    # (a pronoun said elsewhere too may still point back: "who enforces it once it is ...")
    return set(said) - {w for w in inner if said.count(w) == inner.count(w)}


def _join(answered: list[tuple[str, Composed, list[Hit]]], asked: list[str], lang: str) -> Composed:
    """One answer from the answers to each part: citations renumbered (a sentence cited by two
    parts keeps one number), and a part the sources do not answer said so in its place."""
    if all(c.abstained for _, c, _ in answered):
        first = answered[0][1]
        return Composed(t("abstain", lang), True, [], first.related, first.candidates)
    texts: list[str] = []
    citations: list[Citation] = []
    number: dict[tuple[str, str], int] = {}
    for part, (_, composed, _) in zip(asked, answered, strict=True):
        if composed.abstained:
            texts.append(t("part_unanswered", lang, part=part.rstrip("?").strip()))
            continue
        renumber: dict[int, int] = {}
        said_before = all((c.chunk_id, c.quote) in number for c in composed.citations)
        for c in composed.citations:
            key = (c.chunk_id, c.quote)
            if key not in number:
                number[key] = len(citations) + 1
                citations.append(c.model_copy(update={"n": number[key]}))
            renumber[c.n] = number[key]
        if said_before:  # the sentences quoted above answer this part too: its value only
            if composed.direct:
                first = renumber[composed.citations[0].n]
                texts.append(f"**{composed.direct}** [{first}]")
            continue
        shown = {n for text in texts for n in map(int, _MARK.findall(text))}
        texts.append(_without_repeats(_renumbered(composed.text, renumber), shown))
    candidates = [c for _, composed, _ in answered for c in composed.candidates]
    directs = [c.direct for _, c, _ in answered if c.direct and not c.abstained]
    return Composed(" ".join(texts), False, citations, [], candidates, "; ".join(directs) or None)


# a quoted sentence and its mark: plain ("It leads X. [2]") or in quotes ("“It leads X.” [2]")
_QUOTED = re.compile(r"(?:“[^”]*”|(?<=\] )[^“\[*]+|^[^“\[*]+)\s*\[(\d+)\]\s*")


def _without_repeats(text: str, shown: set[int]) -> str:
    """A later part's text without the sentences an earlier part already quoted (its lead-in
    "The centre is ..." again), as long as it keeps one of its own."""
    kept = _QUOTED.sub(lambda m: "" if int(m.group(1)) in shown else m.group(0), text).strip()
    return kept if set(map(int, _MARK.findall(kept))) - shown else text


_WHICH_WORD = re.compile(r"\b(?:which|welke|welk)\b", re.I)
# "Does Flanders have an initiative that ...?", "Bestaat er een fonds voor ...?": the answer
# names the one there is
_IS_THERE_A = re.compile(
    r"^\W*(?:is there|are there|does|do|has|have|bestaat er|bestaan er|is er|zijn er|heeft|hebben)"
    r"\b[^?]*?\b(?:a|an|any|een)\s+(?:[\w-]+\s+){0,2}" + _BODY_NOUN
)
_REFERRING = frozenset(
    "it its they them their theirs this these those there such that dat die dit deze daar"
    " daarvan ervan zulke zo'n hij zij ze het daarvoor daarmee daarbij daarin daarover daarop"
    " daaraan daarna daaruit daardoor ervoor ermee erin erover erop eraan eruit erdoor".split()
)
_RELATIVE = frozenset("that dat die".split())


def _written_in(question: str, pointer: re.Match[str] | None, carried: list[str]) -> str:
    """The question with what it carries: in brackets, or, when it is the owner the question
    points at ("that university's AI institute", "my university's lab") and the only thing
    carried, written in its place ("KU Leuven's AI institute"), so that no university named
    anywhere is what the question is about."""
    if pointer is not None and len(carried) == 1:
        owner = re.search(re.escape(pointer.group(0)) + r"(?=['’]s\b)", question, re.I)
        if owner:
            return question[: owner.start()] + carried[0] + question[owner.end() :]
    return f"{question} ({' '.join(carried)})"


# "I read that the government ...", "ik las dat er ...": a 'that' that opens what was said, before
# its subject, points at nothing
_CONJUNCTION_THAT = re.compile(
    r"\b(?:that|dat)\s+(?=(?:the|a|an|there|i|we|they|he|she|it|de|het|een|er|ik|wij|we|ze"
    r"|zij|hij)\b)"
)


def _container_of(answer: Answer) -> str:
    """The body the answer's quotes name its body as part of ("the AI Expertise Center, housed
    within Digitaal Vlaanderen"); '' when they name none."""
    if answer.abstained or not answer.direct:
        return ""
    bodies = [d.split(" / ")[0].strip() for d in answer.direct.split("; ")]
    for citation in answer.citations:
        for body in bodies:
            at = citation.quote.lower().find(body.lower())
            if at < 0:
                continue
            rest = citation.quote[at + len(body) :]
            if (m := _PART_OF.match(rest)) and (name := _NAME_RUN.match(rest[m.end() :])):
                return name.group(0)
    return ""


def _points_back(low: str) -> bool:
    """Does the question point at something named before it ("known for that", "dat aparte
    fonds", "zulke projecten")? 'that'/'die'/'dat' after a noun starts a relative clause
    ("the committee that oversees ..."), which points at nothing."""
    if re.search(_MY_BODY, low):
        return True
    words = re.findall(r"[\w'’-]+", low)
    for i, w in enumerate(words):
        if w not in _REFERRING or (w == "het" and i + 1 < len(words)):  # "het" is mostly "the"
            continue
        if w in _RELATIVE and i > 0 and words[i - 1] not in STOPWORDS:
            # ("wie beheert *die coalitie*": a body noun after it, so no relative clause)
            if i + 1 < len(words) and _BODY_WORD.fullmatch(words[i + 1]):
                return True
            continue
        if w == "there" and i > 0 and words[i - 1] in ("is", "are", "was", "were"):
            continue  # "is there an agency ...": nothing named before
        if w in ("its", "their") and any(_BODY_WORD.fullmatch(x) for x in words[:i]):
            continue  # "does the federal AI plan list health among its goals": the plan's
        return True
    return False


def _given_in(
    noun: str | None, question: str, kinds: set[str] | frozenset[str] = frozenset()
) -> str:
    """The phrase by which the question names a thing of this kind itself ("the Flemish AI
    research programme" for "that programme"), rather than asking which one it is ("which
    centre", "welke universiteit"); '' if it does not."""
    if not noun:
        return ""
    noun = noun.lower().split("-")[-1]
    kinds = {noun, *kinds}  # (and its word in the other language: "dat programma", "Program")
    # its own words: what was carried in brackets is not how it named the thing
    question = without_carried(question)
    asked = asked_noun(question)
    words = re.findall(r"[\w-]+", question)
    for i, raw in enumerate(words):
        word = raw.lower()
        if word == asked or word.split("-")[-1] == asked:
            continue
        if any(word == k or (len(k) >= 5 and word.endswith(k)) for k in kinds):
            start = i
            while start > 0 and i - start < 4 and words[start - 1].lower() not in STOPWORDS:
                start -= 1
            return " ".join(words[start : i + 1])
    return ""


# "I study at", "our group", "ik werk bij", "mijn prof": the user speaks of their own
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|ive|i've|we|we're|my|our|us|me|ik|wij|mijn|onze|ons|mij)\b", re.I
)


def _clause_before(sentence: str, words: Sequence[str]) -> str:
    """The sentence's words before the name, back to the clause's start (a clause that "that",
    "about" or a question word opens is what the user heard, read or asks: "I read that the
    Flemish programme ...", "I should know which body enforces the AI Act")."""
    at = _position_of(words, sentence)
    before = sentence[: at if at >= 0 else len(sentence)]
    return re.split(
        r"[,;:]|\b(?:that|dat|about|over|whether|which|who|what|how|welke|welk|wie|wat|hoe"
        r"|heard|read|hoorde|gehoord|las|gelezen)\b",
        before,
        flags=re.I,
    )[-1]


def _written(words: Sequence[str], text: str) -> re.Match[str] | None:
    """The words in the text, in any case, with anything but letters between them."""
    return re.search(r"\W+".join(map(re.escape, words)), text, re.I)


def _position_of(words: Sequence[str], text: str) -> int:
    """Where the words start in the text (-1 if they are not there as written)."""
    m = _written(words, text)
    return m.start() if m else -1


def _as_written(phrase: str, text: str) -> str:
    """The phrase as the text writes it ("Digitaal Vlaanderen"): capitals mark a name."""
    m = _written(phrase.split(), text)
    return m.group(0) if m else phrase


def _role_title(text: str) -> set[str]:
    """The words of the role titles a question names, lowercased: a role noun and the
    capitalised words right before it ("Academic Coordinator", "Chief Technology Officer")."""
    words = re.findall(r"[\w&'’.-]+", text)
    title: set[str] = set()
    for i, word in enumerate(words):
        if not set(word.lower().split("-")) & ROLE_WORDS:
            continue
        title.add(word.lower())
        for before in reversed(words[max(0, i - 2) : i]):
            # (not a body's acronym: "the VLAIO director")
            if not before[:1].isupper() or before.isupper() or before.lower() in STOPWORDS:
                break
            title.add(before.lower())
    return title


def _names_in(text: str) -> list[str]:
    """Capitalised words after the first, acronyms and numbers, in order: what a turn names."""
    out: list[str] = []
    for i, raw in enumerate(re.findall(r"[\w&'’.-]+", text)):
        word = raw.strip(".'’-")
        if not word or word.lower() in STOPWORDS:
            continue
        capital = word[:1].isupper() and i > 0
        if capital or sum(ch.isupper() for ch in word) >= 2 or word.isdigit():
            out.append(word)
    return list(dict.fromkeys(out))
