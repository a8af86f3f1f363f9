"""Attribution candidates on sentences written for the purpose, through the real spaCy pipeline."""

from __future__ import annotations

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow


def quotes(pipeline, text: str):
    return pipeline.nlp(text)._.geokg_quotes


def statements(pipeline, text: str):
    (result,) = list(pipeline.process([Document(id="t", text=text, source="t.txt")]))
    return result.statements


def test_quote_split_around_its_attribution_is_one_statement(pipeline) -> None:
    text = '"We will not give up," Zelensky said. "There is no other way for us."'
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "direct" and q.cue == "say"
    assert q.content == "We will not give up, There is no other way for us."
    assert (q.start, q.end) == (0, len(text))


def test_speaker_after_quote_and_reported_speech(pipeline) -> None:
    text = (
        'Russian Foreign Minister Sergey Lavrov said on Monday that the talks had been useful.\n\n'
        '"The sides agreed to meet again in Geneva," said Lavrov.'
    )
    qs = quotes(pipeline, text)
    assert [(q.quote_type, q.cue) for q in qs] == [("indirect", "say"), ("direct", "say")]
    assert qs[0].content == "the talks had been useful"
    assert text[slice(*qs[1].speaker_span)] == "Lavrov"


def test_according_to(pipeline) -> None:
    (q,) = quotes(pipeline, "The drones were shot down over Kyiv, according to the Ukrainian Air Force.")
    assert q.cue == "according to" and q.content.startswith("The drones were shot down")


def test_unbalanced_quote_marks_do_not_crash_or_invent(pipeline) -> None:
    text = 'He said "this never ends.\n\nThe next paragraph has an odd " mark too.'
    assert all(q.quote_type != "direct" for q in quotes(pipeline, text))


def test_speaker_is_the_head_of_the_subject_not_a_name_inside_it(pipeline) -> None:
    text = 'Donald Trump spoke in Ohio. The Trump family said that the rally was a success.'
    (s,) = [s for s in statements(pipeline, text) if s.cue == "say"]
    assert s.speaker is None  # "the Trump family" is not Trump
    text = 'Donald Trump spoke in Ohio. The Trump campaign said that the rally was a success.'
    (s,) = [s for s in statements(pipeline, text) if s.cue == "say"]
    assert s.speaker is not None and s.speaker.kind == "organization"  # kg.nlp.campaigns


def test_title_alone_resolves_to_the_person_introduced_with_it(pipeline) -> None:
    text = (
        "Russian Ambassador to the United States Alexander Darchiev met reporters.\n\n"
        "The ambassador noted that the talks would continue."
    )
    (s,) = statements(pipeline, text)
    assert s.speaker is not None and s.speaker.label == "Alexander Darchiev"
    assert s.speaker_role is not None and s.speaker_role.qid == "Q30160686"


def test_title_with_a_name_in_apposition_speaks_through_that_name(pipeline) -> None:
    text = (
        "A United States Department of State spokesperson, Morgan Ortagus, indicated the "
        "United States was disappointed by the decision."
    )
    (s,) = statements(pipeline, text)
    assert s.speaker is not None and s.speaker.label == "Morgan Ortagus" and s.speaker.kind == "person"
    assert s.speaker_role is not None and "Spokesperson" in s.speaker_role.label


def test_attribution_inserted_mid_sentence(pipeline) -> None:
    text = "The talks, Lavrov said, were useful for both sides."
    (q,) = quotes(pipeline, text)
    assert q.cue == "say" and q.content == "The talks were useful for both sides"
    assert text[slice(*q.speaker_span)] == "Lavrov"


def _speaker_text(text: str, q) -> str | None:
    return text[slice(*q.speaker_span)] if q.speaker_span else None


def test_quote_introduced_by_a_colon_in_the_paragraph_before(pipeline) -> None:
    text = "Caddell continued:\n\n\"The health issue is very much a problem for her campaign right now.\""
    (q,) = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert q.cue == "continue" and _speaker_text(text, q) == "Caddell"


def test_name_signed_after_a_dash(pipeline) -> None:
    text = "\u201cHe does not understand the struggles of our families at all.\u201d \u2015 Sonya Herridge\n"
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "direct" and _speaker_text(text, q) == "Sonya Herridge"


def test_subject_inside_the_quote_is_not_the_speaker(pipeline) -> None:
    text = (
        '"If it does not have the weapons yet, it will have them at some point," said James Acton, '
        "a physicist in Washington."
    )
    (q,) = quotes(pipeline, text)
    assert _speaker_text(text, q).startswith("James Acton")


def test_who_said_speaks_through_the_noun_it_modifies(pipeline) -> None:
    text = "The plan was attacked by Senator Tim Kaine, who said that the bill would fail in the Senate."
    found = [q for q in quotes(pipeline, text) if q.cue == "say"]
    assert found and "Tim Kaine" in _speaker_text(text, found[0])
    assert found[0].content == "the bill would fail in the Senate"


def test_subject_of_a_passive_cue_is_not_the_speaker(pipeline) -> None:
    text = "The ambassador was asked whether the talks in Geneva would resume next week."
    assert all(_speaker_text(text, q) != "The ambassador" for q in quotes(pipeline, text))


def test_naming_accusing_and_topic_verbs(pipeline) -> None:
    text = (
        "Trump has called climate change a hoax. Trump accused Clinton of lying about her emails. "
        "Warren complained about the bank's aggressive sales practices."
    )
    got = {q.cue: q.content for q in quotes(pipeline, text)}
    assert got["call"] == "climate change a hoax"
    assert got["accuse"] == "lying about her emails"
    assert got["complain"] == "the bank's aggressive sales practices"


def test_split_quote_with_a_quoted_title_in_its_attribution(pipeline) -> None:
    text = '"He is absolutely right," Flynn said on "Fox and Friends." "There is a severe disconnect here."'
    (q,) = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert (q.start, q.end) == (0, len(text)) and _speaker_text(text, q) == "Flynn"


def test_bad_input_does_not_crash_or_invent_a_speaker(pipeline) -> None:
    run_on = " and ".join(f"item {n} \" costs {n} dollars" for n in range(400))
    table = "Name | Party | Votes\nSmith | D | 120\n\"Jones | R | 99\n- one\n- \"two\n"
    for text in (run_on + ".", table, '"' * 7, '"Nobody knows who said this, and nobody ever will."'):
        for q in quotes(pipeline, text):
            assert q.speaker_span is None or text[slice(*q.speaker_span)].strip()
        (result,) = list(pipeline.process([Document(id="bad", text=text, source="bad.txt")]))
        assert all(s.speaker is None for s in result.statements)


def test_a_quote_inside_a_reported_clause_is_part_of_one_mixed_statement(pipeline) -> None:
    text = "Senator Jane Fox said that Democrats are to blame for focusing on \u201che said this, he tweeted that.\u201d"
    qs = quotes(pipeline, text)
    assert [q.quote_type for q in qs] == ["mixed"]  # no direct quote, no statement for "tweeted"
    assert qs[0].cue == "say" and qs[0].content.endswith("he tweeted that.\u201d")


def test_a_quote_that_runs_on_into_the_writers_sentence_is_not_a_direct_statement(pipeline) -> None:
    text = "Warren told Stumpf: \u201cYou squeezed employees to the breaking point\u201d to drive up the stock price."
    assert all(q.quote_type != "direct" for q in quotes(pipeline, text))
    text = "\u201cWe will win this state and the next one,\u201d Governor Tom Reed told reporters on Monday."
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "direct" and text[slice(*q.speaker_span)] == "Governor Tom Reed"


def test_a_name_signed_under_a_quote_is_its_speaker_even_when_the_ner_misses_it(pipeline) -> None:
    text = (
        "Readers wrote to us.\n\n"
        "\u201cThis election is a disgrace to the whole country and to all of us.\u201d\u00a0\u2015 Jacklyn Ashley\u00a0\n"
        "\u201cWe deserve far better leaders than these two candidates.\u201d \u2015 Mirta Q. Olidem"
    )
    found = statements(pipeline, text)
    assert [s.speaker.label if s.speaker else None for s in found] == ["Jacklyn Ashley", "Mirta Q. Olidem"]


def test_an_intention_or_plea_reports_its_infinitive(pipeline) -> None:
    (q,) = quotes(pipeline, "Senator Tim Kaine promised to cut taxes for the middle class.")
    assert q.cue == "promise" and q.content == "to cut taxes for the middle class"
    (q,) = quotes(pipeline, "Hillary Clinton urged voters to register before the deadline.")
    assert q.cue == "urge" and q.content == "voters to register before the deadline"
    assert quotes(pipeline, "The company plans to open a new plant in Ohio next year.") == []


def test_a_reporting_verb_that_opens_the_sentence_takes_the_name_after_it(pipeline) -> None:
    text = "Taxes rose again. Said Sen. Tom Ellis (R-Ohio): \u201cWe will not give in to these demands.\u201d"
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "direct" and text[slice(*q.speaker_span)] == "Sen. Tom Ellis (R-Ohio)"
    # the parser reads "Said Ellis" as one name; the speaker comes from the surface
    text = "Said Ellis: \u201cI do not get the sense she is the least bit interested in tax reform.\u201d"
    (q,) = quotes(pipeline, text)
    assert q.speaker_span is not None and text[slice(*q.speaker_span)] == "Ellis"
    text = "Asked by CNN about the wall, Donald Trump said: \u201cWe will build it and they will pay for it.\u201d"
    (q,) = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert q.speaker_span is not None and text[slice(*q.speaker_span)] == "Donald Trump"


def test_saying_after_a_preposition_takes_the_subject_of_the_verb_it_modifies(pipeline) -> None:
    text = "Howard Dean, a medical doctor, responded by saying he would never diagnose someone through television."
    (q,) = quotes(pipeline, text)
    assert q.cue == "say" and q.content == "he would never diagnose someone through television"
    assert text[slice(*q.speaker_span)].startswith("Howard Dean")


def test_a_headline_label_and_transcript_turns_name_their_speakers(pipeline) -> None:
    text = (
        "Pence: Trump Was Only Mocking the Clinton Camp.\n\n"
        "On Sunday, Mike Pence spoke to Fox News. Partial transcript as follows:\n\n"
        '"WALLACE: Let us start with the debate. Will Gennifer Flowers be there?\n\n'
        '"PENCE: Well, look, this is serious business. The American people have a choice to make.\n\n'
        '"But the truth is that Donald Trump communicates well.\n\n'
        '"(CROSSTALK.)\n\n'
        '"WALLACE: Governor, I do not want to interrupt."\n\n'
        "UPDATE: The story was updated on Monday."
    )
    found = statements(pipeline, text)
    turns = [(s.quote_type, s.content) for s in found]
    assert turns == [
        ("indirect", "Trump Was Only Mocking the Clinton Camp."),
        ("direct", "Let us start with the debate. Will Gennifer Flowers be there?"),
        ("direct", (
            'Well, look, this is serious business. The American people have a choice to make.\n\n'
            '"But the truth is that Donald Trump communicates well.'
        )),
        ("direct", "Governor, I do not want to interrupt."),
    ]
    # "PENCE" in capitals is the one person of the article named Pence
    assert found[0].speaker is not None and found[0].speaker.label == "Mike Pence"
    assert found[2].speaker is not None and found[2].speaker.label == "Mike Pence"


def test_a_short_quote_that_opens_its_attribution_is_direct(pipeline) -> None:
    # three words: too short to pass for a claim on length, but laid out as an utterance
    text = 'The minister visited the port. "We need ships," the minister said on Friday.'
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "direct" and q.content == "We need ships,"
    assert text[q.start : q.end] == '"We need ships,"'


def test_a_short_scare_quote_after_its_cue_is_not_direct(pipeline) -> None:
    text = 'The senator called the plan a "total disaster" on Monday.'
    assert all(q.quote_type != "direct" for q in quotes(pipeline, text))


def test_a_question_quote_takes_the_attribution_the_parser_split_off(pipeline) -> None:
    text = "\u201cAre you coming?\u201d she asked, but the guard had already left the room."
    (q,) = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert q.cue == "ask" and text[slice(*q.speaker_span)] == "she"


def test_a_quote_before_a_sentence_with_its_own_object_gets_no_cue(pipeline) -> None:
    text = '"Why not?" The mayor said nothing more about the new budget plan.'
    assert all(q.cue == "" for q in quotes(pipeline, text) if q.quote_type == "direct")


def test_a_quote_interrupted_by_its_cue_is_one_statement(pipeline) -> None:
    text = '"By Friday," the governor said, "every school will have reopened its doors."'
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "direct" and (q.start, q.end) == (0, len(text))


def test_a_quote_split_around_an_apposition_is_one_statement(pipeline) -> None:
    text = (
        '"Tariffs are a tax," said Jane Miller, an economist who teaches at a college in Ohio. '
        '"Consumers will pay for them in the end."'
    )
    (q,) = quotes(pipeline, text)
    assert (q.start, q.end) == (0, len(text)) and text[slice(*q.speaker_span)].startswith("Jane Miller")


def test_reported_speech_inside_another_statement_is_not_a_second_statement(pipeline) -> None:
    text = 'The mayor said she hopes the new budget will "fix the roads" before the winter.'
    qs = [q for q in quotes(pipeline, text) if q.quote_type != "direct"]
    assert [q.cue for q in qs] == ["say"] and "hopes" in qs[0].content


def test_a_name_between_the_quote_and_its_cue_speaks_when_the_parse_has_no_subject(pipeline) -> None:
    text = (
        "\u201cHe's absolutely right. There's a severe disconnect between this White House and our "
        "military,\u201d Flynn, a top Trump surrogate, said Thursday morning on Fox News."
    )
    (q,) = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert q.speaker_span is not None and text[slice(*q.speaker_span)].startswith("Flynn")


def test_a_short_exclamation_right_after_its_cue_is_direct_but_a_naming_is_not(pipeline) -> None:
    text = "The hall was tense, and one farmer yelled, \u201cYou lie!\u201d at the stage."
    (q,) = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert q.cue == "yell" and q.content == "You lie!"
    named = "The senator called it \u201ca disaster.\u201d"
    assert all(q.quote_type != "direct" for q in quotes(pipeline, named))


def test_object_as_predicate_is_the_content_of_a_criticism(pipeline) -> None:
    text = 'Senator Ann Park dismissed the new budget as a "giveaway to the banks" on Tuesday.'
    (q,) = quotes(pipeline, text)
    assert q.cue == "dismiss" and q.quote_type == "mixed"
    assert q.content.startswith("the new budget as a") and "giveaway to the banks" in q.content
    assert "Tuesday" not in q.content  # when it was said is not what was said
    assert text[slice(*q.speaker_span)] == "Senator Ann Park"


def test_criticism_for_something_runs_through_what_it_is_for(pipeline) -> None:
    text = 'The governor blasted the press for being "utterly dishonest."'
    (q,) = quotes(pipeline, text)
    assert q.cue == "blast" and q.content.startswith("the press for being") and "dishonest" in q.content


def test_characterising_verb_with_as_reports(pipeline) -> None:
    text = 'The newspaper portrayed the mayor as "a reformer who keeps his word."'
    (q,) = quotes(pipeline, text)
    assert q.cue == "portray" and q.content.startswith("the mayor as")


def test_naming_verb_with_two_objects_reports_both(pipeline) -> None:
    text = 'Norway branded the regime an "outlaw state in the region."'
    (q,) = quotes(pipeline, text)
    assert q.cue == "brand" and q.content.startswith("the regime an") and q.quote_type == "mixed"


def test_exhort_reports_its_infinitive(pipeline) -> None:
    (q,) = quotes(pipeline, 'The senator exhorted delegates to "vote your conscience" in November.')
    assert q.cue == "exhort" and q.content.startswith("delegates to")


def test_as_x_put_it_attributes_the_clause_around_it(pipeline) -> None:
    text = 'As the mayor put it in a letter to residents, the city is "not for sale to anyone."'
    (q,) = quotes(pipeline, text)
    assert q.cue == "put" and q.quote_type == "mixed"
    assert text[slice(*q.speaker_span)] == "the mayor"
    assert text[q.start : q.end].startswith("the city is")


def test_a_nested_quote_spaced_from_the_closing_mark_keeps_the_quote_direct(pipeline) -> None:
    text = "\"We never liked the label 'outreach,' \" she told the crowd."
    (q,) = [q for q in quotes(pipeline, text) if q.cue == "tell"]
    assert q.quote_type == "direct" and q.content.startswith("We never liked")


def test_a_reported_clause_that_announces_a_quote_is_one_mixed_statement(pipeline) -> None:
    text = 'The minister said the plan had one goal: "to keep every family safe this winter."'
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "mixed" and q.cue == "say"
    assert text[q.start : q.end].startswith("the plan had one goal:") and text[q.start : q.end].endswith('winter."')
    (q,) = quotes(pipeline, 'The senator said: "We will not give up on this bill."')
    assert q.quote_type == "direct"  # "said:" alone announces nothing of its own


def test_a_preposition_that_continues_the_quoted_phrase_stays_in_the_content(pipeline) -> None:
    text = 'The senator decried the party for "turning its back" on working families.'
    (q,) = quotes(pipeline, text)
    assert q.cue == "decry" and text[q.start : q.end].endswith("on working families")


def test_a_relative_clause_after_a_list_is_about_its_last_member(pipeline) -> None:
    text = (
        "The gala featured singers like Mary Olsen, Tom Baxter, Lisa Crane and Paul Denton, "
        'who joked of the hall, "I have not seen it yet, but I am going to."'
    )
    (q,) = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert q.speaker_span is not None and text[slice(*q.speaker_span)] == "Paul Denton"


def test_according_to_before_a_quote_attributes_the_quote(pipeline) -> None:
    text = 'According to Harold Finch, "the numbers were never checked by anyone at the agency."'
    found = quotes(pipeline, text)
    assert len(found) == 1  # one statement, not a quote and an "according to" of the same words
    (q,) = found
    assert q.quote_type == "direct" and q.cue == "according to"
    assert text[slice(*q.speaker_span)] == "Harold Finch"


def test_a_that_clause_read_as_adverbial_is_still_the_content() -> None:
    # The parse the small model gives some long sentences: "that" an adverb, the clause an advcl.
    import spacy
    from spacy.tokens import Doc

    from kg.nlp.attribution import _content_from_clause

    words = ["Smith", "tweeted", "overnight", "that", "Jones", "was", "rude", "."]
    doc = Doc(
        spacy.blank("en").vocab, words=words, spaces=[True] * 6 + [False, False],
        heads=[1, 1, 1, 5, 5, 1, 5, 1], deps=["nsubj", "ROOT", "advmod", "advmod", "nsubj", "advcl", "acomp", "punct"],
        pos=["PROPN", "VERB", "ADV", "ADV", "PROPN", "AUX", "ADJ", "PUNCT"],
        lemmas=["Smith", "tweet", "overnight", "that", "Jones", "be", "rude", "."],
    )
    start, end = _content_from_clause(doc, doc[1], None)
    assert doc.text[start:end] == "Jones was rude"


def test_a_plea_conjoined_inside_a_reported_clause_is_a_statement_of_its_own(pipeline) -> None:
    text = 'Miller tweeted in the early morning hours that Garcia was "dishonest" and "a fraud" and encouraged voters to "look up" her record.'
    found = quotes(pipeline, text)
    (tweet,) = [q for q in found if q.cue == "tweet"]
    assert tweet.content.startswith("Garcia was") and "a fraud" in tweet.content and "encouraged" not in tweet.content
    assert any(q.cue == "encourage" for q in found)


def test_a_claim_noun_with_a_possessor_is_the_possessors_statement(pipeline) -> None:
    text = 'Reporters examined Harold Finch\u2019s claim that there had been "thousands of errors" in the count.'
    (q,) = [q for q in quotes(pipeline, text) if q.cue == "claim"]
    assert text[slice(*q.speaker_span)] == "Harold Finch"
    assert q.quote_type == "mixed" and q.content.startswith("there had been")


def test_a_plea_hung_inside_a_reported_clause_is_cut_off_at_its_own_and() -> None:
    # "said that A and B and urged C": the parser hangs both "and"s and the plea on A's verb.
    import spacy
    from spacy.tokens import Doc

    from kg.nlp.attribution import _content_from_clause

    words = ["Smith", "tweeted", "that", "Jones", "was", "dishonest", "and", "rude", "and", "urged", "fans", "to", "vote", "."]
    doc = Doc(
        spacy.blank("en").vocab, words=words, spaces=[True] * 12 + [False, False],
        heads=[1, 1, 4, 4, 1, 4, 4, 4, 4, 4, 9, 12, 9, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp", "acomp", "cc", "conj", "cc", "conj", "dobj", "aux", "xcomp", "punct"],
        pos=["PROPN", "VERB", "SCONJ", "PROPN", "AUX", "ADJ", "CCONJ", "ADJ", "CCONJ", "VERB", "NOUN", "PART", "VERB", "PUNCT"],
        lemmas=["Smith", "tweet", "that", "Jones", "be", "dishonest", "and", "rude", "and", "urge", "fan", "to", "vote", "."],
    )
    start, end = _content_from_clause(doc, doc[1], (0, 5))
    assert doc.text[start:end] == "Jones was dishonest and rude"


def test_a_quote_that_ends_a_reported_clause_makes_it_one_mixed_statement(pipeline) -> None:
    text = 'He is claiming that ballot fraud is "a big, big problem in this state" but "nobody dares to talk about it."'
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "mixed" and q.cue == "claim"
    assert text[q.start : q.end].startswith("ballot fraud is") and text[q.start : q.end].endswith('about it."')


def test_the_attribution_before_a_quote_is_not_content(pipeline) -> None:
    for text in (
        'The senator said on Monday in an interview with a local radio station, "We will not give up on this bill."',
        'The mayor told reporters on the plane, "We are going to win every district this time."',
        'The governor said the following: "We will build a fairer economy for everyone."',
    ):
        (q,) = quotes(pipeline, text)
        assert q.quote_type == "direct", text


def test_a_quote_after_a_cue_inside_another_reported_clause_stays_direct(pipeline) -> None:
    text = (
        'She said she recalls the partner being "confused," and the boss being supportive of her - at one point '
        'even scolding the client: '
        '"You know, you have to look at her, because she is the one who knows the answer."'
    )
    assert any(q.quote_type == "direct" and q.content.startswith("You know") for q in quotes(pipeline, text))


def test_a_title_in_quotes_after_a_preposition_or_possessive_is_no_statement(pipeline) -> None:
    text = '"We have to stop painting the police with one brush," Ward said on WXYZ\'s "Sunday Morning Report."'
    found = quotes(pipeline, text)
    assert [q.content for q in found if q.quote_type == "direct"] == ["We have to stop painting the police with one brush,"]
    assert not any("Sunday Morning" in q.content for q in found)


def test_reported_content_that_opens_with_a_quotation_keeps_its_marks(pipeline) -> None:
    text = 'Seoul accused the regime\'s leader, Pak Sun, of "fanatic recklessness."'
    (q,) = quotes(pipeline, text)
    assert q.cue == "accuse" and q.quote_type == "mixed"
    assert text[q.start : q.end] == '"fanatic recklessness."'


def test_a_quote_after_another_statement_does_not_continue_the_first(pipeline) -> None:
    text = (
        '"I will not follow a script to show that we are united," Rossi said after the meeting. '
        'The summit did "too little," he added on Twitter. "Without new policies, Europe risks a lot."'
    )
    direct = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert direct[0].content == "I will not follow a script to show that we are united,"



def test_a_quote_split_around_an_attribution_with_a_participle_is_still_one(pipeline) -> None:
    text = (
        '"We remain open to credible talks," he said, referring to the country by its official name. '
        '"Sadly, the regime has chosen a different path."'
    )
    (q,) = [q for q in quotes(pipeline, text) if q.quote_type == "direct"]
    assert q.content.endswith("different path.")
