"""The coding machinery, on a small fixture dictionary so each rule is tested in isolation."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.coder import intent_code


def triples(coder, text, date="2021-12-13"):
    return sorted(e.triple() for e in coder.code_text(text, date=date))


def test_active_voice_with_agent_composition(mini_coder):
    assert triples(mini_coder, "Russian troops attacked Ukraine.") == [("RUSMIL", "UKR", "190")]


def test_passive_voice_swaps_source_and_target(mini_coder):
    assert triples(mini_coder, "Ukraine was attacked by Russian troops on Monday.") == [("RUSMIL", "UKR", "190")]
    assert triples(mini_coder, "Kyiv has been attacked by Russia.") == [("RUS", "UKR", "190")]


def test_passive_without_agent_codes_nothing(mini_coder):
    assert triples(mini_coder, "Ukraine was attacked on Monday.") == []


@pytest.mark.parametrize("text", [
    "Russia did not attack Ukraine.",
    "Russia didn't attack Ukraine.",
    "Russia never attacked Ukraine.",
    "Russia refused to meet Ukraine.",
    "Russia declined to meet the Ukrainian president.",
    "Russia has no intention of attacking Ukraine.",
    "Russia denied attacking Ukraine.",
])
def test_negation_drops_the_event(mini_coder, text):
    assert triples(mini_coder, text) == []


def test_compound_subject_and_object(mini_coder):
    got = triples(mini_coder, "Russia and China attacked Ukraine and Britain.")
    assert got == sorted([(s, t, "190") for s in ("RUS", "CHN") for t in ("UKR", "GBR")])


def test_compound_list_with_commas(mini_coder):
    got = triples(mini_coder, "Russia, China and France met Ukraine.")
    assert got == sorted([(s, "UKR", "040") for s in ("RUS", "CHN", "FRA")])


def test_comma_without_conjunction_is_not_a_compound(mini_coder):
    got = triples(mini_coder, "In Moscow, Russian troops attacked Ukraine.")
    assert got == [("RUSMIL", "UKR", "190")]


def test_date_restricted_actor_codes():
    from eventcoder import Coder
    from tests.conftest import MINI
    coder = Coder(MINI)
    text = "Joe Biden met Vladimir Putin."
    assert triples(coder, text, "2021-12-13") == [("USAGOV", "RUSGOV", "040")]
    assert triples(coder, text, "2018-06-01") == [("USAELI", "RUSGOV", "040")]
    assert triples(coder, text, "2015-06-01") == [("USAGOV", "RUSGOV", "040")]  # vice president then
    assert triples(coder, text, "1995-06-01") == [("USAELI", "RUSELI", "040")]


def test_historical_state_is_not_coded_after_it_ended(mini_coder):
    assert triples(mini_coder, "The Soviet Union attacked France.", "1985-01-01") == [("SUN", "FRA", "190")]
    assert triples(mini_coder, "The Soviet Union attacked France.", "2005-01-01") == []


def test_future_becomes_intent_code(mini_coder):
    assert triples(mini_coder, "Putin will meet Biden in Geneva.") == [("RUSGOV", "USAGOV", "036")]
    assert triples(mini_coder, "Putin wants to meet Biden.") == [("RUSGOV", "USAGOV", "036")]
    assert triples(mini_coder, "Putin agreed to meet Biden.") == [("RUSGOV", "USAGOV", "036")]


def test_intent_code_table():
    assert intent_code("040") == "036"
    assert intent_code("042") == "036"
    assert intent_code("073") == "0333"
    assert intent_code("163") == "1312"
    assert intent_code("190") == "1384"
    assert intent_code("112") == "112"  # statements stay what they are


def test_speculative_modal_is_not_an_event(mini_coder):
    assert triples(mini_coder, "Putin could simply invade Ukraine.") == []


def test_reported_speech_codes_the_embedded_event(mini_coder):
    assert triples(mini_coder, "Britain said Russian troops attacked Ukraine.") == [("RUSMIL", "UKR", "190")]
    # "it" after a saying verb is the speaker
    assert triples(mini_coder, "Russia said it would invade Ukraine.") == [("RUS", "UKR", "1382")]


def test_quote_speaker_is_the_source_of_we(mini_coder):
    got = triples(mini_coder, "\u201cWe will attack Ukraine,\u201d Putin said.")
    assert got == [("RUSGOV", "UKR", "1384")]


def test_inverted_attribution(mini_coder):
    got = triples(mini_coder, "\u201cWe will attack Ukraine,\u201d said British Foreign Secretary Liz Truss.")
    assert got == [("GBRGOV", "UKR", "1384")]


def test_relative_clause_subject(mini_coder):
    got = triples(mini_coder, "Putin, who mourned the fall of the Soviet Union, met Biden.")
    assert got == [("RUSGOV", "USAGOV", "040")]


def test_prepositional_phrase_is_skipped_for_the_subject(mini_coder):
    got = triples(mini_coder, "The Russian embassy in London warned Ukraine.")
    assert got == [("RUSGOV", "UKR", "130")]


def test_agent_of_country(mini_coder):
    assert triples(mini_coder, "The foreign minister of Russia met Ukraine's president.") == [
        ("RUSGOV", "UKRGOV", "040")]


def test_bare_agent_takes_the_country_of_the_place_or_the_other_actor(mini_coder):
    # domestic by default: the other actor's country
    assert triples(mini_coder, "Police attacked Russian troops.") == [("RUSCOP", "RUSMIL", "190")]
    # a place named in the sentence wins
    assert triples(mini_coder, "Police in Kyiv attacked Russian troops.") == [("UKRCOP", "RUSMIL", "190")]
    assert triples(mini_coder, "Russian troops attacked police at a checkpoint in Ukraine.") == [
        ("RUSMIL", "UKRCOP", "190")]
    # an international organisation does not lend its prefix
    assert triples(mini_coder, "NATO praised the police.") == [("IGOWSTNAT", "---COP", "051")]


def test_pattern_beats_default_and_fills_target(mini_coder):
    assert triples(mini_coder, "Russia threatened to impose sanctions on Ukraine.") == [("RUS", "UKR", "1312")]
    assert triples(mini_coder, "Russia threatened Ukraine.") == [("RUS", "UKR", "130")]


def test_filter_pattern_yields_nothing(mini_coder):
    assert triples(mini_coder, "Russia met expectations in Ukraine.") == []


def test_object_control_is_not_the_embedded_event(mini_coder):
    # the withdrawal was asked for, not done
    assert triples(mini_coder, "The U.S. urged Russia to withdraw its troops.") == [("USA", "RUS", "0241")]


def test_verb_coordination_shares_subject_and_object(mini_coder):
    got = triples(mini_coder, "Russia attacked and occupied Ukraine.")
    assert got == [("RUS", "UKR", "190"), ("RUS", "UKR", "192")]


def test_locative_target_is_a_fallback_but_not_for_meetings(mini_coder):
    assert triples(mini_coder, "Russia bombed targets in Ukraine.") == [("RUS", "UKR", "195")]
    assert triples(mini_coder, "Britain accused the government of abuses in Ukraine.") == [("GBR", "UKRGOV", "112")]
    assert triples(mini_coder, "Putin met in Geneva.") == []  # a meeting's place is not its partner
    assert triples(mini_coder, "Putin met Biden in Geneva.") == [("RUSGOV", "USAGOV", "040")]


def test_agent_in_country(mini_coder):
    assert triples(mini_coder, "Police in Ukraine attacked Russian troops.") == [("UKRCOP", "RUSMIL", "190")]


def test_coordinated_bare_agent_takes_the_first_members_country(mini_coder):
    got = triples(mini_coder, "Russian troops and police attacked Ukraine.")
    assert got == [("RUSCOP", "UKR", "190"), ("RUSMIL", "UKR", "190")]


def test_compound_subject_without_object_is_reciprocal_for_meetings(mini_coder):
    assert triples(mini_coder, "Russia and China met on Monday.") == [("CHN", "RUS", "040"), ("RUS", "CHN", "040")]
    assert triples(mini_coder, "Russia and China threatened on Monday.") == []


def test_noun_use_of_a_verb_form_is_not_a_verb(mini_coder):
    assert triples(mini_coder, "The attack on Ukraine by Russia shocked France.") == []


def test_he_refers_to_a_person_in_an_earlier_sentence(mini_coder):
    events = mini_coder.code_text("Putin spoke on Monday. He warned Ukraine.", date="2021-12-13")
    assert [e.triple() for e in events] == [("RUSGOV", "UKR", "130")]
    assert events[0].sentence_id == 1


def test_no_duplicate_events_in_a_sentence(mini_coder):
    events = mini_coder.code_text("Russia attacked Ukraine and attacked Ukraine again.", date="2021-12-13")
    assert len({e.triple() for e in events}) == len(events)


def test_sentence_discard(mini_coder):
    assert triples(mini_coder, "After the football match, Russia attacked Ukraine.") == []


def test_story_discard_drops_the_whole_article(mini_coder):
    text = "Russia attacked Ukraine. The film topped the box office in Moscow."
    assert triples(mini_coder, text) == []


def test_event_fields_and_stable_ids(mini_coder):
    a = mini_coder.code_text("Russian troops attacked Ukraine.", date="2022-02-24", doc_id="d1")
    b = mini_coder.code_text("Russian troops attacked Ukraine.", date="2022-02-24", doc_id="d1")
    assert a == b
    e = a[0]
    assert e.date == dt.date(2022, 2, 24)
    assert (e.source_text, e.target_text, e.trigger_text) == ("Russian troops", "Ukraine", "attacked")
    assert e.pattern_id.endswith("verbs/verbs.csv:2")
    assert e.source_country == "RUS" and e.source_role == "MIL" and e.target_role is None
    assert e.event_root == "19" and e.quad_class == 4 and e.goldstein == -10.0
    c = mini_coder.code_text("Russian troops attacked Ukraine.", date="2022-02-24", doc_id="d2")
    assert c[0].event_id != e.event_id


def test_explain_reports_actors_verbs_and_outcomes(mini_coder):
    [tr] = mini_coder.explain("Russia did not attack Ukraine.", "2021-12-13")
    assert any("Russia" in a and "RUS" in a for a in tr.actors)
    assert tr.verbs[0].outcome.startswith("negated")
    assert tr.events == []


def test_dateline_is_not_an_actor(mini_coder):
    assert triples(mini_coder, "MOSCOW, Dec 13 (Reuters) - Ukraine attacked Russian troops.") == [
        ("UKR", "RUSMIL", "190")]


def test_speaker_role_patterns_code_the_speaker_against_the_subject(mini_coder):
    text = ("\u201cAny incursion from Russia into Ukraine would have massive consequences,\u201d said British "
            "Foreign Secretary Liz Truss.")
    assert triples(mini_coder, text) == [("GBRGOV", "RUS", "130")]
    assert triples(mini_coder, "Britain said Russia would face consequences.") == [("GBR", "RUS", "130")]
    # nobody says it: no source, no event
    assert triples(mini_coder, "Russia will face consequences.") == []


def test_a_historical_name_keeps_its_words_after_its_end(mini_coder):
    # "Union" of the Soviet Union must not become the labour-union agent in 2005
    assert triples(mini_coder, "Ukraine attacked the Soviet Union.", "2005-01-01") == []


def test_object_search_stops_at_the_next_clauses_subject(mini_coder):
    got = triples(mini_coder, "Russia warned the government and China praised Ukraine.")
    assert got == [("CHN", "UKR", "051"), ("RUS", "---GOV", "130")]


def test_a_named_actor_with_a_role_keeps_it(mini_coder):
    from eventcoder.actors import _compose_code  # noqa: F401 - exercised through the coder
    got = triples(mini_coder, "Kremlin troops attacked Ukraine.")
    assert got == [("RUSGOV", "UKR", "190")]


def test_coordinated_adjectives_share_the_head_nouns_role(mini_coder):
    got = triples(mini_coder, "American and Russian troops attacked Ukraine.")
    assert got == [("RUSMIL", "UKR", "190"), ("USAMIL", "UKR", "190")]


def test_later_members_of_a_prepositional_list_are_not_subjects(mini_coder):
    # "Ukraine" after "and" sits in the "with ..." phrase; the subject is Russia
    got = triples(mini_coder, "Russia, angry with Britain and Ukraine, attacked France.")
    assert got == [("RUS", "FRA", "190")]


def test_object_pronoun_is_the_last_other_person(mini_coder):
    got = triples(mini_coder, "Biden spoke on Monday. Putin wants to meet him in Geneva.")
    assert got == [("RUSGOV", "USAGOV", "036")]


def test_verb_form_followed_by_of_is_a_noun_unless_the_verb_takes_of(mini_coder):
    assert triples(mini_coder, "Police attack of Ukraine shocked Russia.") == []
    assert triples(mini_coder, "Russia warns Ukraine.") == [("RUS", "UKR", "130")]


def test_unnamed_victims_and_protest_targets_are_the_sources_country(mini_coder):
    assert triples(mini_coder, "Russian police detained hundreds of people.") == [("RUSCOP", "RUSCVL", "173")]
    # (a people named by a plural demonym protests as civilians)
    assert triples(mini_coder, "Thousands of Ukrainians rallied against the bill.") == [("UKRCVL", "UKRGOV", "141")]
    # no object at all: nothing to guess
    assert triples(mini_coder, "Russian police detained on Monday.") == []


def test_a_verb_form_after_a_determiner_and_modifiers_is_a_noun(mini_coder):
    # "visit" is a noun here: it does not take "Ukraine" as its object; the visit phrase itself
    # is a circumstance whose visitor is the clause's subject (042 to Britain)
    assert triples(mini_coder, "Putin praised Ukraine during a brief private visit to Britain.") == [
        ("RUSGOV", "GBR", "042"), ("RUSGOV", "UKR", "051")]


def test_visit_phrases_code_the_visitor(mini_coder):
    assert triples(mini_coder, "Putin praised Ukraine during his visit to Britain.") == [
        ("RUSGOV", "GBR", "042"), ("RUSGOV", "UKR", "051")]
    # the possessor is the visitor, not the clause's subject
    assert ("GBR", "RUS", "042") in triples(mini_coder, "Putin praised Ukraine ahead of Britain's visit to Russia.")


def test_lists_with_modifiers_before_members(mini_coder):
    got = triples(mini_coder, "Mighty Russia, the vast China, and proud France met Ukraine.")
    assert got == sorted([(s, "UKR", "040") for s in ("RUS", "CHN", "FRA")])


def test_skip_element_lets_the_next_element_stand_further_away(tmp_path):
    from eventcoder import Coder
    from tests.conftest import MINI
    mine = tmp_path / "mine" / "verbs"
    mine.mkdir(parents=True)
    (mine / "v.csv").write_text("code,verb,pattern\n043,celebrate,eid at ^ with +\n044,celebrate,eid with +\n")
    coder = Coder([MINI, tmp_path / "mine"])
    text = "Russia celebrated Eid at a very large public party with China."
    assert [e.triple() for e in coder.code_text(text, date="2021-12-13")] == [("RUS", "CHN", "043")]


def test_forms_after_prepositions_and_accused_of_gerunds_are_not_events(mini_coder):
    assert triples(mini_coder, "Russia praised Ukraine during attacks on Britain.") == [("RUS", "UKR", "051")]
    assert triples(mini_coder, "Britain accused Russia of attacking Ukraine.") == [("GBR", "RUS", "112")]


def test_pro_and_anti_actors_are_not_the_mentions_country(mini_coder):
    got = triples(mini_coder, "Ukrainian police attacked pro-Russian protesters in Kyiv.")
    assert ("UKRCOP", "UKRCVL", "190") in got and not any(t[1].startswith("RUS") for t in got)


def test_place_adjectives_keep_a_place_in_its_prepositional_phrase(mini_coder):
    # "the occupied Ukraine" is still "in ...": not the subject of the warning
    assert triples(mini_coder, "The Russian plan for troops in the occupied Ukraine was praised by China.") == [
        ("CHN", "RUS", "051")]


def test_reciprocity_beats_the_place_for_compound_subjects(mini_coder):
    # 06 (material cooperation) would otherwise take the place as its target
    assert triples(mini_coder, "Russia and China traded in Geneva.") == [("CHN", "RUS", "061"), ("RUS", "CHN", "061")]


def test_a_visit_needs_a_person_or_state_as_visitor(mini_coder):
    assert triples(mini_coder, "Putin visited Ukraine.") == [("RUSGOV", "UKR", "042")]
    assert triples(mini_coder, "Russian troops visited Ukraine.") == []


@pytest.mark.parametrize("text, expected", [
    # a hyphenated synonym-set member and a hyphenated pattern word are split like the text
    ("Ukraine urged Russia to de-escalate.", [("UKR", "RUS", "0256")]),
    ("Ukraine urged Russia to exercise restraint.", [("UKR", "RUS", "0256")]),
    ("Ukraine urged de-escalation in Russia.", [("UKR", "RUS", "0256")]),
    # a hyphenated verb is one verb, with its own patterns
    ("Ukraine re-established ties with Russia.", [("UKR", "RUS", "054")]),
])
def test_hyphenated_words_in_patterns_and_verbs(mini_coder, text, expected):
    assert triples(mini_coder, text) == expected


def test_by_a_means_is_no_passive_agent(mini_coder):
    # "met by phone" is an active meeting; "met by the Ukrainian president" stays passive
    assert triples(mini_coder, "Putin and Biden met by phone about Ukraine.") == [("RUSGOV", "USAGOV", "040"),
                                                                                ("USAGOV", "RUSGOV", "040")]


def test_shorter_verb_patterns_stand_in_for_a_phrasal_verb(mini_coder):
    # "agree to" has no pattern for a ceasefire; "agree" + "to ceasefire" codes it
    assert triples(mini_coder, "Russia agreed to a ceasefire in Ukraine.") == [("RUS", "UKR", "0871")]
    assert triples(mini_coder, "Russia agreed to the demands of Ukraine.") == [("RUS", "UKR", "080")]
    # a pattern of the shorter verb that skips the particle ("ceasefire with +") does not stand in
    events = mini_coder.code_text("Russia agreed to a ceasefire with Ukraine.")
    assert [(e.triple(), e.pattern_id) for e in events] == [(("RUS", "UKR", "0871"), "mini/verbs/verbs.csv:32")]


def test_hyphenated_participle_is_an_adjective(mini_coder):
    # "Russian-backed rebels" describe who the rebels are; no event of backing
    got = triples(mini_coder, "Russian-backed rebels attacked Ukraine.")
    assert [code for _, _, code in got] == ["190"] and got[0][0].endswith("REB")
    assert triples(mini_coder, "Russia backed the rebels in Ukraine.") == [("RUS", "UKRREB", "051")]


def test_compound_subject_of_a_ceasefire_is_mutual(mini_coder):
    assert triples(mini_coder, "Russia and Ukraine agreed to a ceasefire.") == [("RUS", "UKR", "0871"),
                                                                              ("UKR", "RUS", "0871")]


def test_a_verb_form_after_an_amount_is_a_noun(mini_coder):
    assert triples(mini_coder, "Russia praised a $5 billion trade with Ukraine.") == [("RUS", "UKR", "051")]


# -- compound actors, noun phrases and clause boundaries ----------------------------------------

def test_neither_nor_is_a_list_that_denies_its_verb(mini_coder):
    assert triples(mini_coder, "Neither Russia nor China attacked Ukraine.") == []


def test_agents_of_several_countries_give_every_pair(mini_coder):
    got = triples(mini_coder, "Soldiers and police in Russia and China attacked Ukraine.")
    assert got == sorted((c + r, "UKR", "190") for c in ("RUS", "CHN") for r in ("MIL", "COP"))


def test_coordinated_adjectives_between_possessive_and_agent(mini_coder):
    assert triples(mini_coder, "Russia's new and powerful army attacked Ukraine.") == [("RUSMIL", "UKR", "190")]


def test_an_apposition_is_not_the_subject(mini_coder):
    assert triples(mini_coder, "China, Russia's closest ally, praised Ukraine.") == [("CHN", "UKR", "051")]


def test_an_acronym_in_brackets_belongs_to_the_name(mini_coder):
    assert triples(mini_coder, "The North Atlantic Treaty Organization (NATO) praised Ukraine.") == [
        ("IGOWSTNAT", "UKR", "051")]


def test_an_agent_word_between_a_possessive_and_a_noun_is_an_adjective(mini_coder):
    (trace,) = mini_coder.explain("Putin praised Ukraine on his first official visit.", "2021-12-13")
    assert [code for _, code in trace.mentions] == ["RUSGOV", "UKR"]


def test_years_after_clause_is_background(mini_coder):
    assert triples(mini_coder, "Russia praised China, five years after Britain attacked France.") == [
        ("RUS", "CHN", "051")]


def test_a_bare_participle_after_a_noun_is_not_coded(mini_coder):
    assert triples(mini_coder, "Russian troops praised by China attacked Ukraine.") == [("RUSMIL", "UKR", "190")]


def test_a_that_complement_names_the_target_of_a_verb_without_object(mini_coder):
    assert triples(mini_coder, "Britain warned on Monday that Russian troops were massing.") == [
        ("GBR", "RUSMIL", "130")]


def test_n_of_x_after_a_non_place_preposition_is_the_object(mini_coder):
    assert triples(mini_coder, "Putin met with the leadership of China.") == [("RUSGOV", "CHN", "040")]
    assert triples(mini_coder, "Putin met in the capital of China.") == []


@pytest.mark.parametrize("text, expected", [
    ("Russia abandoned efforts to attack Ukraine.", []),
    ("Russia has no plans to attack Ukraine.", []),
    ("Russia plans to attack Ukraine.", [("RUS", "UKR", "1384")]),
])
def test_infinitives_after_effort_and_plan_nouns(mini_coder, text, expected):
    assert triples(mini_coder, text) == expected


def test_new_actor_length_codes_unnamed_noun_phrases():
    from eventcoder import Coder
    from tests.conftest import MINI
    assert triples(Coder(MINI, new_actor_length=3), "The orc horde attacked Ukraine.") == [
        ('"THE ORC HORDE"', "UKR", "190")]
    assert triples(Coder(MINI, new_actor_length=2), "The orc horde attacked Ukraine.") == []
    assert triples(Coder(MINI), "The orc horde attacked Ukraine.") == []  # off by default


def test_comma_clauses_option_drops_short_asides():
    from eventcoder import Coder
    from eventcoder.commas import CommaRules
    from tests.conftest import MINI
    text = "Britain attacked Ukraine, a senior Russian official said on Monday."
    (trace,) = Coder(MINI, comma_clauses=CommaRules()).explain(text, "2021-12-13")
    assert trace.reduced == "Britain attacked Ukraine ." and [e.triple() for e in trace.events] == [
        ("GBR", "UKR", "190")]
    (trace,) = Coder(MINI).explain(text, "2021-12-13")  # off by default
    assert trace.reduced == "" and [e.triple() for e in trace.events] == [("GBR", "UKR", "190")]
    (trace,) = Coder(MINI, comma_clauses=CommaRules(emax=0)).explain(text, "2021-12-13")
    assert trace.reduced == ""


def test_comma_clause_rules():
    from eventcoder.commas import CommaRules, drop_comma_clauses
    from eventcoder.text import split_sentences
    (s,) = split_sentences("Austria will restore ties with Ghana, five years after the fire, a senior official said.")
    out = drop_comma_clauses(s, CommaRules(), set())
    assert " ".join(out.words) == "Austria will restore ties with Ghana ."
    assert drop_comma_clauses(s, CommaRules(max=0, emax=0), set()) is None
    out = drop_comma_clauses(s, CommaRules(emax=0), set())  # internal only
    assert " ".join(out.words) == "Austria will restore ties with Ghana , a senior official said ."
    protected = {k for k, w in enumerate(s.words) if w == ","}
    assert drop_comma_clauses(s, CommaRules(), protected) is None
    (s,) = split_sentences("On Monday, Austria will restore full diplomatic ties with the old kingdom of Ghana.")
    assert drop_comma_clauses(s, CommaRules(), set()) is None  # initial clauses: off by default
    assert drop_comma_clauses(s, CommaRules(bmin=1, bmax=3), set()).words[0] == "Austria"


# -- pattern elements (the PETRARCH ones too) ----------------------------------------------------

def pattern_coder(tmp_path, rows: str, **kw):
    from eventcoder import Coder
    from tests.conftest import MINI
    mine = tmp_path / "mine" / "verbs"
    mine.mkdir(parents=True)
    (mine / "v.csv").write_text("code,verb,pattern\n" + rows)
    return Coder([MINI, tmp_path / "mine"], **kw)


def test_exact_pattern_words_do_not_match_plurals(tmp_path):
    coder = pattern_coder(tmp_path, "111,abandon,\n120,abandon,=effort\n121,abandon,resolution\n")
    assert triples(coder, "Russia abandoned the effort with Ukraine.") == [("RUS", "UKR", "120")]
    assert triples(coder, "Russia abandoned efforts with Ukraine.") == [("RUS", "UKR", "111")]
    assert triples(coder, "Russia abandoned resolutions with Ukraine.") == [("RUS", "UKR", "121")]


def test_skip_element_skips_the_next_actor(tmp_path):
    coder = pattern_coder(tmp_path, "162,caution,at ^ +\n")
    assert triples(coder, "Russia cautioned at the Ukraine of China.") == [("RUS", "CHN", "162")]


def test_compound_before_the_verb_makes_its_members_act_on_each_other(tmp_path):
    coder = pattern_coder(tmp_path, "191,postpone,% have *\n")
    assert triples(coder, "Russia and China have postponed their meeting.") == [
        ("CHN", "RUS", "191"), ("RUS", "CHN", "191")]
    assert triples(coder, "Russia has postponed their meeting.") == []  # "%" needs a list


def test_pattern_slots_hold_in_the_passive(tmp_path):
    coder = pattern_coder(tmp_path, "0841,free,+ * from $\n")
    assert triples(coder, "Ukraine's army was freed from Russia.") == [("RUS", "UKRMIL", "0841")]


def test_a_target_before_the_verb_takes_the_source_from_the_clause_before(tmp_path):
    coder = pattern_coder(tmp_path, "115,regret,noted + *\n")
    assert triples(coder, "Putin noted that China regretted the decision.") == [("RUSGOV", "CHN", "115")]


def test_a_verb_form_after_an_intensifier_is_an_adjective(tmp_path):
    coder = pattern_coder(tmp_path, "192,close,border\n")
    assert triples(coder, "Russian troops came very close to the border with Ukraine.") == []


def test_underscore_joined_words_in_a_text_are_words():
    from eventcoder.text import split_sentences
    (s,) = split_sentences("Ghana warned the mayor of Dar_es_Salaam.")
    assert s.words[-3:] == ["es", "Salaam", "."] and s.text[s.starts[-2]:].startswith("Salaam")


def test_persons_a_release_names_are_its_target(mini_coder):
    # "protester" is the pattern's word and also the freed actor
    assert triples(mini_coder, "Russia released the protesters.") == [("RUS", "RUSCVL", "0841")]


def test_a_participle_of_accusation_after_a_comma_is_an_act_of_its_own(mini_coder):
    # a participle clause of material action describes the event just coded ...
    assert triples(mini_coder, "Russia attacked Ukraine, occupying Kyiv.") == [("RUS", "UKR", "190")]
    # ... but one of accusation is a second act of the main subject; 'it' is the last actor named before it
    assert triples(mini_coder, "Russia attacked Ukraine, accusing it of provocations.") == [
        ("RUS", "UKR", "112"), ("RUS", "UKR", "190")]
    assert triples(mini_coder, "Britain and France praised Germany, accusing Russia of lies.") == [
        ("FRA", "DEU", "051"), ("FRA", "RUS", "112"), ("GBR", "DEU", "051"), ("GBR", "RUS", "112")]


def test_a_participle_takes_the_main_verb_subject_not_that_of_a_verb_in_its_object(mini_coder):
    # 'met' inside the object of 'praised' has a subject of its own; 'accusing' belongs to Britain's clause
    got = triples(mini_coder, "Britain praised Ukrainian troops who met in Geneva, accusing Russia of lies.")
    assert ("GBR", "RUS", "112") in got and not any(s.startswith("UKR") and c == "112" for s, _, c in got)


def test_a_coordinated_verb_continues_the_main_clause_and_shares_its_target(mini_coder):
    # 'and warned' after an object noun: the subject is the first verb's, and with no object of its own the
    # warning is addressed to the first verb's target
    assert triples(mini_coder, "Britain praised the Russian troops and warned of consequences.") == [
        ("GBR", "RUSMIL", "051"), ("GBR", "RUSMIL", "130")]
    # a past-tense verb is coordinated with the past-tense 'urged', not with the bare verb asked for
    assert triples(mini_coder, "Britain urged Russia to meet Ukraine and threatened Germany.") == [
        ("GBR", "DEU", "130")]
    # a verb coordinated with a participle that describes the event before describes it too
    assert triples(mini_coder, "Russia attacked Ukraine, occupying Kyiv and detaining Ukrainian troops.") == [
        ("RUS", "UKR", "190")]


@pytest.mark.parametrize("text", [
    "Putin is not expected to visit Ukraine.",
    "Putin does not plan to visit Ukraine.",
    "Russia has yet to meet Ukraine.",
    "Britain has seen no evidence that Russia attacked Ukraine.",
    "There is no sign that Russia attacked Ukraine.",
])
def test_intent_denied_and_events_without_evidence_are_not_coded(mini_coder, text):
    assert triples(mini_coder, text) == []


def test_intent_and_evidence_without_negation_still_code(mini_coder):
    assert triples(mini_coder, "Putin is expected to visit Ukraine.") == [("RUSGOV", "UKR", "036")]
    assert triples(mini_coder, "Britain has seen evidence that Russia attacked Ukraine.") == [("RUS", "UKR", "190")]


def test_an_appeal_is_made_to_the_one_asked_not_to_those_it_is_for(tmp_path):
    coder = pattern_coder(tmp_path, "0253,call on,to release +\n")
    # the one called on is the target, though the pattern's '+' names the prisoners
    assert triples(coder, "Britain called on Russia to release Ukrainian troops.") == [("GBR", "RUS", "0253")]
    # no actor asked: the pattern's target stands
    assert triples(coder, "Britain called on the world to release Ukrainian troops.") == [("GBR", "UKRMIL", "0253")]


def test_talks_reported_as_the_circumstance_are_a_consultation(mini_coder):
    assert triples(mini_coder, "Britain praised Germany during talks with France.") == [
        ("GBR", "DEU", "051"), ("GBR", "FRA", "040")]
    # talks before or after the news, or only planned, are not coded
    assert triples(mini_coder, "Britain praised Germany after talks with France.") == [("GBR", "DEU", "051")]
    assert ("GBR", "FRA", "040") not in triples(mini_coder, "Britain will praise Germany at talks with France.")


def test_an_ethnic_group_is_a_people_placed_by_the_sentence_not_a_state(mini_coder):
    assert triples(mini_coder, "Russian troops detained ethnic Ukrainians in Russia.") == [("RUSMIL", "RUS", "173")]
    assert ("RUSMIL", "UKR", "173") not in triples(mini_coder, "Russian troops detained ethnic Ukrainians.")
    # without 'ethnic' the demonym is the state's
    assert triples(mini_coder, "Russian troops detained Ukrainians in Russia.") == [("RUSMIL", "UKR", "173")]


def test_a_verb_form_after_onto_is_a_noun(mini_coder):
    assert triples(mini_coder, "Russian troops loaded Ukrainians onto trade ships with Germany.") == []


def test_their_meeting_is_a_consultation_of_both_sides(mini_coder):
    assert triples(mini_coder, "Joe Biden hosted Vladimir Putin in Geneva for their first meeting.") == [
        ("RUSGOV", "USAGOV", "040"), ("USAGOV", "RUSGOV", "043")]
    got = triples(mini_coder, "Russia and Ukraine praised Britain at their meeting in Geneva.")
    assert ("RUS", "UKR", "040") in got and ("UKR", "RUS", "040") in got
    # a meeting before the news is background
    assert triples(mini_coder, "Russia and Ukraine praised Britain after their meeting in Geneva.") == [
        ("RUS", "GBR", "051"), ("UKR", "GBR", "051")]


def test_each_of_two_sides_acts_on_the_other(mini_coder):
    assert triples(mini_coder, "Russia and Ukraine each detained 50 soldiers.") == [
        ("RUS", "UKR", "173"), ("UKR", "RUS", "173")]
    # without 'each', unnamed soldiers are each subject's own
    assert triples(mini_coder, "Russia and Ukraine detained 50 soldiers.") == [
        ("RUS", "RUSMIL", "173"), ("UKR", "UKRMIL", "173")]


def test_what_a_request_asks_for_is_no_event(mini_coder):
    assert triples(mini_coder, "Russia made a request to attack Ukraine.") == []
    assert triples(mini_coder, "Russia made a decision to attack Ukraine.") == [("RUS", "UKR", "190")]
    # "re-" before a verb keeps the verb in its clause: "a request to re-attack"
    assert triples(mini_coder, "Russia made a request to re-attack Ukraine.") == []
    assert triples(mini_coder, "Russia re-attacked Ukraine.") == [("RUS", "UKR", "190")]


def test_a_gerund_that_is_weighed_is_no_event(mini_coder):
    # "is considering attacking": weighed, not done; "started attacking": done
    assert triples(mini_coder, "Russia is considering attacking Ukraine.") == []
    assert triples(mini_coder, "Russia started attacking Ukraine.") == [("RUS", "UKR", "190")]


def test_the_two_leaders_are_the_two_sides_named_before(mini_coder):
    got = triples(mini_coder, "Joe Biden met Vladimir Putin in Geneva, where the two leaders praised the deal.")
    assert ("USAGOV", "RUSGOV", "051") in got and ("RUSGOV", "USAGOV", "051") in got
    # without 'two'/'both' the leaders stay unnamed; with three states named, 'the two' is ambiguous
    assert triples(mini_coder, "Joe Biden met Vladimir Putin in Geneva, where the leaders praised the deal.") == [
        ("USAGOV", "RUSGOV", "040")]
    assert not any(c == "051" for _, _, c in triples(
        mini_coder, "Russia, Ukraine and Britain met in Geneva, where the two leaders praised the deal."))


@pytest.mark.parametrize("text", ["Britain urged Russia to meet Ukraine and praise Germany.",
                                  "Britain urged Russia to meet Ukraine and to praise Germany."])
def test_a_bare_verb_joined_to_one_asked_of_someone_is_asked_too(mini_coder, text):
    assert triples(mini_coder, text) == []


@pytest.mark.parametrize("text, expected", [
    # titles and abbreviations whose dot the tokenizer splits off do not end a sentence
    ("Lt. Col. Ann Reyes met Capt. Omar Diallo. They spoke.", ["Lt. Col. Ann Reyes met Capt. Omar Diallo.", "They spoke."]),
    ("The No. 2 official resigned. Pres. Ruto named a successor.",
     ["The No. 2 official resigned.", "Pres. Ruto named a successor."]),
    # a sentence can still end in "no"
    ("The answer was no. Talks ended.", ["The answer was no.", "Talks ended."]),
    # a quote that opens the next sentence is not the end of this one
    ('The vote is on Jan. 5. "We are ready," he said.', ["The vote is on Jan. 5.", '"We are ready," he said.']),
    ("It was 'fine.' She left.", ["It was 'fine.'", "She left."]),
])
def test_sentence_splitter_titles_and_quotes(text, expected):
    from eventcoder.text import split_sentences
    assert [s.text for s in split_sentences(text)] == expected
