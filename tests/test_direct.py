"""The direct answer on top (issue 11): the asked-for value, in bold, from the cited sentence,
with dates and amounts written in the question's language; null for explanations and
abstentions."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from engine.direct import _amount, _date


@pytest.mark.parametrize(
    ("question", "direct"),
    [
        ("Wie is de CEO van imec?", "Luc Van den hove"),
        ("Who is the AI Strategy Advisor at imec?", "Steven Latré"),
        ("Who is the CTO for AI at imec?", "Karl Tuyls"),  # "X, who serves as ... CTO"
        (
            "When was the Flanders AI Policy Plan renewed for its second cycle?",
            "March 2024",
        ),  # of two dates, the one the question's words lead up to
        ("Who will supervise the AI Act in Belgium?", "BIPT"),
        (
            "Welke federale dienst is het centrale coördinerende orgaan voor AI in België?",
            "FOD Beleid en Ondersteuning",
        ),
        (
            "When did the Council of Ministers approve the National Convergence Plan?",
            "28 October 2022",
        ),
        ("Wanneer keurde de Ministerraad het Nationaal Convergentieplan goed?", "28 oktober 2022"),
        ("Hoeveel krijgt het Vlaamse AI-onderzoeksprogramma per jaar?", "€ 14,185 miljoen"),
        ("How many Belgians took part in the citizens' panel?", "60"),
    ],
)
def test_the_value_comes_first_in_bold_and_cited(engine, question, direct):
    a = engine.ask(question)
    assert not a.abstained
    assert a.direct == direct
    assert a.answer.startswith(f"**{direct}** [")
    n = int(re.match(r"\*\*.+?\*\* \[(\d+)\]", a.answer).group(1))
    quote = next(c.quote for c in a.citations if c.n == n)
    # a span of the cited sentence: its words (names) or its digits (dates, amounts)
    digits = re.findall(r"\d+", direct)
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ]+", direct) if w[0].isupper()]
    assert all(d in quote for d in digits)
    assert all(w in quote for w in words if not digits)


def test_no_value_for_explanations_and_abstentions(engine):
    assert engine.ask("Why is imec important for AI in Belgium?").direct is None
    abstained = engine.ask("What is the street address of BIPT?")
    assert abstained.abstained and abstained.direct is None


def test_dates_and_amounts_are_written_for_the_reader():
    assert _date("October 28, 2022", "nl") == "28 oktober 2022"
    assert _date("24 May 2024", "en") == "24 May 2024"
    assert _date("in July 2019", "nl") == "juli 2019"
    assert (
        _amount("approximately €32-36 million annually", "nl")
        == "ongeveer € 32-36 miljoen per jaar"
    )
    assert _amount("€1,500 million", "nl") == "€ 1.500 miljoen"
    assert _amount("less than €1 million", "en") == "less than € 1 million"


def test_ask_json_carries_direct(engine, settings):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli",
            "--data-dir",
            str(settings.data_dir),
            "ask",
            "--json",
            "Wie is de CEO van imec?",
            "What is the capital of France?",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert first["direct"] == "Luc Van den hove"
    assert second["abstained"] and second["direct"] is None


def test_a_comma_ends_a_name():
    """'Ultimately, Belgium's approach' names no person: a who-question must not be answered
    with **Ultimately Belgium's**."""
    from engine.evidence import person_names

    rare = frozenset({"ultimately", "belgium", "belgium's", "rob", "heyman"})
    assert person_names("Ultimately, Belgium's approach is a model.", rare) == []
    assert person_names("It is led by Dr. Rob Heyman, the coordinator.", rare) == ["Rob Heyman"]


def test_each_date_goes_with_the_verb_before_it(engine):
    """'First launched in July 2019 and renewed ... in March 2024': 'renewed' asks for the date
    after it, not the one just before it."""
    a = engine.ask("When was the Flemish AI plan first launched, and when was it renewed?")
    assert a.direct == "July 2019; March 2024"


def test_a_passive_sentence_names_its_doer_itself() -> None:
    """'It is housed within X' names X; 'It does this by developing ...' leaves the doer to the
    sentence before (what "It" stands for)."""
    from engine.direct import _PASSIVE, _referent

    assert _PASSIVE.search("It is housed within Digitaal Vlaanderen.")
    assert _PASSIVE.search("Het wordt geleid door Jan Smedts.")
    assert not _PASSIVE.search("It does this by developing practical tools.")
    assert not _PASSIVE.search("This group advises the department.")
    bodies = [(20, "VLAIO"), (40, "AI Expertise Center")]
    assert _referent("The center also manages the council.", bodies) == "AI Expertise Center"
    assert _referent("It leads the coalition.", bodies) == "VLAIO"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # whom something goes to: the span after "to", not the body that gives it
        ("To whom does the Flemish AI steering group give its advice?", "Diependaele"),
        ("Wie krijgt het advies van de Vlaamse stuurgroep?", "EWI"),
        # "led by A and B": the question's qualifier ("operational") picks the one
        ("Who is the operational lead of the knowledge centre for data and society?", "Duysburgh"),
        # a table row about the asked body: its leadership column, not its own name
        ("Who manages the AI4Belgium coalition?", "BOSA"),
        # a question word inside a body's name ("Flemish") says less than the words around it
        ("Which Flemish organisation gives ethical and legal advice on AI?", "Data & Society"),
    ],
)
def test_the_value_is_the_one_the_question_asks_for(engine, question, expected):
    a = engine.ask(question)
    assert a.direct and expected in a.direct, (a.direct, a.answer)


def test_two_things_counted_get_two_numbers(engine):
    a = engine.ask(
        "How many universities and research centres take part in the Flemish AI research programme?"
    )
    assert a.direct is not None and "five" in a.direct and "six" in a.direct, a.direct


def test_who_organised_asks_who_did_it_not_how_it_is_organised(engine):
    # "organised" is a question about structure only in "how is it organised?"
    a = engine.ask("Wie organiseerde het burgerpanel over AI?")
    assert a.direct and "Foreign Affairs" in a.direct, (a.direct, a.answer)


def test_how_many_people_counts_people_of_any_kind(engine):
    # "60 Belgians" answers "how many people": the direct answer is that number
    first = engine.ask("Which federal service organised a citizens' panel on AI?")
    second = engine.ask("And how many people sat on it?", [first])
    assert second.direct == "60", second.answer


def test_the_one_entry_holding_the_asked_role_is_the_direct_answer(engine):
    # the sentence names a minister and a secretary of state; "betrokken" is not either's body,
    # but only one of them holds the role asked for
    a = engine.ask("Welke staatssecretaris werkt mee aan digitalisering?")
    assert a.direct and "Michel" in a.direct, a.answer


def test_which_other_committee_is_the_body_the_sentence_calls_a_committee(engine):
    # "sits on both the VAIA steering committee and the overarching AI Steering Group": of
    # the bodies named, the one written with the asked noun; an accented noun is still the noun
    for question in (
        "On which other steering committee does Jeroen Fiers sit?",
        "In welk ander stuurcomité zetelt Jeroen Fiers?",
    ):
        a = engine.ask(question)
        assert a.direct and "VAIA" in a.direct, (question, a.answer)
