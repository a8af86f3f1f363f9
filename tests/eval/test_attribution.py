"""Tests of the attribution evaluation (kg.eval.polnear, .overlap, .attrscore, .attribution): gold
reading, the content matcher, the speaker and role rules, the scores, and (slow, corpus) one
end-to-end run on two PolNeAR dev articles.

The fixtures under tests/data/eval/attribution_polnear/ are texts written for these tests, laid out
like PolNeAR (brat standoff per annotator, metadata.tsv, and the derived JSONL)."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import MalformedInputError, MissingInputError, UsageError
from kg.eval.attribution import (
    AttributionReport,
    evaluate_attribution,
    format_report,
    report_json,
)
from kg.eval.attrscore import (
    Prediction,
    SystemScores,
    head_overlap,
    quote_parts,
    resolve_sources,
    role_forms,
    role_verdict,
    score_article,
    source_category,
    source_gender,
    speaker_verdict,
    transcript_label,
)
from kg.eval.overlap import WordTokens, match
from kg.eval.polnear import (
    GoldArticle,
    GoldAttribution,
    load_split,
    parse_ann,
    select_gold,
)
from kg.resources import shared_dir

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "eval" / "attribution_polnear"


def _span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def _gold(text: str, gid: str, content: str | list[str], source: str | None, cue: str = "said", nth: int = 0) -> GoldAttribution:
    parts = [content] if isinstance(content, str) else content
    cspans = tuple(_span(text, c) for c in parts)
    sspans = (_span(text, source, nth),) if source else ()
    cue_span = (_span(text, cue),) if cue in text else ()
    return GoldAttribution(
        id=gid,
        content=cspans,
        cue=cue_span,
        source=sspans,
        content_text=" ".join(text[s:e] for s, e in cspans),
        cue_text=cue,
        source_text=" ".join(text[s:e] for s, e in sspans),
    )


def _pred(text: str, content: str, speaker: str | None = None, names: tuple[str, ...] = (), quote_type: str = "indirect",
          role: str | None = None, role_names: tuple[str, ...] = (), cue: str = "say") -> Prediction:
    s, e = _span(text, content)
    return Prediction(
        start=s,
        end=e,
        quote_type=quote_type,
        cue=cue,
        speaker=speaker,
        speaker_spans=tuple(_span(text, n) for n in names),
        role=role,
        role_spans=tuple(_span(text, n) for n in role_names),
    )


# -- gold reading --------------------------------------------------------------------------------


def test_brat_discontinuous_spans_content2_notes_and_multiline_surfaces():
    text = (FIXTURE / "dev" / "text" / "article-one.txt").read_text(encoding="utf-8")
    ann = (FIXTURE / "dev" / "attributions" / "article-one_a1.ann").read_text(encoding="utf-8")
    golds, dropped = parse_ann(ann, text)
    by_id = {g.id: g for g in golds}
    assert dropped == 1  # E5 has a trigger but no content
    assert set(by_id) == {"E1", "E2", "E3", "E4"}
    two = by_id["E2"]
    assert len(two.content) == 2
    assert [text[s:e] for s, e in two.content] == ['"The documents are forged,"', '"and we will prove it."']
    assert two.source_text == "Berg" and two.cue_text == "added"
    # Content2 is merged into the content, in text order
    assert by_id["E3"].content_text == "the inquiry a farce"
    assert by_id["E1"].source_text == "Foreign Minister Anna Berg"
    assert by_id["E1"].quoted and two.quoted and not by_id["E3"].quoted


def test_brat_offsets_outside_the_text_are_an_error():
    with pytest.raises(MalformedInputError):
        parse_ann("T1\tSource 5 50\tx\n", "short text")


def test_load_split_brat_and_jsonl_agree_except_the_content2_loss():
    brat = {a.id: a for a in load_split(FIXTURE, "dev")}
    jsonl = {a.id: a for a in load_split(FIXTURE / "polnear_attributions.jsonl", "dev")}
    assert brat.keys() == jsonl.keys() == {"article-one", "article-two"}
    assert str(brat["article-one"].date) == "2016-09-12" and str(jsonl["article-two"].date) == "2016-10-01"
    for art, article in brat.items():
        b = {g.id: g for g in article.attributions}
        j = {g.id: g for g in jsonl[art].attributions}
        assert b.keys() == j.keys()
        for gid in b:
            if (art, gid) == ("article-one", "E3"):
                assert j[gid].content == b[gid].content[1:]  # the derived file lost the first part
            else:
                assert j[gid] == b[gid]


def test_majority_keeps_what_more_than_half_the_annotators_marked():
    (article,) = [a for a in load_split(FIXTURE, "dev") if a.id == "article-two"]
    assert article.annotators == ("a1", "a2", "a3")
    assert article.selection.startswith("majority of 3")
    # a1 alone marked the no-source "it was reported" attribution; all three marked the mayor's
    # (a2 with a shorter content that still matches)
    assert [g.source_text for g in article.attributions] == ["Mayor Tom Hale"]


def test_select_gold_single_annotator_is_taken_as_is():
    text = "A said B. C said D."
    g = _gold(text, "E1", "B", "A")
    kept, how = select_gold(text, {"x": [g]})
    assert kept == (g,) and how == "single"


def test_load_split_errors():
    with pytest.raises(UsageError):
        load_split(FIXTURE, "validation")
    with pytest.raises(MissingInputError):
        load_split(FIXTURE / "nowhere", "dev")
    with pytest.raises(MissingInputError):
        load_split(FIXTURE, "test")  # the fixture has no test split at all


# -- matcher -------------------------------------------------------------------------------------


def test_token_sets_ignore_punctuation_and_cover_partial_tokens():
    text = 'He said: "We will win," loudly.'
    tokens = WordTokens(text)
    quote = tokens.ids([_span(text, '"We will win,"')])
    assert len(quote) == 3
    assert tokens.ids([(text.index("ill"), text.index("ill") + 2)]) == tokens.ids([_span(text, "will")])


def test_match_threshold_and_one_to_one_greedy_by_best_overlap():
    g = [frozenset(range(10)), frozenset(range(20, 30))]
    p = [
        frozenset(range(6)),  # Jaccard 0.6 with gold 0
        frozenset(range(9)),  # 0.9 with gold 0: wins it
        frozenset(range(25, 40)),  # 5/20 = 0.25 with gold 1: below the bar
    ]
    assert match(g, p) == [(0, 1, 0.9)]
    loose = match(g, p, threshold=0.0)
    assert (0, 1, 0.9) in loose and (1, 2, 0.25) in loose and len(loose) == 2
    # a veto removes a pair and lets the next best take the gold
    assert match(g, p, allowed=lambda gi, pi: pi != 1) == [(0, 0, 0.6)]


def test_score_article_content_subsets_and_direct_quote_filter():
    text = (
        'The minister said that taxes would fall next year. "We will not raise them," she added. '
        'Critics said the plan for the coming decade was "a fantasy."'
    )
    golds = (
        _gold(text, "E1", "taxes would fall next year", "The minister"),
        _gold(text, "E2", '"We will not raise them,"', "she", cue="added"),
        _gold(text, "E3", 'the plan for the coming decade was "a fantasy."', "Critics", nth=0),
    )
    article = GoldArticle("a", text, golds)
    preds = [
        _pred(text, "taxes would fall next year", "minister", ("The minister",)),
        _pred(text, '"We will not raise them,"', "minister", ("The minister",), quote_type="direct"),
        _pred(text, '"a fantasy."', None, quote_type="direct", cue="unknown"),  # the fragment only
        _pred(text, "The minister said", None),  # spurious
    ]
    sc = SystemScores("t")
    score_article(sc, article, preds)
    assert (sc.all.gold, sc.all.pred, sc.all.tp) == (3, 4, 2)
    assert sc.quoted.gold == 2 and sc.quoted.pred == 2  # gold with quote marks vs direct/mixed
    assert sc.quoted.tp == 1  # the fragment is 2/9 Jaccard with E3
    assert sc.quoted.tp_any == 2
    assert sc.direct.pred == 2
    p, r, f = sc.all.content
    assert p == pytest.approx(2 / 4) and r == pytest.approx(2 / 3) and f == pytest.approx(2 * p * r / (p + r))
    assert sc.errors["missed: partial overlap below 0.5"] == 1
    assert sc.errors["fp: boundary (overlaps an unmatched gold)"] == 1  # the fragment
    assert sc.errors["fp: overlaps no gold"] == 1  # "The minister said"
    assert sc.spurious_cues == Counter({"say": 1})
    # speakers: the minister for E1 (head) and for "she" (antecedent "The minister" is definite,
    # not named, so the pronoun has no named antecedent and stays unresolved)
    assert sc.all.tp_speaker == 1


def test_a_second_part_of_a_discontinuous_quote_is_its_own_error_class():
    text = '"We will win this," Berg said. "And then we will govern for everyone in this country."'
    gold = _gold(text, "E1", ['"We will win this,"', '"And then we will govern for everyone in this country."'], "Berg")
    preds = [
        _pred(text, '"We will win this,"', "berg", ("Berg",), quote_type="direct"),
        _pred(text, '"And then we will govern for everyone in this country."', None, quote_type="direct", cue="unknown"),
    ]
    sc = SystemScores("t")
    score_article(sc, GoldArticle("a", text, (gold,)), preds)
    assert sc.all.tp == 1
    assert sc.errors["fp: another part of a matched discontinuous gold"] == 1
    # the long part wins the content match but has no speaker; content + speaker finds no pair
    # because the short part alone is below the bar
    assert sc.speaker[("named", "unattributed (cue-less quote)")] == 1
    assert sc.all.tp_speaker == 0


# -- speaker rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "category"),
    [
        ("Hillary Clinton's campaign manager Robby Mook", "named"),
        ("he", "pronoun"),
        ("She", "pronoun"),
        ("who", "relative"),
        ("the mayor", "definite"),
        ("The Republican nominee", "definite"),
        ("a source", "indefinite"),
        ("experts", "indefinite"),
        ("", "none"),
        ("Mr. Obama", "named"),
    ],
)
def test_source_category(source, category):
    assert source_category(source) == category


def test_sentence_initial_capital_is_a_name_only_if_never_written_lower_case():
    article = "Officials said it was fine. Local officials agreed."
    assert source_category("Officials", article) == "indefinite"
    assert source_category("Trump", "Trump said so. Trump agreed.") == "named"


def test_head_rule_rejects_a_possessor_or_a_modifier():
    text = "Hillary Clinton's campaign manager Robby Mook said it."
    source = [_span(text, "Hillary Clinton's campaign manager Robby Mook")]
    assert head_overlap(text, [_span(text, "Robby Mook")], source) == "head"
    assert head_overlap(text, [_span(text, "Hillary Clinton")], source) == "modifier"
    assert head_overlap(text, [(0, 3)], [(20, 30)]) == ""
    text2 = "Rep. John Mica (R-Fla.) said it."
    assert head_overlap(text2, [_span(text2, "John Mica")], [_span(text2, "Rep. John Mica (R-Fla.)")]) == "head"
    text3 = "Clinton spokesman Brian Fallon said it."
    assert head_overlap(text3, [_span(text3, "Clinton")], [_span(text3, "Clinton spokesman Brian Fallon")]) == "modifier"


def _article(text: str, *golds: GoldAttribution) -> tuple[GoldArticle, dict]:
    article = GoldArticle("a", text, golds)
    return article, resolve_sources(article)


def test_speaker_named_pronoun_and_unattributed():
    text = 'Senator Jane Roe said taxes would rise. Later she said the vote would fail.'
    g1 = _gold(text, "E1", "taxes would rise", "Senator Jane Roe")
    g2 = _gold(text, "E2", "the vote would fail", "she")
    _, infos = _article(text, g1, g2)
    assert infos["E2"].category == "pronoun"
    assert [text[s:e] for s, e in infos["E2"].antecedent] == ["Senator Jane Roe"]
    roe = ("Jane Roe",)
    assert speaker_verdict(text, g1, infos["E1"], _pred(text, "taxes would rise", "roe", roe)) == (True, "head")
    assert speaker_verdict(text, g2, infos["E2"], _pred(text, "the vote would fail", "roe", roe)) == (True, "antecedent")
    assert speaker_verdict(text, g2, infos["E2"], _pred(text, "the vote would fail", None)) == (False, "unattributed")
    other = _pred(text, "the vote would fail", "x", ("taxes",))
    assert speaker_verdict(text, g2, infos["E2"], other) == (False, "wrong")


def test_first_person_source_inside_a_quote_refers_to_the_quote_speaker():
    text = 'Earlier, Ann Lee spoke. "I told them we would win," Bob Cruz said.'
    outer = _gold(text, "E1", '"I told them we would win,"', "Bob Cruz")
    inner = _gold(text, "E2", "we would win", "I", cue="told")
    _, infos = _article(text, outer, inner)
    assert [text[s:e] for s, e in infos["E2"].antecedent] == ["Bob Cruz"]


def test_he_skips_an_outlet_as_antecedent():
    text = "Jim Poe spoke first. The New York Times reported the deal. Then he said it was over."
    g1 = _gold(text, "E0", "first", "Jim Poe", cue="spoke")
    g2 = _gold(text, "E1", "the deal", "The New York Times", cue="reported")
    g3 = _gold(text, "E2", "it was over", "he")
    _, infos = _article(text, g1, g2, g3)
    assert [text[s:e] for s, e in infos["E2"].antecedent] == ["Jim Poe"]


def test_she_skips_a_source_the_span_marks_as_a_man():
    text = "Ann Lee spoke first. Mr. Poe spoke too, and Donald Kerr agreed. Then she said it was over."
    g1 = _gold(text, "E0", "first", "Ann Lee", cue="spoke")
    g2 = _gold(text, "E1", "too", "Mr. Poe", cue="spoke")
    g3 = _gold(text, "E2", "agreed", "Donald Kerr", cue="agreed")
    g4 = _gold(text, "E3", "it was over", "she")
    _, infos = _article(text, g1, g2, g3, g4)
    assert [text[s:e] for s, e in infos["E3"].antecedent] == ["Ann Lee"]


@pytest.mark.parametrize(
    ("source", "gender"),
    [
        ("Mr. Obama", "m"),
        ("Sen. Hillary Clinton", "f"),
        ("Democratic Sen. Claire McCaskill (D-Mo.)", "f"),
        ("Clinton", None),  # a surname alone tells nothing
        ("Rakeyia Scott", None),  # only the given name counts, not a surname that is also one
        ("Keith Scott's wife", None),  # the name is a possessor, not the source
    ],
)
def test_source_gender(source, gender):
    assert source_gender(source) == gender


def test_a_lone_surname_takes_the_gender_of_the_given_name_the_article_writes_before_it():
    text = "Hillary Clinton and Donald Trump met. Later Clinton spoke."
    assert source_gender("Clinton", text) == "f" and source_gender("Trump", text) == "m"
    assert source_gender("Smith", "John Smith and Mary Smith spoke.") is None  # two people, no answer


def test_direct_quote_split_around_its_attribution_is_scored_by_its_quoted_parts():
    text = (
        '"We will win this," said Berg, who chairs the finance committee of the regional '
        'assembly in the north. "And then we govern."'
    )
    gold = _gold(text, "E1", ['"We will win this,"', '"And then we govern."'], "Berg")
    whole = _pred(text, text, "berg", ("Berg",), quote_type="direct")
    parts = quote_parts(text, whole.start, whole.end)
    assert [text[s:e] for s, e in parts] == ['"We will win this,"', '"And then we govern."']
    for pred, tp in ((whole, 0), (Prediction(**{**whole.__dict__, "parts": parts}), 1)):
        sc = SystemScores("t")
        score_article(sc, GoldArticle("a", text, (gold,)), [pred])
        assert sc.all.tp_speaker == tp


def test_relative_and_definite_antecedents():
    text = "Mayor Tom Hale opened the bridge. Sen. Tim Kaine, who said it was late, left. The mayor said it was safe."
    rel = _gold(text, "E1", "it was late", "who")
    nom = _gold(text, "E2", "it was safe", "The mayor", nth=0)
    _, infos = _article(text, rel, nom)
    assert [text[s:e] for s, e in infos["E1"].antecedent] == ["Sen. Tim Kaine"]
    assert [text[s:e] for s, e in infos["E2"].antecedent] == ["Tom Hale"]  # from the text: "Mayor Tom Hale"
    assert speaker_verdict(text, nom, infos["E2"], _pred(text, "it was safe", "hale", ("Tom Hale",)))[0]


def test_no_source_gold_wants_no_speaker():
    text = "It was reported that the talks failed."
    g = _gold(text, "E1", "the talks failed", None, cue="reported")
    _, infos = _article(text, g)
    assert speaker_verdict(text, g, infos["E1"], _pred(text, "the talks failed", None)) == (True, "none")
    assert speaker_verdict(text, g, infos["E1"], _pred(text, "the talks failed", "x", ("It",))) == (False, "spurious")


# -- roles ---------------------------------------------------------------------------------------


def test_role_forms_and_verdict():
    text = "Retired Lt. Gen. Michael Flynn and Sen. Ted Cruz said it."
    assert {"lt.", "gen."} <= role_forms("Retired Lt. Gen. Michael Flynn")
    assert role_forms("Donald Trump") == frozenset()
    g = _gold(text, "E1", "it", "Sen. Ted Cruz")
    _, infos = _article(text, g)
    assert infos["E1"].roles == frozenset({"sen."})
    by_span = _pred(text, "it", "cruz", ("Ted Cruz",), role="United States senator", role_names=("Sen.",))
    assert role_verdict(g, infos["E1"], by_span) == "span"
    misread = _pred(text, "it", "cruz", ("Ted Cruz",), role="White House Press Secretary", role_names=("Sen.",))
    assert role_verdict(g, infos["E1"], misread) == "wrong"
    by_label = _pred(text, "it", "cruz", ("Ted Cruz",), role="United States senator")
    assert role_verdict(g, infos["E1"], by_label) == "label"
    assert role_verdict(g, infos["E1"], _pred(text, "it", "cruz", ("Ted Cruz",), role="mayor")) == "wrong"
    assert role_verdict(g, infos["E1"], _pred(text, "it", "cruz", ("Ted Cruz",))) == "missing"


# -- report --------------------------------------------------------------------------------------


def test_format_and_json_report_from_scored_articles():
    text = 'Senator Jane Roe said taxes would rise. "It is done," she said.'
    g1 = _gold(text, "E1", "taxes would rise", "Senator Jane Roe")
    g2 = _gold(text, "E2", '"It is done,"', "she")
    article = GoldArticle("a", text, (g1, g2))
    sc = SystemScores("geokg")
    score_article(sc, article, [_pred(text, "taxes would rise", "roe", ("Jane Roe",))], cue_lemmas={"E1": "say", "E2": "say"})
    report = AttributionReport(
        corpus="x", split="dev", articles=1, gold=2, gold_quoted=1, selection={"single": 1}, dropped=0,
        categories=Counter({"named": 1, "pronoun": 1}), role_bearing=0, role_bearing_in_lexicon=0,
        systems={"geokg": sc},
    )
    md = format_report(report)
    assert "| all | geokg | 2 | 1 | 100.0 | 50.0 | 66.7 |" in md
    assert "missed: cue verb geokg knows: 1" in md
    data = report_json(report)
    json.dumps(data)  # serialisable
    assert data["systems"]["geokg"]["all"]["tp_speaker"] == 1
    assert data["systems"]["geokg"]["quoted"]["gold"] == 1
    assert data["systems"]["geokg"]["missed_cues"] == {"say": 1}


# -- end to end ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.corpus
def test_two_dev_articles_end_to_end(pipeline):
    shared = shared_dir()
    corpus = shared / "corpus" / "polnear" if shared else None
    if corpus is None or not corpus.is_dir():
        pytest.skip("../shared/corpus/polnear is not present")
    with_baseline = importlib.util.find_spec("textacy") is not None
    report = evaluate_attribution(corpus, split="dev", pipeline=pipeline, limit=2, baseline=with_baseline)
    assert report.articles == 2 and report.gold > 10
    geo = report.systems["geokg"]
    assert geo.all.gold == report.gold and geo.articles_failed == []
    assert 0 < geo.all.tp <= min(geo.all.pred, geo.all.gold)
    assert geo.all.tp_speaker <= geo.all.tp <= geo.all.tp_any
    assert sum(report.categories.values()) == report.gold
    if with_baseline:
        base = report.systems["textacy"]
        assert base.all.gold == report.gold and base.all.tp <= base.all.pred
    md = format_report(report)
    assert "PolNeAR dev (2 articles" in md
    assert json.loads(json.dumps(report_json(report)))["articles"] == 2


def test_head_rule_post_modifiers():
    text = "Edward Alden of the Council on Foreign Relations and the spokesman of the Pentagon spoke."
    alden = [_span(text, "Edward Alden of the Council on Foreign Relations")]
    assert head_overlap(text, [_span(text, "Edward Alden")], alden) == "head"
    assert head_overlap(text, [_span(text, "Council on Foreign Relations")], alden) == "modifier"
    pentagon = [_span(text, "the spokesman of the Pentagon")]
    assert head_overlap(text, [_span(text, "Pentagon")], pentagon) == "modifier"


def test_quoted_gold_includes_double_apostrophe_quotes():
    text = "''We will win,'' she said. He said they would 'try'."
    assert _gold(text, "E1", "''We will win,''", "she").quoted
    assert not _gold(text, "E2", "they would 'try'", "He", nth=0).quoted


def test_a_transcript_label_that_spells_the_speaker_names_it():
    text = 'Partial transcript:\n\n"HOLT: Good evening.\n\n"MARSH: Thank you, it is good to be here."'
    start = text.index("Thank")
    assert transcript_label(text, start, "Anna Marsh") == (text.index("MARSH"), text.index("MARSH") + 5)
    assert transcript_label(text, start, "Lester Holt") is None  # the label names someone else
    assert transcript_label(text, text.index("Good"), "Lester Holt") is not None
    # words before the content on its line that are not a lone label in capitals
    said = "Then Marsh said: Thank you."
    assert transcript_label(said, said.index("Thank"), "Anna Marsh") is None


def test_quote_parts_of_a_two_apostrophe_quote_cut_at_its_inner_apostrophes():
    text = "Intro. ''Taxes are up,'' said Ann Lee, an economist. ''They will stay up.'' Next."
    start, end = text.index("Taxes") - 1, text.index("up.''") + 4
    parts = quote_parts(text, start, end)
    assert [text[a:b] for a, b in parts] == ["'Taxes are up,'", "'They will stay up.'"]
