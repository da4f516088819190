"""What a question asks for: its type, its weighted terms, and whether it wants a person.

Vocabulary only (question words, role nouns), in both languages; nothing about the answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from itertools import pairwise
from typing import Literal

from engine.glossary import Glossary, Match
from engine.text import (
    NUMBER_WORDS,
    QUESTION_WORDS,
    STOPWORDS,
    content_tokens,
    fold,
    numbered,
    singular_acronyms,
    stems,
    tokens,
    without_carried,
    word_forms,
)

QType = Literal["who", "org", "when", "amount", "count", "age", "what"]

ROLE_WORDS = _ROLE = frozenset(
    "lead leads leader head heads chair chairs chairman chairperson ceo cto director directeur"
    " minister ministers coordinator coördinator advisor adviser adviseur president premier"
    " voorzitter leidt leiden hoofd baas staatssecretaris secretary officer manager topman"
    " topvrouw person persoon fellow professor prof spokesperson woordvoerder chief administrateur"
    " bazen leiders leader leaders secretaris rector decaan dean mayor burgemeester founder"
    " founders oprichter oprichters owner owners eigenaar treasurer penningmeester governor"
    " gouverneur commissioner commissaris ambassador ambassadeur cfo coo cio vicevoorzitter"
    " vice-president politician politicians politicus politici boss bosses bestuurder".split()
)


def plural_role(word: str) -> bool:
    """A role noun in the plural: "ministers", "coördinatoren", "politici"."""
    return (
        (word.endswith("s") and word[:-1] in _ROLE)
        or (word.endswith("en") and word[:-2] in _ROLE)
        or word in _PLURAL_ROLES
    )


# plurals that the rules above do not make
_PLURAL_ROLES = frozenset("politici leiders bazen chairmen chairwomen".split())
# role nouns that any holder fits: "which politicians", "the person who ..."
_ANY_ROLE = frozenset("person persoon personen politician politicus politici".split())


def _any_role(word: str) -> bool:
    """A role noun that any holder fits, in the singular or plural ("politicians")."""
    return word in _ANY_ROLE or word.removesuffix("s") in _ANY_ROLE


# who can be counted as people: "60 Belgians", "300 researchers"
PERSON_NOUNS = frozenset(
    "people persons personen mensen individuals researchers onderzoekers experts deskundigen"
    " members leden employees werknemers medewerkers staff personeelsleden citizens burgers"
    " participants deelnemers professionals scientists wetenschappers students studenten"
    " representatives vertegenwoordigers officials ambtenaren".split()
)


def counts_people(word: str) -> bool:
    """'researchers', 'members', or a capitalised plural such as 'Belgians'."""
    return word.lower() in PERSON_NOUNS or (
        word[:1].isupper()
        and word.endswith("s")
        and len(word) > 4
        and word.lower() not in ORG_NOUNS
    )


GENERIC_COUNTED = frozenset(
    "people persons individuals participants members citizens mensen personen deelnemers leden"
    " burgers".split()
)
_ROLE_VERBS = frozenset("lead leads leidt leiden head heads chair chairs runs run manages".split())
_PEOPLE = frozenset(
    "people persons personnel figures mensen personen figuren"
    # "who is in charge of BIPT", "wie vertegenwoordigt VLAIO": a person, named with no title
    " charge leiding represents represent representative representatives vertegenwoordigt"
    " vertegenwoordigen vertegenwoordiger vertegenwoordigers"
    # "wie zit namens VLAIO in de stuurgroep?", "who sits there on behalf of it?"
    " namens behalf".split()
)
# the separable verb "voorzitten": "wie zit de raad voor?" (its "voor" closes the clause)
# (or before a relative clause: "wie zit het stuurcomité voor dat de uitvoering opvolgt?")
_SITS_BEFORE = re.compile(
    r"\b(?:zit|zitten|zat|zaten)\b(.+?)\bvoor\b(?=\s*(?:[?.!,(]|$|(?:dat|die|en)\b))", re.I
)
_LED_BY_BODIES = frozenset(
    "coalition coalitie program programme programma plan pillar pijler initiative initiatief"
    " network netwerk consortium mission missie project framework kader raamwerk guide gids"
    " roadmap".split()
)
# "the total budget", "hoeveel in totaal": the whole figure, not one part's row of a table
_TOTAL = re.compile(r"\b(?:total|totale|totaal|overall|altogether|in all|all together)\b")
_ALONE = re.compile(
    r"\b(?:alone|separately|individually|on its own|by itself|afzonderlijk|alleen|zelf"
    # "X, apart from Y", "los van Y": X without Y
    r"|(?=(?:apart from|aside from|except|excluding|not counting|los van|behalve)\b)"
    # "het budget apart (per jaar)": that budget alone; not "een apart budget", "apart fonds",
    # "apart voorzien" (a separate one), nor "apart from"
    r"|(?<!\been\s)(?<!\bgeen\s)apart(?=\s*(?:[?.!,;]|$|per\b))"
    r")\b"
)
_LEAD_VERBS = frozenset(
    "lead leads leidt leiden run runs manages beheert charge leiding represents represent"
    " vertegenwoordigt vertegenwoordigen".split()
)
# nouns every body fits: "which institutions", "welke organisatie" name no particular kind
ANY_BODY = frozenset(
    "body bodies organisation organisations organization organizations organisatie organisaties"
    " instantie instanties orgaan organen instelling instellingen entity entities entiteit"
    " institution institutions".split()
)
_ORG_WORDS = (
    "body bodies agency agencies organisation organization organisations organizations"
    " institution institutions institute instituut department service authority authorities"
    " committee council group groups centre center centres centers university universities"
    " coalition dienst overheidsdienst organisatie organisaties instelling instellingen instantie"
    " departement agentschap orgaan comité comite raad onderzoeksgroep onderzoeksgroepen"
    " universiteit"
    " universiteiten onderzoekscentra coalitie regulator toezichthouder"
    # bodies by other names: "which academy", "welk lab", "welk observatorium"
    " academy academie lab labs laboratory laboratorium observatory observatorium foundation"
    " stichting federation federatie association vereniging network netwerk consortium"
    " ministry ministerie directorate directie administration administratie commission"
    " commissie board panel office bureau centrum centra kenniscentrum expertisecentrum"
    " onderzoekscentrum stuurgroep stuurcomité adviesraad adviescomité"
    " college colleges hogeschool hogescholen"
)
# ("which entity", "welke instanties": every body noun asks for a body)
ORG_NOUNS = _ORG = frozenset(_ORG_WORDS.split()) | ANY_BODY
# "focus themes of the research programme", "doelstellingen van het convergentieplan": typed
# as keywords, a plural noun before "of" asks for them all
_KEYWORD_HEAD = re.compile(
    r"^\W*(?:the\s+|de\s+|het\s+)?(?:[\w-]+\s+){0,2}?([\w-]+)\s+"
    r"(?:of|van|for|voor|from|at|bij)\b"
)
_QUESTION_WORD = re.compile(rf"\b(?:{QUESTION_WORDS})\b")


def _keyword_plural(low: str, df: dict[str, int]) -> bool:
    """A keyword query ("core missions of BOSA") whose head noun is a plural."""
    if _QUESTION_WORD.search(low) or not (m := _KEYWORD_HEAD.match(low)):
        return False
    head = m.group(1)
    if head in STOPWORDS or len(head) < 4:
        return False
    if head.endswith("s") and not head.endswith(("ss", "us", "is", "'s")):
        return True
    # a Dutch plural of a word the sources use ("doelstellingen", "opdrachten")
    singular = (head[:-2], head[:-3])
    return head.endswith("en") and any(df.get(f, 0) for w in singular for f in stems(w))


# "the Flemish counterpart of the citizens' panel", "de Waalse tegenhanger van VLAIO": the
# answer is what plays that part there, and seldom says the word
_RELATION = frozenset(
    "counterpart counterparts equivalent equivalents tegenhanger tegenhangers evenknie pendant"
    " equivalenten".split()
)
# nouns any named body, plan or initiative fits: "which other initiatives fall under ..."
ANY_NAMED = ANY_BODY | frozenset(
    "initiative initiatives initiatief initiatieven actor actors actoren speler spelers partner"
    " partners player players".split()
)
# bodies of a kind, as a class: "which institutions take part?" "all universities and colleges"
ORG_PLURALS = frozenset(w for w in ORG_NOUNS if w.endswith(("s", "en", "ra")))
# working somewhere, and the words a sentence that gives a headcount uses
WORKS = frozenset("work works working werken werkt employ employs employed".split())
STAFF = WORKS | frozenset(
    "employees employee staff personnel workforce headcount werknemers personeel medewerkers"
    " fte".split()
)


# what one of a kind costs: "a typical course cost", "kost een cursus", "the fee for a"
_PRICE_OF_ONE = re.compile(
    r"\b(?:a|an|one|een)\s+(?:[\w-]+\s+){0,5}?[\w-]+\s+(?:cost|costs|kost|kosten)\b"
    r"|\b(?:cost|costs|kost|kosten)\s+(?:of\s+)?(?:a|an|one|een)\s+"
    r"(?!(?:year|month|week|jaar|maand|week)\b)[\w-]+"
)


@cache
def _pay_words(glossary: Glossary) -> frozenset[str]:
    """What a person earns or a thing costs to buy (the glossary's words for a salary and for
    a price): amounts the sources may never state."""
    phrases = glossary.phrasings("salary") | glossary.phrasings("price")
    return frozenset(t for p in phrases for t in p)


_MONEY = frozenset(
    "fine fines penalty penalties boete boetes salary salaris budget budgets money euro euros"
    " funding fund invest invests investment cost costs spend spends receive receives receiving"
    " geld poen budgetten begroting investeert investeren"
    " investering kost kosten ontvangt krijgt krijgen jaarbudget financiering middelen"
    " spent uitgeven uitgegeven besteedt besteden besteed verdient verdienen earn earns".split()
)
# "hoeveel geeft Vlaanderen uit": Dutch "uitgeven" (to spend) split around its object
_SPENDS = re.compile(r"\b(?:geeft|geven|gaf|gaven)\b.*\buit\b")
# "hoeveel daarvan gaat naar pijler I?": what goes to something is a share of money (with no
# counted noun after "hoeveel": "hoeveel mensen gaan ..." counts)
_GOES_TO = re.compile(
    r"\bhoeveel\s+(?:(?:daarvan|ervan|er)\s+)?(?:gaat|gaan|ging|gingen|vloeit|vloeien)\b"
)
_WHEN = re.compile(
    r"\b(when|wanneer|what date|which date|which year|what year|welke datum|welk jaar|"
    r"op welke dag|since when|sinds wanneer|in welk jaar|by when|tegen wanneer|"
    # "what is the deadline for ...": a date asked by its noun
    r"(?:what|which|wat|welke)\s+(?:is\s+|was\s+|are\s+|zijn\s+)?(?:the\s+|de\s+|het\s+)?"
    r"(?:deadline|deadlines|due date|start date|end date|uiterste datum|startdatum|einddatum)|"
    # a duration is answered by the dates it runs from (and to); so is "which (government)
    # period" or "term"
    r"how long|hoe lang|(?:which|what|welke|welk)\s+(?:[\w-]+\s+){0,2}"
    r"[\w-]*(?:period|periode|term|termijn|legislatuur|legislature))\b"
)


# "who was minister-president back when the plan was launched?": a time clause after "who"
# says when, it does not ask it ("who signed it, and when?" asks both)
_WHO_THEN = re.compile(r"^\W*(?:who|whom|whose|wie|wiens)\b(?!.*\b(?:and|en|or|of)\W*$)")


# "which *national* coalition do Walloon stakeholders take part in?": the body asked for is the
# whole country's, so Wallonia listed among the regions taking part answers it
_NATIONWIDE = re.compile(
    r"\b(?:which|what|welke|welk)\s+(?:[\w-]+\s+)?(?:national|federal|belgian|nationale|federale"
    r"|belgische|nationaal|federaal|belgisch)\b"
)


def _one_place(places: list[set[str]], focus: set[str]) -> frozenset[str]:
    """The place a question names, if it names one ("Walloon", "in Brussel"), not several."""
    named = [p & focus for p in places if p & focus]
    return frozenset(named[0]) if len(named) == 1 else frozenset()


# a pronoun that stands for what a follow-up carries (not Dutch "het", "zijn", "ze", "die":
# articles, verbs and relatives as often)
_STANDS_IN = re.compile(
    r"\b(?:it|its|he|his|him|she|her|hers|they|their|theirs|them|hij|haar|hun|hen)\b", re.I
)
# "..., which one is it?": "it" is the thing the question itself just named
_DUMMY_IT = re.compile(r"\b(?:is|was)\s+it\W*$", re.I)
_DURATION = re.compile(r"\b(?:how long|hoe lang)\b")
# "when it comes to X", "als het gaat om X": about X (no time asked, no coming or going)
_REGARDING = re.compile(
    r"\b(?:when|where) it comes to\b|\b(?:als|wanneer) het (?:gaat|komt) (?:om|op)\b"
    r"|\bas far as\b|\bwat betreft\b|\bwith (?:regard|respect) to\b|\bin terms of\b"
    r"|\bop (?:het )?(?:vlak|gebied) van\b|\bmet betrekking tot\b",
    re.I,
)
_HOW_MUCH = re.compile(r"\b(how much|hoeveel|how high|hoe hoog|how large|hoe groot)\b")
_TIME_UNITS = frozenset(
    "year years jaar jaren month months maand maanden week weeks weken day days dag dagen"
    " hour hours uur uren".split()
)
_HOW_MANY = re.compile(r"\b(how many|hoeveel)\b")
# "what does EWI stand for?", "waar staat VLAIO voor?", "wat betekent de afkorting BIPT?":
# the full name an acronym abbreviates
_STANDS_FOR = re.compile(
    r"\bwhat\b.*\bstands?\s+for\b"
    # not "staat in voor" (is responsible for) nor "staat voor de uitdaging" (faces)
    r"|\b(?:waar|wat)\s+(?:staat|staan|stond)\s+(?!in\b)(?:\S+\s+){1,4}?voor\b"
    r"|\b(?:full|volledige)\s+(?:name|form|naam)\b|\bvoluit\b|\bspelled out\b"
    r"|\b(?:mean|means|betekent|betekenen)\b.*\b(?:acronym|acroniem|afkorting|abbreviation)\b"
    r"|\b(?:acronym|acroniem|afkorting|abbreviation)\b.*\b(?:mean|means|betekent|betekenen)\b"
)
# "what is the Flemish AI Academy called in short?", "wat is de afkorting van ...": its short
# name is asked (not what a short name stands for)
_SHORT_NAME = re.compile(
    r"\b(?:abbreviation|abbreviated|acronym|short name|short form|in short|for short|shortened"
    r"|afkorting|afgekort|acroniem|korte naam|kortweg|in het kort)\b"
)
_SPELLED_OUT = frozenset(
    "stand stands staat staan full volledige name naam form voluit spelled mean means betekent"
    " betekenen acronym acroniem afkorting abbreviation short abbreviated shortened afgekort"
    " korte kortweg".split()
)
# where a body is to be found: its postal address ("wat is het adres van ...", "BIPT's
# address"), or the place its office sits ("where is BIPT's office?", "waar is X gevestigd?")
_ADDRESS_Q = re.compile(
    r"\b(?:post|bezoek)?adres(?:sen)?\b"
    r"|(?:\b(?:the|its|their|an|postal|street|office|visiting|mailing)|['’]s)\s+(?:\w+\s+)?"
    r"address(?:es)?\b"
)
_SEAT_Q = re.compile(
    r"\b(?:where|waar|(?:in|from) which (?:city|town|place)|in welke (?:stad|gemeente|plaats))\b"
    r".*\b(?:offices?|kantoor|kantoren|headquarters|head office|hoofdkantoor"
    r"|hoofdzetel|zetel|located|situated|gevestigd|based|bevindt|seated|headquartered)\b"
    # "waar zit dat centrum?" (not "waar zit het onder?": what it is part of)
    r"|\bwaar\s+(?:zit|zitten|ligt|liggen)\b(?!.*\b(?:onder|in|bij|achter|voor)\W*$)"
)
_WHO = re.compile(r"\b(who|whom|whose|wie|wiens)\b")
_WHICH = re.compile(r"\b(which|what|welke|welk|wat voor|wat)\s+((?:[\w'-]+\s+){0,3}[\w'-]+)")
# "who is Hans Arents?" (a name follows), not "who is in charge of ...?"
_IDENTITY = re.compile(
    r"^\s*(?i:who|wie)(?:\s+|['’])(?i:is|s|was|are|zijn|waren)\s+(?:(?i:die|deze|that|this)\s+)?[A-Z]"
)
# "how is its work structured?": the parts are the answer
_STRUCTURE = re.compile(
    r"\b(?:structured|organi[sz]ed|divided|made up|consist|consists|opgebouwd|gestructureerd"
    r"|georganiseerd|ingedeeld|onderverdeeld|bestaat|bestaan)\b"
)
_LIST = re.compile(r"^\s*(list|name|noem|geef|enumerate|what are|wat zijn|welke zijn|som)\b")
_AGE = re.compile(r"\b(how old|hoe oud|what age|welke leeftijd|born|geboren)\b")
# "other than X", "behalve X": X is what the answer is not, up to the end of the clause.
_EXCLUDE = re.compile(
    r"\b(?:other than|apart from|aside from|besides|except(?: for)?|excluding|not counting|"
    r"behalve|andere dan|anders dan|met uitzondering van|uitgezonderd|naast|los van)\s+([^,;?!]+)"
)
_PARTS = r"pillar|pijler|phase|fase|chapter|hoofdstuk|section"  # what is numbered
_ORDINALS = r"first|eerste|second|tweede|third|derde|fourth|vierde|fifth|vijfde"
_NUMBERED = re.compile(
    rf"\b(?:{_PARTS}|deel)\s+(iii|ii|iv|i|v|[1-5])\b|\b({_ORDINALS})\s+(?:{_PARTS})\b"
)
_PART_NOUN = re.compile(rf"\b({_PARTS})s?\b")
_LONE_ORDINAL = re.compile(
    rf"\b(?:the|de|het)\s+({_ORDINALS})(?:\s+one)?\b(?!\s+(?:{_PARTS}|to|time|keer)\b)"
)
_ROMAN = ("", "i", "ii", "iii", "iv", "v")
NUMERALS = frozenset(_ROMAN[1:])  # "Pillar III": what tells numbered parts apart
_ORDINAL = numbered("first:eerste second:tweede third:derde fourth:vierde fifth:vijfde", start=1)
_AUXILIARIES = frozenset(
    "is are was were does do did has have had will would can could should zal zou kan kunnen"
    " heeft hebben doet doen wordt werd worden zijn was waren".split()
)
_ARTICLES = frozenset("the a an de het een".split())
_COPULA_AND_ARTICLES = frozenset("is are was were zijn waren".split()) | _ARTICLES
_OWNERS = frozenset("its their his her the these those zijn haar hun de het deze die".split())
CARRIED_WEIGHT = 0.5  # a word a follow-up carries over from the turn before
GENERIC_COUNTED_WEIGHT = 0.5  # "people" in "how many people": the kind check looks for them
_PHRASE_ENDS = _AUXILIARIES | frozenset(
    "in at of for to from with on by within van voor bij aan met op door binnen mee".split()
)
_AMOUNT_NOUNS = frozenset(
    "budget budgets cost costs amount revenue turnover jaarbudget begroting bedrag omzet fine fines"
    " penalty penalties boete boetes salary salaris loon".split()
)


# the words questions are made of: never read as misspellings of something else
QUESTION_VOCABULARY = ROLE_WORDS | PERSON_NOUNS | ORG_NOUNS | _MONEY | _AMOUNT_NOUNS


@dataclass
class Term:
    token: str
    forms: frozenset[str]  # its stems in both languages and those of its glossary equivalents
    weight: float = 1.0
    phrases: tuple[tuple[frozenset[str], ...], ...] = ()  # multi-word names it also goes by
    carried: bool = False  # brought over from an earlier turn or part, not said in this one

    def found_in(self, stems_: frozenset[str]) -> bool:
        """In a text (given as its stems): the word, an equivalent, or a whole longer name."""
        # (asked of every term for every candidate sentence: the common cases return first)
        if not self.forms.isdisjoint(stems_):
            return True
        if not self.phrases:
            return False
        openers = self._phrase_openers
        if openers is not None and openers.isdisjoint(stems_):
            return False
        return any(all(not w.isdisjoint(stems_) for w in phrase) for phrase in self.phrases)

    @cached_property
    def _phrase_openers(self) -> frozenset[str] | None:
        """The forms a longer name's first word can take: a text with none of them has none
        of the names. (None if a name has no words: that one is in every text.)"""
        if not all(self.phrases):
            return None
        return frozenset().union(*(phrase[0] for phrase in self.phrases))


@dataclass
class QuestionInfo:
    text: str
    qtype: QType
    wants_person: bool
    wants_list: bool
    terms: list[Term] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    focus: list[Term] = field(default_factory=list)  # named things the answer must be about
    counted: Term | None = None  # what a how-many question counts ("researchers")
    asked: Term | None = None  # the noun a which-question asks for ("which *body* ...")
    alone: bool = False  # "the budget of X alone": a figure shared with others does not answer
    # "Wie leidt pijler II?": a verb of leading may be answered by a body, if no person leads it
    body_will_do: bool = False
    # what "other than X" sets aside: the forms of each of its words
    aside: tuple[frozenset[str], ...] = ()
    # the attribute asked for ("which *party*", "the *telefoonnummer*") is a word the sources
    # never use: no sentence can hold it
    asked_unknown: bool = False
    # the named places ("Walloon", "in Brussel"): a sentence that only lists that place among
    # others ("stakeholders from Flanders, Wallonia, and Brussels") says nothing of it alone
    places: frozenset[str] = frozenset()
    # it asks for the whole country's body ("which national coalition do Walloon stakeholders
    # take part in?"): a sentence listing the place among the regions answers it
    nationwide: bool = False
    many: int = 0  # how many things it asks for, when it says so ("the five core missions")
    item: int = 0  # which item of a list it asks for ("what is the first one?"), from 1
    # "What is AI4Gov?", "wat doet VLAIO eigenlijk?": what a named thing is or does
    definition: bool = False
    # "which *other* act": one of the kind is known, another is asked
    another: bool = False
    # "how many people work at X": a count of its staff, not of people it names
    headcount: bool = False
    # "address": its postal address is asked; "seat": the place its office sits
    located: str = ""
    # "what does EWI stand for?": the full name of an acronym is asked
    expands: bool = False
    # "what is the Flemish AI Academy called in short?": the short name of a full one
    shortens: bool = False
    # "what is the total budget of X": a table row gives one part's figure, not the total
    total: bool = False
    # what a definition asks about: "the *AI observatory* of FPS BOSA", not its owner
    defined: list[Term] = field(default_factory=list)
    # "who receives the advice of X", "aan wie rapporteert X": whom something goes to
    recipient: bool = False
    # "how long has X ...": a sentence with its dates answers, no one date is the value
    duration: bool = False
    # every place word it says, narrowing or not ("Vlaamse" in "het Vlaamse AI-beleidsplan")
    place_words: frozenset[str] = frozenset()
    # "het *derde* AI-beleidsplan": the ordinal of the thing asked about (a numbered part's,
    # "de derde pijler", is its numeral instead)
    ordinals: frozenset[int] = frozenset()

    @property
    def roles(self) -> list[Term]:
        """The role nouns it asks with, singular or plural ("coordinator", "coördinatoren"), but
        not those any holder fits ("politicians")."""
        return [t for t in self.terms if _one_of(t.token, ROLE_WORDS) and not _any_role(t.token)]

    @property
    def asks_body(self) -> bool:
        """It asks which body (not which person): "which agency ...?", "who supervises X?"."""
        return self.qtype in ("who", "org") and not self.wants_person

    @property
    def names_thing(self) -> bool:
        """It asks for the name of a thing that bodies run ("which initiative ...?")."""
        return (
            self.qtype == "what"
            and self.asked is not None
            and not self.definition
            and not self.wants_list
            and self.asked.token in _LED_BY_BODIES  # one of them: "which missions" lists them
        )

    @property
    def subject(self) -> list[Term]:
        """What a sentence must be about to say what is asked: the defined thing of a
        definition, else every named thing."""
        return self.defined or self.focus


def analyse(
    text: str,
    glossary: Glossary,
    df: dict[str, int],
    n_sentences: int,
    matches: list[tuple[set[str], list[str]]] | None = None,
    same_language: bool = False,
) -> QuestionInfo:
    """`matches` are the glossary hits retrieval already found for this text (else found here).
    `same_language`: the sources are written in the question's language, so a word they never
    use is a word they do not hold (not merely a word of the other language)."""
    text = _REGARDING.sub("about", text)  # "when it comes to AI" asks no date
    text = singular_acronyms(text)  # "which two FPSs" asks which FPS
    low = re.sub(r"\b(what|who|wat|wie)['’]s\b", r"\1 is", text.lower())
    toks = tokens(low)
    tokset = set(toks)
    # what kind of question it is comes from the user's own words, not from the words a
    # follow-up carries in brackets ("(VLAIO Lead Agency)" does not make it ask for a leader)
    asked_low = without_carried(low)
    asked_toks = set(tokens(asked_low))
    which_noun = _asked_noun(asked_low)
    if which_noun in ("one", "ones") and asked_low != low:
        # "which one is it? (body enforces EU AI Act)": the kind the words it carries name
        carried_kinds = [w for w in tokens(low[len(asked_low) :]) if _one_of(w, _ORG | _ROLE)]
        which_noun = carried_kinds[0] if carried_kinds else ""
    pay = _pay_words(glossary)
    if (when := _WHEN.search(asked_low)) and not _WHO_THEN.match(asked_low[: when.start()]):
        qtype: QType = "when"
    elif _AGE.search(asked_low):
        qtype = "age"
    elif (
        _HOW_MUCH.search(asked_low)
        and (
            asked_toks & _MONEY
            or "€" in asked_low
            or "much" in asked_toks
            or _SPENDS.search(asked_low)
            or _GOES_TO.search(asked_low)
        )
    ) or (
        not _WHO.search(asked_low)
        and asked_toks & (_AMOUNT_NOUNS | pay)
        and not _HOW_MANY.search(asked_low)
    ):
        qtype = "amount"
    elif _HOW_MANY.search(asked_low):
        qtype = "count"
    elif _WHO.search(asked_low) or _one_of(which_noun, _ROLE):
        qtype = "who"
    elif named_role := _named_role(asked_low):
        qtype, which_noun = "who", named_role
    elif _one_of(which_noun, _ORG) and not _names_a_thing(asked_low):
        qtype = "org"
    else:
        qtype = "what"
    if _SITS_BEFORE.search(text):  # "wie zit het comité voor?": Dutch for "who chairs it?"
        # "welke raad zit hij voor?" asks which body he chairs: "welke raad is hij voorzitter van"
        text = _SITS_BEFORE.sub(
            lambda m: (
                f"is{m.group(1)}voorzitter van"
                if re.search(r"\bwelke?\b", m.string[: m.start()], re.I)
                else f"is voorzitter van{m.group(1)}"
            ),
            text,
        )
        low = text.lower()
        toks = tokens(low)
        tokset = set(toks)
        asked_low = without_carried(low)
        asked_toks = set(tokens(asked_low))
    wants_person = (
        qtype == "who" and any(_one_of(t, _ROLE | _PEOPLE) for t in asked_toks)
    ) or _one_of(which_noun, _ROLE)
    if qtype == "who" and not wants_person and _IDENTITY.match(text):
        qtype = "what"  # "who is Hans Arents?" asks about a name, it does not ask for one
    # several things asked for: "which six centres", "list the themes", "which research groups"
    # ("a second five-year cycle", "vijf jaar": a length of time, not five things asked for)
    asked_many = max(
        (
            NUMBER_WORDS[w]
            for w, nxt in zip(toks, [*toks[1:], ""][: len(toks)], strict=True)
            if w in NUMBER_WORDS and nxt not in _TIME_UNITS
        ),
        default=0,
    )
    plural_noun = _one_of(which_noun, _ORG) and which_noun.endswith(("s", "en", "ies", "'s", "a"))
    wants_list = (
        asked_many >= 3
        or bool(_LIST.match(low))
        or (qtype == "what" and _keyword_plural(asked_low, df))
        # "how is it organised?" asks for its parts; "who organised it?" for who did it
        or (bool(_STRUCTURE.search(low)) and qtype != "who")
        or (plural_noun and not asked_many)
    )

    phrase_forms: dict[str, set[str]] = {}
    long_names: dict[str, list[tuple[frozenset[str], ...]]] = {}
    share: dict[str, float] = {}  # a word's part of the phrase it belongs to
    lowercase_names: set[str] = set()  # "kenniscentrum data en maatschappij", "vlaio"
    places_named: list[set[str]] = []  # "Walloon", "Brussel": places that narrow what is asked
    compounds: set[str] = set()  # one word the glossary translates by several
    found = glossary.matches(text) if matches is None else matches
    # the parts of a hyphenated word the glossary knows whole ("minister-president" is one
    # word: its "president" is no word for "leader")
    hyphenated = {
        tok for m in found if len(m.said) > 1 and "-".join(m.said) in low for tok in m.said
    }
    for match in found:
        if len(match.said) == 1 and match.matched <= hyphenated:
            continue
        if match.kind == "places":
            places_named.append(match.matched)
        if names_a_body(match):
            lowercase_names |= match.matched
        # A name stands for the group's other names as wholes: "BIPT" is not "Belgian" but
        # "Belgian Institute for Postal Services ...", "koninklijk besluit" is "royal decree".
        names = [tuple(stems(w) for w in p) for p in match.phrases if p]
        if len(match.said) == 1 and any(len(p) > 1 for p in match.phrases):
            compounds.update(match.matched)  # "focusthema's": "focus themes"
        for tok in match.matched:
            bucket = phrase_forms.setdefault(tok, set())
            for other in match.singles:
                if other not in STOPWORDS:
                    bucket |= stems(other)
            long_names.setdefault(tok, []).extend(names)
        # A word of a many-word name stands for the word in the same place of an equally long
        # other name ("FPS Policy and Support" / "FOD Beleid en Ondersteuning"), not for every
        # word of it: else "Knowledge Centre ..." would be found in any "research centers".
        if len(match.said) > 1 and match.kind == "words":  # "took part" is one thing asked
            for tok in match.said:
                share[tok] = min(share.get(tok, 1.0), 1.0 / len(match.said))
        if len(match.said) > 1:
            for phrase in match.phrases:
                if len(phrase) == len(match.said):
                    for tok, other in zip(match.said, phrase, strict=True):
                        # ("policy plan" / "AI-beleidsplan": the compound's "AI" is no word
                        # for "policy", though it stands in the same place)
                        if len(other) > 2 or other == tok:
                            phrase_forms.setdefault(tok, set()).update(stems(other))

    def term(tok: str) -> Term:
        forms = set(stems(tok)) | phrase_forms.get(tok, set())
        for eq in () if tok in hyphenated else glossary.equivalents(tok):
            forms |= stems(eq)
        phrases = tuple(long_names.get(tok, ()))
        if tok in compounds:  # a compound the glossary translates by a phrase ("focusthema":
            # "focus themes"): its first letters are only its first part's ("focuses")
            forms -= {f for f in stems(tok) if f.startswith("~")}
        d = max((df.get(f, 0) for f in forms), default=0)
        # "stuurcomité" is as common as "steering committee", its name in the report
        for phrase in phrases:
            d = max(d, min(max((df.get(f, 0) for f in w), default=0) for w in phrase))
        weight = (math.log((n_sentences + 1) / (d + 1)) + 1.0) * share.get(tok, 1.0)
        return Term(tok, frozenset(forms), weight, phrases)

    excluded_toks: set[str] = set()
    marker: set[str] = set()
    if m_ex := _EXCLUDE.search(low):  # its words describe what the answer is not
        # what is set aside runs to the next verb or preposition: "besides imec | are in ...",
        # or article: "beheert naast BOSA | het stuurcomité"
        words = m_ex.group(1).split()
        end = next(
            (k for k, w in enumerate(words) if w in _PHRASE_ENDS or (k and w in _ARTICLES)),
            len(words),
        )
        aside = " ".join(words[:end])
        rest = low[: m_ex.start()] + " " + " ".join(words[end:]) + " " + low[m_ex.end() :]
        excluded_toks = set(content_tokens(aside)) - set(content_tokens(rest))
        marker = set(content_tokens(low[m_ex.start() : m_ex.start(1)]))
    terms: list[Term] = []
    seen: set[str] = set()
    # a follow-up comes with the earlier turn's words in brackets: context, weighing less
    own_part, _, carried = text.partition(" (") if text.rstrip().endswith(")") else (text, "", "")
    own_words = set(content_tokens(own_part))
    # "wie is binnen die organisatie de CTO? (imec)": the kind of a body pointed at stands for
    # the body carried, so it weighs as carried
    pointed = (
        {m.group(1) for m in _POINTED_KIND.finditer(own_part.lower()) if _one_of(m.group(1), _ORG)}
        if carried
        else set()
    )
    named_here = named(own_part)
    expands = bool(_STANDS_FOR.search(asked_low))
    shortens = not expands and bool(_SHORT_NAME.search(asked_low))
    for tok in content_tokens(text):
        if tok in marker or tok in excluded_toks:  # "other than X" asks for what X is not
            continue
        # "stand for", "afkorting", "in short": how it asks, not what
        if (expands or shortens) and tok in _SPELLED_OUT:
            continue
        if tok in _RELATION:  # "the Flemish counterpart of X": what plays X's part elsewhere
            continue
        if tok in seen:
            continue
        seen.add(tok)
        parts = _compound_parts(tok, glossary, df) if tok not in phrase_forms else None
        if parts and len(parts) == 1 and tok in named_here:
            parts = None  # a name the sources lack ("Gegevensbeschermingsautoriteit") stays whole
        new = [term(p) for p in parts if p not in seen] if parts else [term(tok)]
        if parts:  # "onderzoeksuitdaging" -> onderzoek + uitdaging, each in both languages
            seen.update(parts)
        for t in new:
            if carried and (tok not in own_words or tok in pointed):
                t.weight *= CARRIED_WEIGHT
                t.carried = True
        terms.extend(new)
    # what the question names must be what the answer is about; names carried from an earlier
    # turn count only when the question itself names nothing ("and who heads that institution?")
    # (or when a pronoun in it stands for them: "under which pillar of the Flemish plan is *it*
    # funded? (VAIA)")
    stands_in = bool(carried) and bool(_STANDS_IN.search(_DUMMY_IT.sub("", own_part)))
    own_names = named(own_part) - _GENERIC_NAMES
    if carried:
        names = own_names | (named(text) if stands_in else set()) or named(text)
    else:
        names = named(text)
    # a body the glossary knows is a name however it is typed (only in the question's own words)
    # (and carried, when the carried names count: "In welk jaar werd dat plan goedgekeurd?
    # (convergentieplan)")
    names |= lowercase_names & own_words if own_names and not stands_in else lowercase_names
    low = _ordinals_completed(low, asked_low)
    for m in _NUMBERED.finditer(low):  # the numeral tells the pillars apart
        said = m.group(1) or m.group(2)  # "pijler I", "Pillar 2", "the third pillar"
        number = int(said) if said.isdigit() else _ORDINAL.get(said)
        numeral = _ROMAN[number] if number else said
        if numeral not in seen:
            seen.add(numeral)
            made = term(numeral)
            if number:  # "the third pillar" in the text is Pillar III too
                ordinals = {w for w, n in _ORDINAL.items() if n == number}
                made = replace(made, forms=made.forms | frozenset(ordinals))
            terms.append(made)
            names.add(numeral)
        if not said.isdigit() and said not in _ROMAN:  # "derde" is said by "III" from here on
            terms = [x for x in terms if x.token != said]
    # "welke AI-academie ...?": the kind asked for is no name, though written in one
    asked_kind = {p for p in fold(which_noun).split("-")[1:] if _one_of(p, _ORG | _ROLE)}
    focus = [term_ for term_ in terms if term_.token in names - asked_kind]
    counted = None
    if qtype == "count":
        noun = asked_noun(low)
        counted = next((x for x in terms if noun and x.token == noun), None)
        if counted is None and noun and (parts := _compound_parts(noun, glossary, df)):
            # "onderzoeksinstellingen" was split: a Dutch compound counts its last part
            counted = next((x for x in terms if x.token == parts[-1]), None)
        if counted is not None and counted.token in GENERIC_COUNTED:
            # "how many people": people of any kind ("60 Belgians"), which the kind check sees
            counted.weight *= GENERIC_COUNTED_WEIGHT
    asked = next((x for x in terms if which_noun and x.token == fold(which_noun)), None)
    if asked is None and "-" in which_noun:
        # "which directorate-general", "welke AI-academie": the part that names a kind
        kinds = [p for p in fold(which_noun).split("-") if _one_of(p, _ORG | _ROLE)]
        asked = next((x for x in terms if kinds and x.token == kinds[0]), None)
    # a body is led by people, but a coalition, programme or pillar may be led by a body
    led_by_body = bool(tokset & _LED_BY_BODIES) or not (tokset & _ORG or acronyms(text))
    body_will_do = wants_person and asked_toks & _ROLE <= _LEAD_VERBS and led_by_body
    alone = bool(_ALONE.search(low))
    attribute = (
        _attribute(low)
        or ([asked_noun(low)] if qtype == "count" else [])
        # "how much does X earn?", "wat kost een cursus?": a pay or a price, not a budget
        or ([w for w in toks if w in pay] if qtype == "amount" else [])
        # "how much does a course cost?", "wat kost een lidmaatschap?": the price of one
        or (["price"] if qtype in ("amount", "what") and _PRICE_OF_ONE.search(low) else [])
    )
    asked_unknown = any(
        # a hyphenated compound is judged by its head ("e-mailadres": mailadres)
        _unheld(w.rsplit("-", 1)[-1], glossary, df, same_language)
        for w in (a.strip("-") for a in attribute)
        if len(w) >= 3
        and w.replace("-", "").isalpha()
        and w not in _FRAME_NOUNS
        and w not in _SPELLED_OUT
        and not _any_role(w)
    ) or any(
        # "personal mobile number", "gsm-nummer": words the glossary knows as one attribute
        _unheld_phrase(words, glossary, df)
        for words in [*pairwise(attribute), *(w.split("-") for w in attribute if "-" in w)]
        if all(words)
    )
    # "how many people work at imec?" asks a headcount: only a count of its staff answers it
    headcount = (
        qtype == "count"
        and counted is not None
        and counted.token in GENERIC_COUNTED
        and bool(asked_toks & WORKS)
    )
    return QuestionInfo(
        text,
        qtype,
        wants_person,
        wants_list,
        terms,
        tokset,
        focus,
        counted,
        asked,
        alone,
        body_will_do,
        tuple(frozenset(word_forms(t)) for t in sorted(excluded_toks)),
        asked_unknown,
        definition=(
            definition := qtype == "what" and bool(focus) and bool(_DEFINITION.match(asked_low))
        ),
        defined=_defined(asked_low, focus, terms) if definition else [],
        another=asked is not None and bool(_ANOTHER.search(asked_low)),
        recipient=qtype in ("who", "org") and bool(_RECIPIENT.search(asked_low)),
        # (one place: "Flanders, Wallonia and Brussels" asked together are listed together)
        # (named: "the Brussels region" is one place, "region" names none)
        places=_one_place(places_named, {f.token for f in focus}),
        nationwide=bool(_NATIONWIDE.search(asked_low)),
        many=asked_many,
        item=_list_item(low),
        headcount=headcount,
        expands=expands,
        shortens=shortens,
        total=qtype in ("amount", "count") and bool(_TOTAL.search(asked_low)),
        duration=bool(_DURATION.search(asked_low)),
        place_words=frozenset().union(*places_named),
        ordinals=frozenset(_ORDINAL[m.group(1)] for m in _ORDINAL_OF_THING.finditer(asked_low)),
        located=(
            "address"
            if _ADDRESS_Q.search(asked_low)
            else "seat"
            if _SEAT_Q.search(asked_low)
            else ""
        ),
    )


# whom something goes to: "who receives / gets ...", "to whom", "aan wie", "wie krijgt ..."
# (not a passive made with "get": "which body got designated")
_RECIPIENT = re.compile(
    r"\b(?:who|wie|which\s+\w+|welke\s+\w+)\s+(?:receives?|received|gets?|got|krijgt|kreeg|krijgen"
    r"|ontvangt|ontving|ontvangen)\b(?!\s+(?:\w+ed|chosen|picked|named|elected|tasked|put|set)\b)"
    r"|\b(?:to whom|aan wie|naar wie)\b"
)


# "which other EU act", "welke andere bevoegdheden" (not "other than X": that names the known one)
_ANOTHER = re.compile(
    r"\b(?:which|what|welke|welk)\s+(?:\w+\s+)?(?:other|andere|ander)\b(?!\s+(?:than|dan)\b)"
)


def _defined(asked: str, focus: list[Term], terms: list[Term]) -> list[Term]:
    """The named things before the first "of" / "van" after a name: "wat doet het
    AI-observatorium van de FOD BOSA" defines the observatory; BOSA only says whose it is."""
    words = tokens(asked)
    named = {f.token for f in focus}
    first = next((k for k, w in enumerate(words) if w in named), None)
    if first is None:
        return focus
    # "the BOSA AI observatory": a body's kind after the names is the thing, they are its owner
    after = next((k for k in range(first, len(words)) if words[k] not in named), len(words))
    if after < len(words) and _one_of(words[after], _ORG | _LED_BY_BODIES):
        head = next((t for t in terms if t.token == words[after]), None)
        if head is not None:
            return [head]
    end = next((k for k in range(first, len(words)) if words[k] in _OWNER), len(words))
    before = set(words[:end])
    return [f for f in focus if f.token in before] or focus


_OWNER = frozenset("of van from at bij within binnen".split())


# "what is X (exactly)", "what does X do", "wat doet X", "wat houdt X in", "wat is X precies":
# a named thing, and no noun asked about ("what is the budget of X" asks for a budget)
_DEFINITION = re.compile(
    r"^\W*(?:(?:and|en|so|dus)\s+)?(?:what|wat)\s*(?:exactly\s+|precisely\s+|actually\s+|precies\s+"
    r"|eigenlijk\s+|nu\s+)?(?:'s|is|are|was|were|zijn|waren|does|do|did|doet"
    r"|deed|houdt|betekent|means?)\s+(?!(?:the|de|het|a|an|een)\s+\w+\s+(?:of|van)\b)"
    # "tell me about X", "vertel eens iets over X", "explain X": what X is, in other words
    r"|^\W*(?:(?:can|could|would)\s+you\s+|kan\s+je\s+|kun\s+je\s+|kunt\s+u\s+)?(?:please\s+)?"
    r"(?:tell\s+(?:me|us)\s+(?:(?:a\s+bit|a\s+little|more)\s+)?about|explain|describe"
    r"|(?:vertel|vertellen)\s+(?:(?:me|mij|ons|eens|iets|wat|meer)\s+)*over|beschrijf)\s+"
    # "bosa ai observatory what does it do", "vaiop - what is it": the thing typed first
    r"|^[^?]{2,60}?[\s,:;–—-]+(?:what|wat)\s+(?:is|are|does|do|doet|houdt)\s+"
    r"(?:it|they|het|dat|dit|die|this|that)\b"
)


# "hoe heet dat orgaan", "what is that framework called", "wat is de naam van het fonds": a
# which-question in other words ("welk orgaan", "which framework")
_NAME_OF = (
    (re.compile(r"\bhoe\s+he(?:et|ten)\s+(?:de|het|dat|die|deze|dit|hun|zijn|haar)\s+"), "welk "),
    (
        re.compile(
            r"\b(?:what|wat)\s+(?:is|are|was|were|zijn)\s+(?:the|de)\s+"
            r"(?:name|names|naam|namen)\s+(?:of|van)\s+(?:the|that|this|its|de|het|dat|die|deze|dit)\s+"
        ),
        "which ",
    ),
    (
        re.compile(
            r"\bwhat\s+(?:is|are|was|were)\s+(?:the|that|this|its|their)\s+"
            r"((?:[\w'-]+\s+){0,3}?[\w'-]+)\s+called\b"
        ),
        r"which \1",
    ),
)


def as_which(low: str) -> str:
    """A question for a name put as a which-question."""
    for pattern, repl in _NAME_OF:
        low = pattern.sub(repl, low)
    return low


# "what is the AI Advisory Council (exactly)?", "wat is het kenniscentrum eigenlijk?": the thing
# itself, asked to be defined; not "what is the agency that supervises ...", a which-question
_BARE_DEFINITION = re.compile(
    r"^\W*(?:(?:and|en|so|dus)\s+)?(?:what|wat)\s*(?:exactly\s+|precisely\s+|actually\s+|precies\s+"
    r"|eigenlijk\s+|nu\s+)?(?:'s|is|are|zijn)\s+(?:the|de|het)\s+"
    r"(?P<rest>[^?]*?)\s*(?:exactly|precisely|actually|precies|eigenlijk|juist)?\s*\??\s*$"
)
_RELATIVE_WORDS = frozenset(
    "that which who whom whose where when die dat wie wat waar welke wiens waarvan waarin".split()
)


def _names_a_thing(low: str) -> bool:
    m = _BARE_DEFINITION.match(low)
    if m is None or as_which(low) != low:  # "what is the name of the agency" asks which one
        return False
    rest = re.findall(r"[\w&'-]+", m.group("rest"))
    return 0 < len(rest) <= 6 and not _RELATIVE_WORDS & set(rest)


# "a national regulator for ...": a noun introduced earlier, that "which one" asks about
_NAMED_BEFORE = re.compile(
    r"\b(?:a|an)\s+((?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+(?:for|of|in|to|at|on|with|that|who|which)\b"
    r"|\s*[,.;:?!]|$)"
)


_DEMONSTRATIVES = frozenset("that this these those dat dit deze die".split())
_POINTED_KIND = re.compile(rf"\b(?:{'|'.join(sorted(_DEMONSTRATIVES))})\s+([a-z][\w-]+)")


def _asked_noun(low: str) -> str:
    """The noun a which-question asks for: 'which six strategic research centres' -> centres,
    'welk kanaal krijgen federale ministers' -> kanaal (the verb ends the noun phrase)."""
    m = _WHICH.search(as_which(low))
    if not m:
        return ""
    before = m.string[: m.start()]
    if m.group(2).split()[:1] == ["one"] and (named := _NAMED_BEFORE.findall(before)):
        # "belgium picked a national regulator, which one is it?": the noun "one" stands for
        return named[-1].split()[-1]
    words = [w for w in m.group(2).split() if w not in ("other", "andere", "ander")]
    if words[:1] in (["of"], ["van"]):  # "which of its documents", "welke van de pijlers"
        words = [w for w in words[1:2] if w not in _OWNERS] + words[2:]
    copula = bool(words) and words[0] in _COPULA_AND_ARTICLES
    while words and words[0] in _COPULA_AND_ARTICLES:  # "what are the risks" -> risks
        words = words[1:]
    if copula and words and words[0] in _DEMONSTRATIVES:
        # "what was that institute mainly regulating?": the one already spoken of, not which
        return ""
    kinds = _ROLE | _ORG
    i = 0
    while i < len(words) and not _one_of(words[i], kinds) and _modifier(words[i]):
        i += 1
    if i >= len(words):
        return words[0] if words else ""
    if _one_of(words[i], kinds):
        return words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in _ROLE_VERBS:
        return words[i]
    if _one_of(nxt, kinds):  # "research groups", "Walloon agency"
        return nxt
    return words[i]


_ATTRIBUTE = re.compile(
    # ("what political party does she belong to?": "what" before a noun and its verb is "which")
    r"\b(?:which|welke|welk|what(?=\s+(?:[\w-]+\s+){1,2}(?:does|do|did|is|are|was|were|has|have)\b)"
    r"|(?:what|wat)\s+(?:is|are|was|were|zijn|waren)\s+"
    r"(?:the|de|het|a|an|een|his|her|its|their|zijn|haar|hun|[\w&.-]+['’]s)"
    # "can you give me the phone number of X?", "geef me het adres van X"
    r"|(?:give|tell|send|geef|geven|stuur|sturen)\s+(?:me|us|mij|ons)\s+"
    # ("give me Karl Tuyls's personal mobile number": a possessive name is a determiner too)
    r"(?:the|its|his|her|their|het|de|zijn|haar|hun|(?:[\w&.-]+\s+){0,3}[\w&.-]+['’]s))"
    r"\s+(.*)"
)


_ITEM_ORDINAL = numbered(
    "first:eerste second:tweede third:derde fourth:vierde fifth:vijfde sixth:zesde"
    " seventh:zevende eighth:achtste ninth:negende",
    start=1,
)
# "what is the first one?", "the second of those", "de derde ervan", "the first mission you
# listed": an ordinal that picks an item, not a numbered part ("the third pillar", handled as
# Pillar III) and not an order of events ("the first to ...")
_PICKS_ITEM = re.compile(
    r"\b(?:the|de|het)\s+(?P<ord>" + "|".join(_ITEM_ORDINAL) + r")\b(?!\s+(?:to|time|keer)\b)"
)


def _ordinals_completed(low: str, asked_low: str) -> str:
    """After "Hoeveel pijlers telt het plan?", "Hoeveel budget gaat er naar de derde? (…
    pijlers)": a lone ordinal counts the parts that the words it carries name."""
    if asked_low == low or not (part := _PART_NOUN.search(low[len(asked_low) :])):
        return low
    return _LONE_ORDINAL.sub(rf"\g<0> {part.group(1)}", asked_low) + low[len(asked_low) :]


# "the *third* plan", "first launched", "een *tweede* periode": an ordinal of the thing asked
# about; not one of the conversation ("my first question", "the first one", "your second
# answer", "de eerste?", a pick from a list), of the asker ("a second-year student") or of an
# order ("the first to rule")
_ORDINAL_OF_THING = re.compile(
    r"(?<!\bmy )(?<!\bour )(?<!\byour )(?<!\bmijn )(?<!\bonze )(?<!\bons )(?<!\bjouw )"
    r"(?<!\bje )(?<!\buw )"
    rf"\b({'|'.join(_ORDINAL)})\b(?!\s*[^\w\s]|\s*$|\s+(?:question|questions|answer|answers|one|ones|of|to"
    r"|time|meeting|vraag|vragen|antwoord|antwoorden|gesprek|keer|te|van)\b)"
)


def ordinals_in(words: Sequence[str]) -> frozenset[int]:
    """The ordinals a text's words say ('first launched ... a second cycle': 1 and 2)."""
    return frozenset(_ORDINAL[w] for w in words if w in _ORDINAL)


def numbered_parts(text: str) -> list[str]:
    """The numbered parts a question names ("pijler III", "derde pijler", and "derde pijler"
    for "de derde? (… pijlers)"): what a follow-up to it ("welke initiatieven vallen
    daaronder?") is about."""
    low = text.lower()
    asked_low = without_carried(low)
    found = _NUMBERED.finditer(_ordinals_completed(low, asked_low))
    return list(dict.fromkeys(m.group(0) for m in found))


def _list_item(low: str) -> int:
    """The list item an ordinal asks for (1 for 'the first one'), or 0."""
    if _NUMBERED.search(low):
        return 0
    m = _PICKS_ITEM.search(low)
    return _ITEM_ORDINAL[m.group("ord")] if m else 0


def _attribute(low: str) -> list[str]:
    """The words that 'which X' or 'what is the X' asks for, up to the head noun ('which
    political *party*' -> political, party; 'wat is het *telefoonnummer*'); after a partitive,
    the noun it takes ('which piece of EU *legislation*'). Empty when none."""
    m = _ATTRIBUTE.search(low)
    if not m:
        return []
    words = re.findall(r"[\w'-]+", m.group(1))[:6]
    out: list[str] = []
    k = 0
    while k < len(words):
        w = words[k]
        if w in _PARTITIVES and k + 1 < len(words) and words[k + 1] in ("of", "van"):
            out, k = [], k + 2
            continue
        if w in STOPWORDS or w in _AUXILIARIES:
            return []
        if len(w) < 3 or w in NUMBER_WORDS or w.isdigit() or w.endswith("ly"):
            k += 1
            continue
        out.append(w)
        if not _modifier(w):
            return out
        k += 1
    return []


# nouns that frame a question rather than name an attribute ("what was the *purpose* of ...")
_FRAME_NOUNS = frozenset(
    "purpose aim goal goals reason reasons point idea meaning name names role task job way ways"
    " doel doelen bedoeling reden redenen idee betekenis naam namen rol taak manier"
    # a place is named, not called a place: "in which city" is answered by "in Leuven"
    " city cities town towns place location country stad steden gemeente plaats locatie"
    " land"
    # a date or a year is asked for by its kind, which the sources write as dates, not the word
    " date dates datum data year years jaar jaren jaartal day dag month maand"
    " period periode regeerperiode term termijn legislatuur legislature".split()
)
_GENERIC_NAMES = frozenset({"ai", "eu"})
_PARTITIVES = frozenset("piece part kind type sort form stuk deel soort type vorm".split())


def _one_of(word: str, kinds: frozenset[str]) -> bool:
    """The word, or the word without a plural -s, is one of these nouns; of a hyphenated word,
    any part ("directorate-general", "AI-stuurgroep")."""
    parts = word.split("-") if "-" in word else []
    return (
        word in kinds
        or word.rstrip("s") in kinds
        or (word.endswith("en") and word[:-2] in kinds)  # Dutch plural: "coördinatoren"
        or any(_one_of(p, kinds) for p in parts)
        # a Dutch compound ends in its head: "adviesorgaan", "toezichtsraad"
        or any(word.endswith(tail) and len(word) > len(tail) + 2 for tail in _BODY_TAILS & kinds)
    )


_BODY_TAILS = frozenset(
    "orgaan raad comité comite groep dienst agentschap instelling centrum centra commissie"
    " instantie departement academie coalitie instellingen organisaties groepen"
    " universiteiten".split()
)


_ADJECTIVE_ENDINGS = tuple("al ic ive ish ous ful ant ent ary ian ean ern e".split())


# short names that stand before a noun as a modifier: "which EU act", "welk AI-plan"; and
# Dutch adjectives of place without an adjective's ending: "welk Vlaams initiatief"
_ATTRIBUTIVE = frozenset(
    "ai eu ict vlaams waals brussels belgisch europees"
    # adjectives in -aal, which nouns ("kanaal") end in too
    " federaal nationaal regionaal internationaal digitaal centraal officieel".split()
)


def _named_role(low: str) -> str:
    """The role a noun phrase names without asking ("the federal minister in charge of X",
    "de adviseur van VLAIO die ..."): typed as an item of a list, it asks who holds it."""
    if _QUESTION_WORD.search(low):
        return ""
    words = re.findall(r"[\w'’-]+", low)
    while words and words[0] in _OWNERS | _ARTICLES:
        words = words[1:]
    while words and _modifier(words[0]) and not _one_of(words[0], _ROLE):
        words = words[1:]
    if not words or not _one_of(words[0], _ROLE):
        return ""
    # ("minister Vanessa Matz" names a person: who she is, not who holds the role)
    return words[0] if len(words) == 1 or words[1] in _ROLE_LINKS else ""


# what follows a role noun that a list item names: "the minister in charge of", "the advisor
# who sits on", "de coördinator van"
_ROLE_LINKS = frozenset(
    "of van for voor at bij in within binnen who die that dat which responsible"
    " verantwoordelijk on op from uit to aan".split()
)


def _modifier(word: str) -> bool:
    """A number or an adjective before the noun ('six', 'strategic', 'federale', 'Vlaamse')."""
    return (
        word in NUMBER_WORDS
        or word.isdigit()
        or word in _ATTRIBUTIVE
        or word.rpartition("-")[2] in _COMBINING  # "Leuven-based", "EU-wide"
        or (
            len(word) > 3
            and word.endswith(_ADJECTIVE_ENDINGS)
            and not word.endswith(("aal", "ie", "ee"))
            and word not in _AUXILIARIES
            # a noun of a kind is the head, however it ends ("department", "president")
            and not _one_of(word, _ORG | _ROLE | _LED_BY_BODIES)  # nor "initiative"
        )
    )


def asked_noun(text: str) -> str:
    """The noun a which- or how-many-question asks about ('pijlers'), or ''."""
    low = text.lower()
    m = _HOW_MANY.search(low)
    if m:
        # the head of the noun phrase: "how many research *institutions*", "strategic *centres*"
        after = content_tokens(low[m.end() :])
        kinds = _ROLE | _ORG | PERSON_NOUNS
        i = 0
        while i + 1 < len(after) and after[i] not in kinds and _modifier(after[i]):
            i += 1
        if i + 1 < len(after) and not _one_of(after[i], kinds) and _one_of(after[i + 1], kinds):
            return after[i + 1]
        return after[i] if after else ""
    return _asked_noun(low)


def acronyms(text: str) -> list[str]:
    """Words of two or more capitals ('BIPT', 'VLAIO'): in a question, they name bodies."""
    return [
        w
        for w in re.findall(r"[\w-]+", text)
        if sum(ch.isupper() for ch in w) >= 2 and not re.fullmatch(r"[IVX]+", w)
    ]


def names_a_body(match: Match) -> bool:
    """A glossary match that names one body, as typed ("vlaio", "imec"), not a kind of body
    ("stuurgroep")."""
    return match.kind == "organisations" and (
        len(match.said) >= 2 or not _one_of(match.said[0] if match.said else "", _ORG)
    )


def named(text: str) -> set[str]:
    """Tokens of the names in a question: capitalised words after the first, acronyms, years."""
    out: set[str] = set()
    for i, raw in enumerate(re.findall(r"[\w&'’.-]+", text)):
        word = raw.strip(".'’-")
        capital = word[:1].isupper() and i > 0
        acronym = sum(ch.isupper() for ch in word) >= 2
        year = bool(re.fullmatch(r"(?:19|20)\d\d", word))  # "in 2025" is what it is about
        if capital or acronym or year:
            # "Leuven-based" names Leuven: "based" says how it relates to it; in a Dutch
            # compound the lowercase word after a name is a common noun ("AI-verhaal", "EU-wet"),
            # unless it names a body ("AI-ombudsdienst")
            parts = word.split("-")
            kept = [
                p
                for k, p in enumerate(parts)
                if k == 0 or not p.islower() or _one_of(p, _ORG | _LED_BY_BODIES)
            ]
            out.update(t for t in tokens(" ".join(kept)) if t not in _COMBINING)
    return out


# the second halves of "Leuven-based", "EU-wide", "AI-driven": adjectives made from a name
_COMBINING = frozenset(
    "based wide driven led owned funded related focused oriented backed run level specific"
    " gebaseerd gericht gedreven breed".split()
)


def _said(word: str, df: dict[str, int]) -> bool:
    """The sources use the word, in one of its forms."""
    return any(df.get(f, 0) for f in word_forms(word))


def _known(word: str, glossary: Glossary, df: dict[str, int]) -> bool:
    return len(word) >= 3 and (_said(word, df) or bool(glossary.equivalents(word)))


def _unheld(word: str, glossary: Glossary, df: dict[str, int], same_language: bool) -> bool:
    """The sources never use this word. In the sources' own language, a word they lack; in the
    other language, a word whose glossary translations they all lack ('partij': party). A word
    of the other language without a translation cannot be judged, so it is not unheld."""
    phrasings = glossary.phrasings(word) | {(word,)}
    if _any_said(phrasings, df):
        return False
    parts = _compound_parts(word, glossary, df)
    if len(phrasings) == 1 and parts:
        # a Dutch compound the glossary lacks is judged by its head: "jaarsalaris", a salary
        return _unheld(parts[-1], glossary, df, same_language)
    if same_language:
        return not parts
    # a translation (not merely another form of the word) that the sources would use
    forms = set(word_forms(word))
    return any(len(p) > 1 or not set(word_forms(p[0])) & forms for p in phrasings)


def _unheld_phrase(words: Sequence[str], glossary: Glossary, df: dict[str, int]) -> bool:
    """A phrase the glossary knows as one thing ('mobile number': a phone) that the sources never
    say in any of its phrasings; its words alone may be common ('mobile', 'nummer')."""
    said = glossary.phrase_phrasings(words)
    return bool(said) and not _any_said(said, df)


def _any_said(phrasings: set[tuple[str, ...]], df: dict[str, int]) -> bool:
    """One of these phrasings is in the sources: every word of it that is no stopword."""
    return any(all(_said(w, df) for w in p if w not in STOPWORDS) for p in phrasings)


def _compound_parts(tok: str, glossary: Glossary, df: dict[str, int]) -> list[str] | None:
    """Split an unknown Dutch compound into two known words (with a linking s or e), or else
    keep its longest known last part."""
    if len(tok) < 8 or not tok.isalpha() or _known(tok, glossary, df):
        return None
    for cut in range(len(tok) - 3, 3, -1):
        head, tail = tok[:cut], tok[cut:]
        if not _known(tail, glossary, df):
            continue
        for h in (head, head[:-1] if head.endswith(("s", "e")) else None):
            if h and _known(h, glossary, df):
                return [h, tail]
    # a Dutch compound means its last part, made specific: "kerndoelstellingen" -> objectives
    for cut in range(3, len(tok) - 7):  # a long part: "nummer" alone says too little
        if _known(tok[cut:], glossary, df):
            return [tok[cut:]]
    return None
