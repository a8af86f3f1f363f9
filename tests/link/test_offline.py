"""The offline linker on hand-made analyses (no spaCy), against the shipped gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest
from analyses import analyse  # beside this file

from kg.gazetteer.store import Gazetteer
from kg.link.offline import OfflineLinker
from kg.model import Analysis


@pytest.fixture(scope="module")
def linker() -> OfflineLinker:
    return OfflineLinker(Gazetteer.open())


def keys(linker: OfflineLinker, analysis: Analysis) -> list[str | None]:
    return [lm.entity.key if lm.entity else None for lm in linker.link(analysis).mentions]


def test_surname_is_the_person_named_in_full(linker: OfflineLinker) -> None:
    text = "Alexander Darchiev spoke. Later Darchiev said more. Donald Trump agreed; Trump left."
    a = analyse(text, [("Alexander Darchiev", "person", {}), ("Darchiev", "person", {}),
                       ("Donald Trump", "person", {}), ("Trump", "person", {})])
    got = keys(linker, a)
    assert got[0] == got[1] == "person/alexander-darchiev"  # NIL, never a guessed QID
    assert got[2] == got[3] == "Q22686"


def test_title_links_surname_to_the_office_holder_at_the_article_date(linker: OfflineLinker) -> None:
    text = "Sen. Graham spoke."
    a = analyse(text, [("Sen.", "office", {"lookup": "senator", "holder_span": (5, 11)}), ("Graham", "person", {})])
    result = linker.link(a).mentions
    assert result[1].entity is not None and result[1].entity.qid == "Q22212"
    assert result[0].entity is not None and result[0].entity.qid == "Q4416090"


def test_office_from_title_and_jurisdiction(linker: OfflineLinker) -> None:
    text = "Russian Ambassador to the United States Alexander Darchiev said."
    a = analyse(text, [
        ("Russian Ambassador to the United States", "office",
         {"lookup": "ambassador", "jurisdiction_span": (0, 7), "destination_span": (22, 39), "holder_span": (40, 58)}),
        ("Russian", "country", {}), ("the United States", "place", {"lookup": "United States"}),
        ("Alexander Darchiev", "person", {}),
    ])
    got = {lm.mention.text: lm.entity for lm in linker.link(a).mentions}
    office = got["Russian Ambassador to the United States"]
    assert office is not None and office.qid == "Q30160686" and office.jurisdiction == "Q159"
    assert got["Russian"].qid == "Q159" and got["the United States"].qid == "Q30"


def test_bare_title_is_the_office_given_before(linker: OfflineLinker) -> None:
    text = "U.S. President Donald Trump spoke. The president left."
    a = analyse(text, [
        ("U.S. President", "office", {"lookup": "president", "jurisdiction_span": (0, 4), "holder_span": (15, 27)}),
        ("U.S.", "country", {}), ("Donald Trump", "person", {}),
        ("president", "office", {"lookup": "president"}),
    ])
    got = keys(linker, a)
    assert got[0] == got[3] == "Q11696"


def test_city_over_region_with_the_same_name(linker: OfflineLinker) -> None:
    text = "Russia said talks will be in Moscow."
    a = analyse(text, [("Russia", "place", {}), ("Moscow", "place", {})])
    assert keys(linker, a) == ["Q159", "Q649"]


def test_organisation_of_a_country_the_article_never_mentions_stays_nil(linker: OfflineLinker) -> None:
    us = analyse("The United States Senate voted. The Senate agreed.", [("United States", "place", {}), ("Senate", "organization", {})])
    assert keys(linker, us)[1] == "Q66096"
    italy = analyse("Italy's Senate voted.", [("Italy", "place", {}), ("Senate", "organization", {})])
    assert keys(linker, italy) == ["Q38", "organization/senate"]


def test_unknown_names_are_nil_with_their_label(linker: OfflineLinker) -> None:
    a = analyse("Jane Qwertyuiop spoke.", [("Jane Qwertyuiop", "person", {})])
    (lm,) = linker.link(a).mentions
    assert lm.entity is not None and lm.entity.qid is None and lm.entity.label == "Jane Qwertyuiop"


def test_non_demonym_norp_is_dropped(linker: OfflineLinker) -> None:
    a = analyse("Qwertyish voters", [("Qwertyish", "country", {})])
    assert keys(linker, a) == [None]


def test_country_name_a_us_state_shares_is_decided_by_context(linker: OfflineLinker) -> None:
    us = analyse("In Atlanta, Georgia officials voted.", [("Atlanta", "place", {}), ("Georgia", "place", {})])
    got = keys(linker, us)
    # Atlanta is only in the US, so never the country (the state, or NIL while the model doubts).
    assert got[0] == "Q23556" and got[1] in {"Q1428", "place/georgia"}
    caucasus = analyse("Georgia and Armenia signed.", [("Georgia", "place", {}), ("Armenia", "place", {})])
    assert keys(linker, caucasus)[0] in {"Q230", "place/georgia"}


def test_a_proper_name_is_itself_abroad_but_a_generic_alias_is_not(linker: OfflineLinker) -> None:
    a = analyse("Egypt's Senate and Reuters.", [("Egypt", "place", {}), ("Senate", "organization", {}),
                                                ("Reuters", "organization", {})])
    assert keys(linker, a) == ["Q79", "organization/senate", "Q130879"]


def test_short_given_names_and_typos_reach_the_person(linker: OfflineLinker) -> None:
    a = analyse("The United States: Emanuel Macron met Abdel Fattah el-Sissi.",
                [("United States", "place", {}), ("Emanuel Macron", "person", {}),
                 ("Abdel Fattah el-Sissi", "person", {})])
    linked = linker.link(a).mentions
    assert [lm.entity.key for lm in linked] == ["Q30", "Q3052772", "Q307871"]
    assert all(0.5 <= lm.score < 0.95 for lm in linked[1:])  # found inexactly: less sure


def test_trace_records_gazetteer_decisions(linker: OfflineLinker) -> None:
    a = analyse("Houston and Texas.", [("Houston", "place", {}), ("Texas", "place", {})])
    linker.trace = []
    try:
        linker.link(a)
        traced = [(m.text, entry.qid, ev.candidates > 1) for _, m, entry, ev in linker.trace]
    finally:
        linker.trace = None
    assert traced == [("Houston", "Q16555", True), ("Texas", "Q1439", True)]


def test_georgia_is_the_country_unless_the_story_is_american(linker: OfflineLinker) -> None:
    caucasus = analyse("Georgia and Russia fought over South Ossetia.", [("Georgia", "place", {}), ("Russia", "place", {})])
    assert keys(linker, caucasus)[0] == "Q230"
    us = analyse("Voters in Texas and Georgia went to the polls.", [("Texas", "place", {}), ("Georgia", "place", {})])
    assert keys(linker, us)[1] != "Q230"


def test_bare_surname_of_a_cabinet_member_in_office(linker: OfflineLinker) -> None:
    import datetime as dt

    text = "The United States will fund roads, Buttigieg said."
    spans = [("United States", "place", {}), ("Buttigieg", "person", {})]
    assert keys(linker, analyse(text, spans, date=dt.date(2022, 6, 1)))[1] == "Q7173106"


@pytest.mark.parametrize("day", [dt.date(2015, 6, 1), None])
def test_distinctive_surname_of_a_household_name_out_of_office(linker: OfflineLinker, day: dt.date | None) -> None:
    # Only one prominent person is called Buttigieg, in or out of office.
    text = "The United States will fund roads, Buttigieg said."
    spans = [("United States", "place", {}), ("Buttigieg", "person", {})]
    assert keys(linker, analyse(text, spans, date=day))[1] == "Q7173106"
    # ... but only in a story that names his country.
    assert keys(linker, analyse("Roads will be funded, Buttigieg said.", [("Buttigieg", "person", {})],
                                date=day)) == ["person/buttigieg"]


@pytest.mark.parametrize("name", [
    "Paige",  # a former cabinet member is no household name (a high-school player in a sports story)
    "Johnson",  # Boris (0.85) is not far enough above Jeh and Ron (0.7)
    "Warren",  # also a first name
])
def test_surnames_that_stay_nil_out_of_office(linker: OfflineLinker, name: str) -> None:
    text = f"The United States will fund roads, {name} said."
    spans = [("United States", "place", {}), (name, "person", {})]
    assert keys(linker, analyse(text, spans, date=dt.date(2030, 6, 1)))[1] == f"person/{name.lower()}"


def test_short_words_are_not_acronyms(linker: OfflineLinker) -> None:
    a = analyse("Us and the US, in Pa.", [("Us", "place", {}), ("US", "place", {}), ("Pa.", "place", {})])
    assert keys(linker, a) == ["place/us", "Q30", "Q1400"]


def test_short_capitals_must_be_an_acronym_of_the_entity(linker: OfflineLinker) -> None:
    a = analyse("CAIR said the UN and NATO agreed.", [("CAIR", "organization", {}), ("UN", "organization", {}),
                                                      ("NATO", "organization", {})])
    got = keys(linker, a)
    assert got[0] == "organization/cair"  # not Čair, a municipality in North Macedonia
    assert got[1:] == ["Q1065", "Q7184"]


def test_surname_coreference_ignores_case(linker: OfflineLinker) -> None:
    # A sentence-initial capital does not make a different person ("el-Sissi" / "El-Sissi").
    text = "Abdel Fattah el-Sissi spoke in Paris. El-Sissi has said more."
    a = analyse(text, [("Abdel Fattah el-Sissi", "person", {}), ("El-Sissi", "person", {})])
    got = keys(linker, a)
    assert got[0] == got[1] == "Q307871"


def test_organisation_found_under_its_other_spelling_or_without_its_legal_form(linker: OfflineLinker) -> None:
    text = "Reuters Holdings Plc said the Food and Agriculture Organisation met. California Inc. left."
    a = analyse(text, [("Reuters Holdings Plc", "organization", {}),
                       ("Food and Agriculture Organisation", "organization", {}),
                       ("California Inc.", "organization", {})])
    got = keys(linker, a)
    assert got[0] == "Q130879" and got[1] == "Q82151"
    assert got[2] != "Q99"  # a trimmed company name is looked up among organisations only


def test_people_the_ner_took_for_organisations_or_places(linker: OfflineLinker) -> None:
    text = "Donald Trump spoke. Trump left. Volodymyr Zelenskyy answered."
    a = analyse(text, [("Donald Trump", "person", {}), ("Trump", "organization", {}),
                       ("Volodymyr Zelenskyy", "place", {})])
    got = keys(linker, a)
    assert got == ["Q22686", "Q22686", "Q3874799"]


def test_security_council_is_the_un_body(linker: OfflineLinker) -> None:
    text = "The Security Council met in New York."
    a = analyse(text, [("Security Council", "organization", {})])
    assert keys(linker, a)[0] == "Q37470"


def test_an_organisation_a_country_owns_is_that_countrys(linker: OfflineLinker) -> None:
    # "Russia's Security Council" is not the UN's; "Ukraine's NATO bid" still names NATO.
    text = "Russia's Security Council met. Ukraine's NATO bid stalled. Russia's Supreme Court ruled."
    a = analyse(text, [("Russia", "country", {}), ("Security Council", "organization", {}),
                       ("Ukraine", "country", {}), ("NATO", "organization", {}),
                       ("Russia", "country"), ("Supreme Court", "organization")])
    got = keys(linker, a)
    assert got[1] == "organization/security-council"
    assert got[3] == "Q7184"
    assert linker.gaz.entry(got[5]).country == "Q159"


def test_an_acronym_is_its_organisation_in_a_foreign_story(linker: OfflineLinker) -> None:
    # Unlike a generic alias ("the Senate"), "AP" names the agency wherever the story is.
    text = "MOSCOW (AP) - Russia and Italy said so."
    a = analyse(text, [("AP", "organization"), ("Russia", "country"), ("Italy", "country")])
    assert keys(linker, a)[0] == "Q40469"


def test_a_capital_the_ner_took_for_a_person(linker: OfflineLinker) -> None:
    # "warned Kyiv": Kyiv is the capital when the story names Ukraine; "Sofia" in a story that
    # never names Bulgaria stays a person, and a surname of someone named in full stays theirs.
    text = "Ukraine talks. Russia warned Kyiv. Sofia said no. Jim Jordan spoke. Jordan left."
    a = analyse(text, [("Ukraine", "country"), ("Russia", "country"), ("Kyiv", "person"), ("Sofia", "person"),
                       ("Jim Jordan", "person"), ("Jordan", "person")])
    got = keys(linker, a)
    assert got[2] == "Q1899"
    assert got[3] == "person/sofia"
    assert got[5] == got[4]


def test_a_capitalised_common_word_is_no_minor_place(linker: OfflineLinker) -> None:
    # Police is a town in Poland; here the story also says "police", so "Police" is the noun.
    text = "Poland mourns. Police said the man fled. He told police he was lost."
    a = analyse(text, [("Poland", "country"), ("Police", "place")])
    assert keys(linker, a)[1] == "place/police"
    alone = analyse("Poland mourns. Police is a town near Szczecin.", [("Poland", "country"), ("Police", "place")])
    assert keys(linker, alone)[1] == "Q208022"


def test_a_capital_of_a_named_country_is_linked_despite_its_namesakes(linker: OfflineLinker) -> None:
    # A dozen American towns are called Paris; the story names France (and the US, and Italy).
    text = "France mourns. The United States and Italy sent condolences. A trial in Paris began."
    a = analyse(text, [("France", "country"), ("United States", "country"), ("Italy", "country"),
                       ("Paris", "place")])
    assert keys(linker, a)[3] == "Q90"
    assert linker.link(a).mentions[3].score >= 0.9


def test_supreme_court_is_the_one_of_the_articles_country(linker: OfflineLinker) -> None:
    text = "In the United States, the Supreme Court ruled."
    a = analyse(text, [("United States", "country", {}), ("Supreme Court", "organization", {})])
    assert keys(linker, a)[1] == "Q11201"
    alone = analyse("The Supreme Court ruled.", [("Supreme Court", "organization", {})])
    assert keys(linker, alone)[0] == "organization/supreme-court"  # no country named: no guess


def test_acronym_defined_in_the_article_is_that_name(linker: OfflineLinker) -> None:
    text = "The United States Congress (USC) met. USC passed it."
    a = analyse(text, [("United States Congress", "organization", {}), ("USC", "organization", {})])
    assert keys(linker, a) == ["Q11268", "Q11268"]
    # A name the gazetteer lacks keeps its acronym from another entity's reading of the letters.
    text = "Corrections Corporation of America (CCA) runs prisons. CCA said so."
    a = analyse(text, [("Corrections Corporation of America", "organization", {}), ("CCA", "organization", {})])
    got = keys(linker, a)
    assert got[1] == got[0] == "organization/corrections-corporation-of-america"


def test_head_word_is_the_organisation_named_before(linker: OfflineLinker) -> None:
    text = "The European Commission proposed it. The Commission said more."
    a = analyse(text, [("European Commission", "organization", {}), ("Commission", "organization", {})])
    assert keys(linker, a) == ["Q8880", "Q8880"]



@pytest.mark.parametrize("day", [dt.date(2019, 5, 1), None])
def test_bare_surname_of_a_former_head_of_state(linker: OfflineLinker, day: dt.date | None) -> None:
    # Obama left office in 2017; "Clinton" may be Hillary as well as Bill, so it stays NIL.
    text = "The United States remembers. Obama spoke. Clinton spoke."
    a = analyse(text, [("United States", "country", {}), ("Obama", "person", {}), ("Clinton", "person", {})],
                date=day)
    assert keys(linker, a) == ["Q30", "Q76", "person/clinton"]


@pytest.mark.parametrize(("name", "qid"), [("U.S. Supreme Court", "Q11201"), ("US Senate", "Q66096"),
                                           ("U.S. Department of State", "Q789915")])
def test_organisation_named_with_its_country_in_a_foreign_story(linker: OfflineLinker, name: str, qid: str) -> None:
    # The name says whose organisation it is; the countries the story is about do not matter.
    text = f"Italy and Kenya signed. The {name} ruled."
    a = analyse(text, [("Italy", "country", {}), ("Kenya", "country", {}), (name, "organization", {})])
    assert keys(linker, a)[2] == qid


def test_parliament_alone_is_the_article_countrys(linker: OfflineLinker) -> None:
    text = "Britain will leave the bloc once Parliament votes."
    a = analyse(text, [("Britain", "place", {}), ("Parliament", "organization", {})])
    assert keys(linker, a) == ["Q145", "Q11010"]


def test_head_word_coreference_beats_the_gazetteers_reading(linker: OfflineLinker) -> None:
    # The article named the European Parliament; the British one is not meant.
    text = "The European Parliament met. Britain will leave once Parliament votes."
    a = analyse(text, [("European Parliament", "organization", {}), ("Britain", "place", {}),
                       ("Parliament", "organization", {})])
    got = keys(linker, a)
    assert got[0] == "Q8889" and got[2] == "Q8889"


def test_a_title_picks_the_bearer_of_a_full_name_who_held_that_office(linker: OfflineLinker) -> None:
    # Juan Dalmau's prior alone is too low to link him; "Senator" says which one is meant (a
    # state senator: a legislator's title fits any legislature's seat).
    text = "Senator Juan Dalmau said the hearing was cancelled."
    a = analyse(text, [("Senator", "office", {"lookup": "senator", "holder_span": (8, 19)}),
                       ("Juan Dalmau", "person", {})])
    got = linker.link(a).mentions
    assert got[1].entity is not None and got[1].entity.qid == "Q6299578" and got[1].score == 0.85
    plain = linker.link(analyse("Juan Dalmau said it.", [("Juan Dalmau", "person", {})])).mentions
    assert plain[0].entity is not None and plain[0].entity.qid is None


def test_a_first_name_alone_is_the_one_person_named_in_full_with_it(linker: OfflineLinker) -> None:
    text = "State representative Terri Collins sponsored the bill. Terri said it would pass."
    a = analyse(text, [("Terri Collins", "person", {}), ("Terri", "person", {})])
    got = keys(linker, a)
    assert got[1] == got[0]
    # Two people share the first name: no guess.
    two = analyse("Terri Collins and Terri Sewell spoke. Terri said no.",
                  [("Terri Collins", "person", {}), ("Terri Sewell", "person", {}), ("Terri", "person", {})])
    assert keys(linker, two)[2] == "person/terri"


def test_a_place_glued_to_a_name_by_the_ner(linker: OfflineLinker) -> None:
    text = "United States Senator from Vermont Bernie Sanders ended his bid. Sanders thanked voters."
    a = analyse(text, [("Vermont Bernie Sanders", "organization", {}), ("Sanders", "person", {})])
    assert keys(linker, a) == ["Q359442", "Q359442"]


def test_a_brand_the_ner_took_for_a_person(linker: OfflineLinker) -> None:
    text = "In a statement on Twitter, he wrote that polls would close. Harsh words followed."
    a = analyse(text, [("Twitter", "person", {}), ("Harsh", "person", {})])
    assert keys(linker, a) == ["Q918", "person/harsh"]


def test_a_country_after_the_holder_is_the_titles_jurisdiction(linker: OfflineLinker) -> None:
    text = "Prime Minister Jan Novotny of Slovakia said it."
    a = analyse(text, [("Prime Minister", "office", {"lookup": "prime minister", "holder_span": (15, 26)}),
                       ("Jan Novotny", "person", {}), ("Slovakia", "country", {})])
    office = linker.link(a).mentions[0].entity
    assert office is not None and office.qid is not None and office.jurisdiction == "Q214"


def test_a_bare_title_of_an_unknown_holder_in_a_story_about_one_country(linker: OfflineLinker) -> None:
    text = "France voted. France counted. France waited. President Jan Novotny spoke."
    spans = [("France", "country", {}), ("France", "country", {}), ("France", "country", {}),
             ("President", "office", {"lookup": "president", "holder_span": (55, 66)}), ("Jan Novotny", "person", {})]
    office = linker.link(analyse(text, spans)).mentions[3].entity
    assert office is not None and office.jurisdiction == "Q142"
    # A story naming France only once is about no country in particular.
    one = "France voted. President Jan Novotny spoke."
    office = linker.link(analyse(one, [("France", "country", {}), ("President", "office",
                                        {"lookup": "president", "holder_span": (24, 35)}),
                                       ("Jan Novotny", "person", {})])).mentions[1].entity
    assert office is not None and office.qid is None and office.jurisdiction is None
