"""Every user-facing string, in Dutch and English, in one place."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]

STRINGS: dict[str, dict[str, str]] = {
    "abstain": {
        "en": "My sources do not hold the answer to this question.",
        "nl": "Mijn bronnen bevatten het antwoord op deze vraag niet.",
    },
    "related_note": {
        "en": "Related sources (not proof of an answer):",
        "nl": "Verwante bronnen (geen bewijs voor een antwoord):",
    },
    "conflict": {
        "en": "The sources differ on this:",
        "nl": "De bronnen spreken elkaar hierover tegen:",
    },
    "according_report": {"en": "According to the report:", "nl": "Volgens het rapport:"},
    "according_page": {"en": "According to {title}:", "nl": "Volgens {title}:"},
    "sources": {"en": "Sources", "nl": "Bronnen"},
    "related": {"en": "Related sources", "nl": "Verwante bronnen"},
    "section": {"en": "Section", "nl": "Sectie"},
    "date": {"en": "Date", "nl": "Datum"},
    "links": {"en": "Official links", "nl": "Officiële links"},
    "llm_flagged": {
        "en": "(Some generated text was dropped because it cited no source.)",
        "nl": "(Gegenereerde tekst zonder bronvermelding werd weggelaten.)",
    },
    # chat UI
    "title": {
        "en": "wiedoetwat: who does what in Belgian AI",
        "nl": "wiedoetwat: wie doet wat in Belgische AI",
    },
    "subtitle": {
        "en": "Answers come only from the report “A.I. Governance in Belgium” and the official "
        "pages it links. Every sentence cites its source.",
        "nl": "Antwoorden komen enkel uit het rapport “A.I. Governance in Belgium” en de "
        "officiële pagina's waarnaar het linkt. Elke zin vermeldt zijn bron.",
    },
    "placeholder": {
        "en": "Ask a question in Dutch or English…",
        "nl": "Stel een vraag in het Nederlands of Engels…",
    },
    "send": {"en": "Ask", "nl": "Vraag"},
    "new_conversation": {"en": "New conversation", "nl": "Nieuw gesprek"},
    "language": {"en": "Language", "nl": "Taal"},
    "sources_panel": {"en": "Sources", "nl": "Bronnen"},
    "no_sources": {"en": "Sources appear here.", "nl": "Bronnen verschijnen hier."},
    "thanks_feedback": {"en": "Thanks for the feedback.", "nl": "Bedankt voor de feedback."},
    "examples_label": {"en": "Examples", "nl": "Voorbeelden"},
    "lang_auto": {"en": "Auto", "nl": "Auto"},
    "lang_nl": {"en": "Nederlands", "nl": "Nederlands"},
    "lang_en": {"en": "English", "nl": "English"},
    "question_label": {"en": "Your question", "nl": "Uw vraag"},
    "chat_label": {"en": "Conversation", "nl": "Gesprek"},
    "welcome": {
        "en": "Ask who does what in Belgian AI, or start with an example:",
        "nl": "Vraag wie wat doet in de Belgische AI, of begin met een voorbeeld:",
    },
    "searching": {"en": "Searching the sources…", "nl": "Ik zoek in de bronnen…"},
    "sources_for": {"en": "For: {question}", "nl": "Bij: {question}"},
    "earlier_sources": {"en": "Earlier questions", "nl": "Eerdere vragen"},
    "related_badge": {"en": "related, not proof", "nl": "verwant, geen bewijs"},
    "source_doc": {"en": "Document", "nl": "Document"},
    # -- serving and input checks (issues 12, 13) --
    "chat_tab": {"en": "Ask the report", "nl": "Vraag het rapport"},
    "cli_undecodable": {
        "en": "error: question {n} holds bytes that are not valid text in this terminal's "
        "encoding; retype it, or use a UTF-8 locale",
        "nl": "fout: vraag {n} bevat bytes die geen geldige tekst zijn in de codering van deze "
        "terminal; typ ze opnieuw, of gebruik een UTF-8-locale",
    },
    "question_too_long": {
        "en": "Your question is {n} characters long; the limit is {limit}. Please ask it more "
        "briefly.",
        "nl": "Uw vraag is {n} tekens lang; de grens is {limit}. Stel ze wat korter.",
    },
    "question_empty": {"en": "Please type a question.", "nl": "Typ een vraag."},
    "question_not_text": {
        "en": "The question must be text.",
        "nl": "De vraag moet tekst zijn.",
    },
    "question_unreadable": {
        "en": "The question holds characters that cannot be read (invalid Unicode); please "
        "retype it.",
        "nl": "De vraag bevat tekens die niet te lezen zijn (ongeldige Unicode); typ ze opnieuw.",
    },
    "language_invalid": {
        "en": "The language must be auto, nl or en.",
        "nl": "De taal moet auto, nl of en zijn.",
    },
    "index_building": {
        "en": "Building the index (first start): {done} passages embedded, {seconds} s. "
        "Questions wait until it is ready.",
        "nl": "De index wordt opgebouwd (eerste start): {done} passages ingebed, {seconds} s. "
        "Vragen wachten tot hij klaar is.",
    },
    "index_wait": {
        "en": "The index is still being built; your question will be answered as soon as it "
        "is ready…",
        "nl": "De index wordt nog opgebouwd; uw vraag wordt beantwoord zodra hij klaar is…",
    },
    "index_failed": {
        "en": "The index could not be built: {error}",
        "nl": "De index kon niet worden opgebouwd: {error}",
    },
    "busy": {
        "en": "The app is busy; please try again in a moment.",
        "nl": "De app is druk bezet; probeer het zo meteen opnieuw.",
    },
    # -- directory (issue 11) --
    "dir_tab": {"en": "Who does what", "nl": "Wie doet wat"},
    "dir_search": {"en": "Search the directory", "nl": "Zoek in de gids"},
    "dir_search_placeholder": {
        "en": "A person, role or body (e.g. Heyman, imec, Kenniscentrum)",
        "nl": "Een persoon, rol of instelling (bv. Heyman, imec, Kenniscentrum)",
    },
    "dir_table": {"en": "Directory", "nl": "Gids"},
    "dir_picture": {
        "en": "Network: people → bodies → plans, coloured by level",
        "nl": "Netwerk: personen → instellingen → plannen, gekleurd per niveau",
    },
    "dir_pick": {
        "en": "Select a row to see its source.",
        "nl": "Kies een rij om de bron te zien.",
    },
    "dir_col_person": {"en": "Person", "nl": "Persoon"},
    "dir_col_role": {"en": "Role / responsibility", "nl": "Rol / taak"},
    "dir_col_body": {"en": "Body", "nl": "Instelling"},
    "dir_col_level": {"en": "Level", "nl": "Niveau"},
    "dir_col_relation": {"en": "Relation", "nl": "Relatie"},
    "dir_col_target": {"en": "Related to", "nl": "Verbonden met"},
    "dir_empty": {
        "en": "The directory is empty: run `wiedoetwat ingest`.",
        "nl": "De gids is leeg: voer `wiedoetwat ingest` uit.",
    },
    "dir_no_match": {
        "en": "No entry matches “{query}”.",
        "nl": "Geen vermelding past bij “{query}”.",
    },
    "dir_people_unknown": {"en": "key people unknown", "nl": "sleutelfiguren onbekend"},
    "level_federal": {"en": "Federal", "nl": "Federaal"},
    "level_flemish": {"en": "Flemish", "nl": "Vlaams"},
    "level_european": {"en": "European", "nl": "Europees"},
    "level_walloon": {"en": "Walloon", "nl": "Waals"},
    "level_brussels": {"en": "Brussels", "nl": "Brussels"},
    "level_research": {"en": "Research", "nl": "Onderzoek"},
    # -- answers (issue 10) --
    "stated_unknown": {
        "en": "My sources do not name anyone for this; they state it as unknown:",
        "nl": "Mijn bronnen noemen hiervoor niemand; ze vermelden het als onbekend:",
    },
    "part_unanswered": {
        "en": "On “{part}”, my sources do not hold the answer.",
        "nl": "Over “{part}” bevatten mijn bronnen het antwoord niet.",
    },
}

EXAMPLES: dict[str, list[str]] = {
    "en": [
        "Who supervises the AI Act in Belgium?",
        "How much does the Flanders AI Research Program receive per year?",
        "Who is the CTO for AI at imec?",
    ],
    "nl": [
        "Wie is de CEO van imec?",
        "Wie houdt toezicht op de AI-verordening?",
        "Welke minister is bevoegd voor digitalisering?",
    ],
}


def t(key: str, lang: str, **fmt: str) -> str:
    text = STRINGS[key]["nl" if lang == "nl" else "en"]
    return text.format(**fmt) if fmt else text
