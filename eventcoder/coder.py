"""Sentence → events. The public ``Coder`` ties readers' articles to the matching modules.

No file I/O here: dictionaries come in compiled, events go out as ``Event`` objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter
from pathlib import Path

from .actors import PLACE_PREPS, PREPOSITIONS, Mention, SentenceActors, compose, find_hits, nationals
from .clauses import (
    FUTURE,
    NEGATIVE_CONTROL,
    NEGATORS,
    NO_LOCATIVE_TARGET_ROOTS,
    OBJECT_STOPS,
    SAY_VERBS,
    SPECULATIVE,
    DocumentContext,
    Frame,
    addressee,
    analyse_chain,
    attacker_in,
    complement_actor,
    conjuncts,
    find_by_agent,
    find_object,
    find_subject,
    nearest_actor_before,
    noun_phrase_after,
    noun_phrase_before,
    provocation_target,
    quote_speaker,
    speaker_of,
    unnamed_actor,
)
from .commas import CommaRules, drop_comma_clauses, phrase_commas
from .dictionaries import DictionarySet
from .events import Event, make_event_id
from .lexicon import Lexicon, compile_lexicon
from .text import Sentence, split_sentences, strip_dateline
from .verbs import PatternMatch, VerbHit, _singular, find_verbs, match_verb, named_person, person_pattern

# Future or intended actions become CAMEO intent codes (03x) or threats (13x).
_INTENT_BY_CODE = {
    "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
    "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
    "191": "1381", "192": "1382", "204": "1385",
    "2041": "1385", "2042": "1385",
}
_INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "15": "138", "16": "131",
                   "17": "137", "18": "1383", "19": "1384", "20": "1383"}


_SAY_INFLECTED = SAY_VERBS - {"state", "report", "note"}
_VBD = frozenset({"VBD"})
_index_of = attrgetter("index")
# Codes whose actors act on each other when a compound subject has no object ("A and B held talks").
_RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "019", "087", "193"})  # 087: "A and B agreed to a ceasefire"


# CAMEO codes whose first three letters are not a state: never lent to an agent without a country.
_NOT_A_COUNTRY = frozenset({"---", "IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS", "AFR", "ASA", "BLK", "CRB",
                            "CAU", "CFR", "CAS", "CEU", "EAF", "EEU", "EUR", "LAM", "MEA", "MDT", "NAF", "NMR",
                            "PGS", "SAF", "SAM", "SAS", "SEA", "WAF", "WEU", "WST", "NAM", "SCA", "EAS", "OCE"})


# Protest, repression and fighting between an agent with no country and a state are domestic far more
# often than not ("police fired on protesters"), and so are concessions ("lifted travel restrictions on
# women"); diplomacy is not ("the minister met Biden").
_DOMESTIC_ROOTS = frozenset({"08", "14", "15", "17", "18", "19", "20"})


# Verbal acts (appeal, demand, disapprove, reject, threaten): in a participle clause after the main event
# ("recalled their negotiators, accusing Hamas of ...") they are events of their own.
_VERBAL_ACT_ROOTS = frozenset({"02", "10", "11", "12", "13"})


# Roles that belong to the country they are talked about in, whatever the event: "the opposition",
# "protesters", "the rebels", "the police" next to a state are that state's ("Yoon accused the opposition").
_DOMESTIC_ROLES = frozenset({"OPP", "CVL", "REB", "INS", "COP", "LAB", "PTY", "SEP"})


# The role of a place that stands as target for want of another: protests are against its government,
# assault and mass violence hit its people.
_PLACE_TARGET_ROLE = {"14": "GOV", "18": "CVL", "20": "CVL"}


# Repression, assault and mass violence against people no dictionary names, and protests.
_UNNAMED_VICTIM_ROOTS = frozenset({"14", "17", "18", "20"})


# Words that may stand between a killing verb and its count ("killed more than 130", "killing at least 150").
_COUNT_HEDGES = frozenset({"more", "than", "at", "least", "nearly", "almost", "about", "around", "some", "over",
                           "up", "to", "an", "estimated", "roughly", "as", "many"})
_COMBATANTS = frozenset({"MIL", "REB", "INS", "UAF", "COP", "SPY", "PRM", "SEP", "GOV"})
MASS_KILLING_COUNT = 100
_NON_STATE_ARMED = frozenset({"REB", "INS", "UAF", "SEP", "CRM", "CVL"})


def _mass_killing(hit: VerbHit, sent: Sentence, actors: SentenceActors) -> bool:
    """Does the killing verb's object count at least 100 non-combatants ("killed more than 130 people",
    "killing at least 150 villagers")? Soldiers, police or fighters killed are combat, not a massacre."""
    lower, n = sent.lower, len(sent.lower)
    k = hit.end
    while k < n and k - hit.end < 4 and lower[k] in _COUNT_HEDGES:
        k += 1
    if k < n and lower[k] in ("hundreds", "thousands", "tens") and "of" in lower[k + 1:k + 4]:
        k = lower.index("of", k + 1)  # "hundreds of villagers", "tens of thousands of civilians"
    elif k >= n or not lower[k].replace(",", "").isdigit() or int(lower[k].replace(",", "")) < MASS_KILLING_COUNT:
        return False
    m = actors.by_start.get(k + 1) or actors.by_start.get(k + 2)
    return m is not None and len(m.code) >= 6 and m.code[3:6] not in _COMBATANTS


def _own_side(t: Mention, sources: list[Mention]) -> bool:
    """Is ``t`` the sources' own country, soil or forces, or police/troops of no named country?"""
    return t.code[:3] in {s.code[:3] for s in sources} and t.code[3:6] in ("", "COP", "MIL") or (
        t.code.startswith("---") and t.code[3:6] in ("COP", "MIL"))


def _unnamed_targets(sources: list[Mention], code: str, hit: VerbHit, sent: Sentence) -> list[Mention]:
    country = sources[0].code[:3]
    if country in _NOT_A_COUNTRY or len({s.code[:3] for s in sources}) > 1:
        return []
    first = sent.lower[hit.end] if hit.end < len(sent.lower) else ""
    if code[:2] != "14" and (not first.isalnum() or first in PREPOSITIONS):
        return []  # no direct object ("police detained on Monday"): nothing to guess
    role = "GOV" if code[:2] == "14" else "CVL"
    if sources[0].code[3:6] == role:
        return []
    stand_in = Mention(hit.end, hit.end, country + role, "", [], prep=None)
    return [stand_in]


def _object_pronoun(k: int, subject: list[Mention], actors: SentenceActors, ctx: DocumentContext) -> list[Mention]:
    """"agreed to meet him": the last person mentioned who is not the subject."""
    taken = {m.code for m in subject}
    before = [m for m in actors.mentions if m.end <= k and m.person and m.code not in taken]
    named = [m for m in before if any(h.entry.actor is not None and h.entry.actor.kind == "person" for h in m.hits)]
    if named or before:
        return [(named or before)[-1]]
    last = ctx.last_person
    return [last] if last is not None and last.code not in taken else []


def _addressee_before(target: Mention, hit: VerbHit, code: str, sent: Sentence, actors: SentenceActors) -> Mention:
    """"urged Iran to free French nationals", "called on Iran to release X": an appeal or demand is made to the
    one asked to act (the object before "to"), not to the people whose release is asked for."""
    if code[:2] not in _ASKING_ROOTS or target.start <= hit.end:
        return target
    lower = sent.lower
    for m in actors.mentions:
        if hit.end <= m.start and m.end < target.start and (m.prep is None or m.start == hit.end) \
                and lower[m.end] == "to":
            return m
    return target


# Appeals and demands: their target is the one asked.
_ASKING_ROOTS = frozenset({"02", "10"})


def _resolve_unknown(src: str, tgt: str, code: str, actors: SentenceActors, at: int,
                     sent: Sentence | None = None, foreigners: bool = False) -> tuple[str, str]:
    """An agent with no country ("police", "protesters") takes the country the sentence places the event
    in ("in Kathmandu", "a mosque in Peshawar", near the verb; "outside the Israeli embassy" names none), else — for protest, repression and fighting — the other actor's."""
    place = None
    best = 16
    lower = sent.lower if sent is not None else []
    for m in actors.mentions:
        # "in the east of the Gaza Strip", "shelled the outskirts of Donetsk", "a part of Syria's second city"
        inside = m.prep == "of" and (any(w in PLACE_PREPS for w in lower[max(0, m.start - 6):m.start]) or (
            m.start >= 2 and lower[m.start - 1] == "of" and lower[m.start - 2] in _PLACE_PARTS)) or any(
            h.start > m.start and lower[h.start - 1] == "in" and h.role == "country" for h in m.hits)  # "a hospital in Kyiv"
        if sent is not None and m.prep == "in" and attacker_in(sent, actors, m.start):
            continue  # "killed in Israeli tank shelling": whose attack, not where
        if (m.prep in PLACE_PREPS or m.prep == "through" or inside) and m.code[:3] not in _NOT_A_COUNTRY \
                and (all(h.role != "agent" for h in m.hits)  # "the Israeli embassy" is no place,
                     or any(h.role == "country" and not h.entry.adjective for h in m.hits)) \
                and abs(m.start - at) < best:
            place, best = m.code[:3], abs(m.start - at)
    domestic = code[:2] in _DOMESTIC_ROOTS
    if src.startswith("---") and tgt:
        # "rebels released two Americans": people named by their nationality are no clue to the actor's
        home = (domestic or src[3:6] in _DOMESTIC_ROLES) and not foreigners
        other = tgt[:3] if home and tgt[:3] not in _NOT_A_COUNTRY else "---"
        src = (place or other) + src[3:]
    if tgt.startswith("---"):
        home = domestic or tgt[3:6] in _DOMESTIC_ROLES
        other = src[:3] if home and src[:3] not in _NOT_A_COUNTRY else "---"
        tgt = (place or other) + tgt[3:]
    return src, tgt


# Nouns naming a piece of a place: "the outskirts of X", "parts of X" put an event in X.
_PLACE_PARTS = frozenset({"part", "parts", "area", "areas", "outskirts", "suburb", "suburbs", "north", "south",
                          "east", "west", "northeast", "northwest", "southeast", "southwest", "centre", "center",
                          "heart", "region", "regions", "district", "districts", "province", "provinces",
                          "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "territory",
                          "territories", "city", "town", "village", "villages", "capital", "coast", "rest"})
_VISIT_CODES = frozenset({"042", "043"})
_NOT_VISITORS = frozenset({"MIL", "COP", "REB", "INS", "UAF", "CRM", "SEP", "CVL", "REF"})


def _reciprocal(code: str) -> bool:
    return code[:2] in _RECIPROCAL_ROOTS or code[:3] in _RECIPROCAL_ROOTS


def _pattern_covers_chain(pm: PatternMatch, f: Frame, sent: Sentence, actors: SentenceActors) -> bool:
    """A pattern that spells out the negation or modal ("&NEGATVAUXVRB * ...", "NEITHER * ...") already
    coded it."""
    if not pm.pattern.before:
        return False
    words = {w for e in pm.pattern.before for w in e.words}
    words.update(w for e in pm.pattern.before for o in e.options for w in o)
    chain = set(sent.lower[f.chain_start:f.hit.index])
    if f.controller is not None:  # "won't try to clash": the controller's negation is the verb's
        chain.update(sent.lower[max(0, f.controller.index - 4):f.controller.index])
    if _neither(f.subject, sent.lower, actors):
        chain.add("neither")
    return bool(words & chain & (NEGATORS | FUTURE | SPECULATIVE | {"n't", "not"}))


def _announced_decision(f: Frame, code: str, sent: Sentence, limit: int) -> bool:
    """"Russia said it would expel the BBC correspondent", "Colombia would break off relations with Israel": an
    announced cut in relations or coercive measure with no condition is the act (a threat has an "if")."""
    if code[:2] not in ("16", "17") or f.controller is not None:
        return False
    return not any(w in ("if", "unless", "should") for w in sent.lower[f.hit.index:])


def _own_threat(f: Frame, code: str, sent: Sentence, frames: dict[int, Frame]) -> bool:
    """"Erdogan said Ankara could suspend diplomatic relations with the UAE": a state saying what it could do to
    another (reduce relations, sanction, use force) threatens it; "analysts said Russia could invade" does not."""
    if not f.modal or code[:2] not in ("15", "16", "17", "18", "19", "20") or not f.subject:
        return False
    says = [fr for k, fr in frames.items() if k < f.hit.index and sent.lower[k] in SAY_VERBS and fr.subject]
    if not says:
        return False
    speaker = {m.code[:3] for m in says[-1].subject}
    return {m.code[:3] for m in f.subject} <= speaker and "---" not in speaker


def _long_ago(lower: list[str], start: int, end: int, limit: int, date: dt.date, verb_at: dict) -> bool:
    """"officers killed by Soviet secret police in 1940": "in" + a year two or more before the article's,
    in the verb's clause before any other verb (or opening the sentence), marks background, not news."""
    spots = [0] if lower[:1] == ["in"] else []
    for k in range(end, min(limit, start + 16)):
        if k in verb_at:
            break  # "easing a blockade imposed in 2017": the year dates the other verb
        if lower[k] == "in":
            spots.append(k)
    for k in spots:
        j = k + 1
        if j < len(lower) and lower[j] in ("early", "late", "mid"):
            j += 1
        y = lower[j] if j < len(lower) else ""
        if len(y) in (4, 5) and y[:4].isdigit() and 1800 < int(y[:4]) <= date.year - 2:
            return True
    return False


def _share_modality(frames: dict[int, Frame], sent: Sentence, actors: SentenceActors) -> None:
    """"agreed to jointly produce engines and deepen cooperation", "will meet and discuss": a bare verb
    coordinated with a future or intended one is future too; one after "not X or" is negated."""
    lower = sent.lower
    prev: Frame | None = None
    for idx in sorted(frames):
        f = frames[idx]
        if not f.hit.verbs:
            continue
        j = f.chain_start - 1
        if j >= 2 and lower[j] in ("or", "nor") and any(lower[q] in ("not", "n't", "never") for q in range(j - 3, j)):
            f.negated = True  # "did not confirm or deny carrying out the strike": denied no more than confirmed
        if prev is not None and f.chain_start == idx and j >= 0 and lower[j] == "and" and j not in actors.by_end \
                and idx - prev.hit.index <= 15 and (prev.future or prev.controller is not None) \
                and not f.hit.tags & {"VBD", "VBN"} and "VBG" not in f.hit.tags:
            f.future = f.future or prev.future
        prev = f


def _subject_modality(frames: dict[int, Frame], sent: Sentence, actors: SentenceActors) -> None:
    """"hopeful that Russia and Ukraine would agree": hoped for; "demanded that Israel halt its bombardment and
    allow aid in": a demand, not an act (the bare verb after a mandative "that")."""
    lower = sent.lower
    mandated: Frame | None = None
    asked: Frame | None = None  # the last verb asked of someone ("urged X to resume dialogue")
    for idx in sorted(frames):
        f = frames[idx]
        if asked is not None and f.hit.verbs and idx - asked.hit.index <= 12 and _joined_bare(f, lower):
            # "urged the U.S. and North Korea to resume dialogue and (to) meet each other halfway": asked too
            f.object_controlled = True
        if f.object_controlled:
            asked = f
        if not f.subject or any(m not in actors.mentions for m in f.subject):
            continue  # no subject, or "he" from an earlier sentence
        start = min(m.start for m in f.subject)
        k = start - 2 if start >= 2 and lower[start - 1] == "that" else start - 1
        if f.future and k >= 0 and lower[k] in _ATTITUDE:
            f.speculative = True  # "hopeful that Russia and Ukraine would reach a deal": hoped for, not announced
        if k >= 1 and lower[k + 1] == "that" and lower[k] in _EVIDENCE \
                and not NEGATORS.isdisjoint(lower[max(0, k - 3):k]):
            f.negated = True  # "had seen no evidence that China had supplied weapons": not reported as done
        bare = f.chain_start == idx and f.hit.tags <= frozenset({"VB", "VBP"})
        if bare and start >= 2 and lower[start - 1] == "that" and lower[start - 2] in _MANDATIVE:
            f.object_controlled = True
            mandated = f
        elif bare and mandated is not None and lower[f.chain_start - 1] == "and" and f.subject == mandated.subject:
            f.object_controlled = True


def _joined_bare(f: Frame, lower: list[str]) -> bool:
    """A bare verb joined by "and" ("... and meet", "... and to release")."""
    c = f.chain_start
    if not f.hit.tags <= frozenset({"VB", "VBP"}) or c < 1:
        return False
    if lower[c] == "to" and c >= 1:  # the chain holds "to": "and to release"
        return lower[c - 1] == "and"
    return lower[c - 1] == "and" and c == f.hit.index


_ATTITUDE = frozenset({"hope", "hopes", "hoped", "hopeful", "optimistic", "confident", "pessimistic", "sceptical",
                       "skeptical", "doubtful", "doubt", "doubts", "doubted", "wish", "wishes", "wished", "optimism",
                       "pessimism", "scepticism", "skepticism", "fear", "fears", "feared", "concern", "concerns",
                       "unlikely", "likely", "expectation", "expectations", "uncertainty", "report", "reports",
                       "rumour", "rumours", "rumor", "rumors", "speculation"})
_EVIDENCE = frozenset({"evidence", "proof", "sign", "signs", "indication", "indications", "confirmation", "suggestion"})
_VISIT_NOUNS = frozenset({"visit", "visits", "trip"})
_TALK_NOUNS = frozenset({"talks", "meeting", "meetings", "call", "conversation", "summit"})
_VISIT_OPENERS = frozenset({"during", "on", "after", "before", "ahead", "while"})
# talks as the circumstance of the news, not before or after it ("said after his summit with Biden"), nor
# their purpose ("travelled to Hanoi for his summit with Trump": not held yet)
_TALK_OPENERS = frozenset({"during", "at", "in", "while"})
# ... but "hosted Putin for their first meeting" holds it
_MEETING_OPENERS = _TALK_OPENERS | {"for"}


def _visit_phrases(sent: Sentence, date: dt.date | None, doc_id: str, actors: SentenceActors,
                   frames: dict[int, Frame], events: list[Event]) -> list[Event]:
    """"criticised China's record during a visit to Beijing", "during Modi's state visit to Washington",
    "after a visit to Minsk by U.S. envoy Keith Kellogg": the visit is reported as a circumstance; the visitor
    is the possessor, the "by" agent or the subject of the clause it hangs on (CAMEO 042)."""
    lower = sent.lower
    out: list[Event] = []
    for i, w in enumerate(lower):
        # (the same for talks: "praised Japan's leadership during talks with Shinzo Abe" consults Japan, 040)
        talks = w in _TALK_NOUNS
        if not (w in _VISIT_NOUNS or talks) or i + 1 >= len(lower) or lower[i + 1] != ("with" if talks else "to"):
            continue
        code = "040" if talks else "042"
        target = actors.by_start.get(i + 2)
        if target is None:
            continue
        openers = _TALK_OPENERS if talks else _VISIT_OPENERS
        opener = next((k for k in range(i - 1, max(-1, i - 7), -1) if lower[k] in openers), None)
        if opener is None or any(lower[k] in (",", ";") or k in frames for k in range(opener + 1, i)):
            continue
        visitor: list[Mention] = []
        owner = next((actors.by_end[k] for k in range(i - 1, opener, -1)
                      if lower[k] in ("'s", "'") and k in actors.by_end), None)  # "Modi's state visit"
        if owner is not None:
            visitor = actors.group_of(owner)
        elif target.end + 1 < len(lower) and lower[target.end] == "by" and target.end + 1 in actors.by_start:
            visitor = actors.group_of(actors.by_start[target.end + 1])  # "a visit to Minsk by Kellogg"
        else:  # the subject of the clause the phrase hangs on
            before = [f for idx, f in frames.items() if idx < opener and f.subject and not f.object_controlled]
            if before:
                clause = max(before, key=lambda f: f.hit.index)
                if not (talks and (clause.future or clause.speculative or clause.negated)):
                    visitor = clause.subject  # ("will travel to Moscow for talks with Putin": not held yet)
        for v in visitor:
            if v.code[3:6] in _NOT_VISITORS or v.code[:3] == target.code[:3]:
                continue
            if _has_dyad(events + out, v.code, target.code, code):
                continue
            out.append(_new_event(sent, doc_id, date, v.code, target.code, code, v.text, target.text,
                                     " ".join(sent.words[i:i + 2]), "engine:visit-phrase"))
    return out


def _their_meeting(sent: Sentence, date: dt.date | None, doc_id: str, frames: dict[int, Frame],
                   events: list[Event]) -> list[Event]:
    """"Trump welcomed Putin ... for their first meeting", "Trump and Kim shook hands at the start of their
    summit": a meeting of both sides, held now, is each one's consultation with the other (040 both ways)."""
    lower = sent.lower
    out: list[Event] = []
    for i, w in enumerate(lower):
        if w not in _TALK_NOUNS:
            continue
        their = next((k for k in range(i - 1, max(-1, i - 4), -1) if lower[k] == "their"), None)
        if their is None or their == 0 or any(lower[k] in (",", ";") or k in frames for k in range(their + 1, i)) \
                or any(lower[k] in _NOT_NOW for k in range(max(0, their - 4), their)):
            continue
        # the circumstance, not what the verb does to the meeting ("postponed their meeting")
        if not (lower[their - 1] in _MEETING_OPENERS or (lower[their - 1] == "of" and lower[their - 2] in _PARTS_OF)):
            continue
        before = [f for idx, f in frames.items() if idx < their and f.subject and f.hit.verbs]
        if not before:
            continue
        clause = max(before, key=lambda f: f.hit.index)
        if clause.future or clause.speculative or clause.negated or clause.object_controlled:
            continue
        sides = {m.code for m in clause.subject}
        if len({c[:3] for c in sides}) < 2:  # "A welcomed B for their meeting": B is the other side
            sides |= {e.target_code for e in events if e.source_code in sides and e.event_code[:2] == "04"}
        for a in sorted(sides):
            for b in sorted(sides):
                if a[:3] == b[:3] or a[:3] in _NOT_A_COUNTRY and b[:3] in _NOT_A_COUNTRY:
                    continue
                if _has_dyad(events + out, a, b, "040"):
                    continue
                out.append(_new_event(sent, doc_id, date, a, b, "040", "", "",
                                         " ".join(sent.words[their:i + 1]), "engine:their-meeting"))
    return out


def _has_dyad(events: list[Event], source: str, target: str, code: str) -> bool:
    """Is the pair of countries already coded with ``code``'s root (an engine rule adds no second one)?"""
    return any(e.source_code[:3] == source[:3] and e.target_code[:3] == target[:3] and e.event_code[:2] == code[:2]
               for e in events)


def _new_event(sent: Sentence, doc_id: str, date: dt.date | None, source: str, target: str, code: str,
                  source_text: str, target_text: str, trigger: str, pattern_id: str) -> Event:
    return Event(event_id=make_event_id(doc_id, sent.index, source, target, code), doc_id=doc_id,
                 sentence_id=sent.index, date=date, source_code=source, target_code=target, event_code=code,
                 source_text=source_text, target_text=target_text, trigger_text=trigger, pattern_id=pattern_id,
                 sentence=sent.text)


_NOT_NOW = frozenset({"after", "before", "since", "ahead", "until"})
_PARTS_OF = frozenset({"start", "end", "sidelines", "margins", "close", "opening", "outset"})


def pm_default(verbs, pm):
    """The default pattern of the verb that gave ``pm``, when ``pm`` is that default (else None)."""
    return next((v.default for v in verbs if v.default is pm.pattern), None)


def _both_sides(m: Mention, actors: SentenceActors, lower: list[str]) -> list[Mention]:
    """"the two governments", "both sides", "the two leaders": the two states named before, if just two."""
    if not (m.start >= 1 and lower[m.start - 1] in ("two", "both")):
        return []
    by_country: dict[str, Mention] = {}
    for x in actors.mentions:
        if x.end <= m.start and x.code[:3] not in _NOT_A_COUNTRY and x.prep not in PLACE_PREPS:
            by_country[x.code[:3]] = x
    return list(by_country.values()) if len(by_country) == 2 else []


def _neither(subject: list[Mention], lower: list[str], actors: SentenceActors) -> bool:
    """"Neither Israel nor Hezbollah accepted ...": the subject list denies the verb."""
    first = min(subject, key=lambda m: m.start, default=None)
    if first is None or not any(first is m for m in actors.mentions):
        return False  # no subject, or "he" standing for a person of an earlier sentence
    k = first.start - 1
    while k >= 0 and lower[k] in ("the", "a", "an"):
        k -= 1
    return k >= 0 and lower[k] == "neither"


def intent_code(code: str) -> str:
    """The CAMEO code for announcing ``code`` rather than doing it ("will meet" → 036)."""
    for k in (code, code[:3]):
        if k in _INTENT_BY_CODE:
            return _INTENT_BY_CODE[k]
    return _INTENT_BY_ROOT.get(code[:2], code)


@dataclass(slots=True)
class VerbTrace:
    verb: str
    trigger: str
    flags: list[str]
    pattern: str = ""
    code: str | None = None
    subject: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    outcome: str = ""


@dataclass(slots=True)
class SentenceTrace:
    """What ``eventcoder explain`` prints: how one sentence was read."""

    sentence: Sentence
    date: dt.date | None
    discarded_by: str = ""
    reduced: str = ""  # the sentence as coded, when comma clauses were dropped
    actors: list[str] = field(default_factory=list)
    mentions: list[tuple[str, str]] = field(default_factory=list)
    verbs: list[VerbTrace] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


class Coder:
    """Codes text into CAMEO events with a dictionary set (the shipped defaults unless given).

    >>> coder = Coder()
    >>> [e.triple() for e in coder.code_text("Russian troops attacked Ukraine.", date="2022-02-24")]
    [('RUSMIL', 'UKR', '190')]
    """

    def __init__(self, dictionaries: Lexicon | DictionarySet | Sequence[str | Path] | str | Path | None = None, *,
                 require_dyad: bool = True, strict: bool = False, model=None, intent_codes: bool = True,
                 comma_clauses: CommaRules | None = None, new_actor_length: int = 0):
        """``model``: optional trained spaCy pipeline (name or ``Language``, or any callable text -> Doc with a
        dependency parse) whose parse decides source and target where it names an actor.
        ``intent_codes``: turn future/intended actions into CAMEO intent and threat codes (PETRARCH
        dictionaries encode those in their patterns instead; the validation runner switches this off).
        ``comma_clauses``: drop short comma-delimited clauses before coding, as PETRARCH-1 does
        (``CommaRules()`` are its defaults; see ``eventcoder.commas``). Off by default.
        ``new_actor_length``: a verb's subject or object that no dictionary names is still coded when its
        noun phrase has at most this many words, with the phrase itself as code ('"THE MINISTRY OF MAGIC"'),
        as PETRARCH's option of that name does. 0 (the default) turns this off."""
        if isinstance(dictionaries, Lexicon):  # already compiled: coders with other options share it
            self.lexicon = dictionaries
        elif isinstance(dictionaries, DictionarySet):
            self.lexicon = compile_lexicon(dictionaries)
        else:
            from .cache import load_compiled
            if isinstance(dictionaries, str | Path):
                dictionaries = [dictionaries]
            self.lexicon = load_compiled(dictionaries, strict=strict)
        # words that make a token "verb-like" for actor composition (see _code_sentence)
        self._verb_like_words = self.lexicon.inflected | _SAY_INFLECTED
        self.require_dyad = require_dyad
        self.intent_codes = intent_codes
        self.comma_clauses = comma_clauses if comma_clauses is not None and comma_clauses.active else None
        self.new_actor_length = max(0, int(new_actor_length))
        if isinstance(model, str):
            import spacy
            model = spacy.load(model, exclude=["ner", "textcat", "lemmatizer"])
        self.parser = model
        self._exercise_nouns: frozenset[str] | None = None

    @property
    def dictionaries(self) -> DictionarySet:
        return self.lexicon.dictionaries

    # -- public API -----------------------------------------------------------------------
    def code_text(self, text: str, date: dt.date | str | None = None, doc_id: str = "text") -> list[Event]:
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        return self._code_document(doc_id, date, text)

    def code_article(self, article) -> list[Event]:
        """Code one ``eventcoder.corpus.Article`` (anything with doc_id, date, text)."""
        return self._code_document(article.doc_id, article.date, article.text)

    def code_document(self, article) -> tuple[list[Event], int]:
        """(events, number of sentences) for one article."""
        sents = split_sentences(strip_dateline(article.text))
        return self._code_document(article.doc_id, article.date, article.text, sents), len(sents)

    def code_articles(self, articles: Iterable) -> Iterator[Event]:
        for a in articles:
            yield from self.code_article(a)

    def events_frame(self, events: Iterable[Event]):
        """Events as a pandas DataFrame with the output schema's columns and dtypes."""
        from .analysis import table_to_frame
        from .output import events_to_table
        return table_to_frame(events_to_table(list(events)))

    def explain(self, text: str, date: dt.date | str | None = None) -> list[SentenceTrace]:
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        traces: list[SentenceTrace] = []
        ctx = DocumentContext(native=self.intent_codes)
        for sent in split_sentences(strip_dateline(text)):
            trace = SentenceTrace(sent, date)
            trace.events = self._code_sentence(sent, date, "explain", ctx, trace)
            traces.append(trace)
        return traces

    # -- internals ------------------------------------------------------------------------
    def _joint(self, pm: PatternMatch, f: Frame, sent: Sentence, sources: list[Mention]) -> bool:
        """Is this a joint act of several states ("joint exercises", "agreed to jointly produce",
        "Philippine and U.S. troops held drills")?"""
        if len({s.code[:3] for s in sources if not s.code.startswith("---")}) < 2:
            return False
        lower = sent.lower
        # (or the object's first words: "conducted joint naval patrols")
        words = {lower[k] for k in pm.words} | set(lower[f.chain_start:f.hit.index]) | set(
            lower[f.hit.end:f.hit.end + 3])
        if words & _JOINT_WORDS:
            return True
        if f.chain_start > 0 and lower[f.chain_start - 1] == "each" or f.hit.verbs[0].head in _MUTUAL_VERBS:
            return True  # "Russia and Ukraine each released 390 soldiers", "exchanged prisoners"
        if self._exercise_nouns is None:
            members = self.lexicon.dictionaries.synsets.get("&EXERCISE", [])
            self._exercise_nouns = frozenset(m.split()[-1] for m in members)
        return any(singular in self._exercise_nouns for singular in (_singular(lower[k]) for k in pm.words))

    def _code_document(self, doc_id: str, date: dt.date | None, text: str,
                       sentences: list[Sentence] | None = None) -> list[Event]:
        sents = sentences if sentences is not None else split_sentences(strip_dateline(text))
        if self._story_discarded(sents):
            return []
        ctx = DocumentContext(native=self.intent_codes)
        out: list[Event] = []
        for s in sents:
            out.extend(self._code_sentence(s, date, doc_id, ctx))
        return out

    def _story_discarded(self, sents: list[Sentence]) -> bool:
        if not self.lexicon.discards:
            return False
        return any(self._discard_hit(s, "story") for s in sents)

    def _discard_hit(self, sent: Sentence, scope: str) -> str:
        table = self.lexicon.discards
        lower = sent.lower
        if table.keys().isdisjoint(lower):
            return ""
        for i, w in enumerate(lower):
            for toks, sc in table.get(w, ()):
                if sc == scope and tuple(lower[i:i + len(toks)]) == toks:
                    return " ".join(toks)
        return ""

    def _code_sentence(self, sent: Sentence, date: dt.date | None, doc_id: str, ctx: DocumentContext,
                       trace: SentenceTrace | None = None) -> list[Event]:
        lex: Lexicon = self.lexicon
        if lex.discards:
            d = self._discard_hit(sent, "sentence")
            if d:
                if trace is not None:
                    trace.discarded_by = d
                return []
        if self.comma_clauses is not None:
            sent = self._drop_comma_clauses(sent, date, trace)
        hits = find_hits(sent, lex, date)
        if not hits and not self.new_actor_length:
            return []
        lower = sent.lower
        if lex.verb_forms.keys().isdisjoint(lower) and lex.verb_prefixes.isdisjoint(lower) and trace is None:
            # No verb of the dictionary: no event; only remember a person for a later "he"/"she".
            persons = [h for h in hits if h.entry.actor is not None and h.entry.actor.kind == "person"]
            if persons:
                ctx.last_person = compose(sent, persons, set()).mentions[-1]
            return []
        # Inflected verb forms ("met", "attacked") cannot sit inside a noun phrase; bare ones ("state") may.
        verb_like = set(compress(range(len(lower)), map(self._verb_like_words.__contains__, lower)))
        actors = compose(sent, hits, verb_like)
        if trace is not None:
            trace.actors = [f"{' '.join(sent.words[h.start:h.end])!r}: {h.label} ({h.origin})" for h in hits]
            trace.mentions = [(m.text, m.code) for m in actors.mentions]
        vhits = find_verbs(sent, lex, actors)
        if not SAY_VERBS.isdisjoint(lower):
            taken = {h.index for h in vhits}
            words = sent.words
            n_found = len(vhits)
            for i in compress(range(len(lower)), map(SAY_VERBS.__contains__, lower)):
                if i not in taken and i not in actors.covered and not (
                        i > 0 and words[i][:1].isupper()):  # "State Counsellor" is no saying verb
                    vhits.append(VerbHit(i, i + 1, [], _VBD))
            if len(vhits) > n_found:
                vhits.sort(key=_index_of)
        verb_at = {h.index: h for h in vhits}
        frames: dict[int, Frame] = {}
        for h in vhits:
            frames[h.index] = analyse_chain(h, sent, verb_at, actors)
        _share_modality(frames, sent, actors)
        for f in frames.values():
            f.subject = find_subject(f, sent, actors, frames, ctx, None)
        _subject_modality(frames, sent, actors)
        speaker = quote_speaker(sent, actors, frames)
        if speaker:
            for f in frames.values():
                if not f.subject:
                    f.subject = find_subject(f, sent, actors, frames, ctx, speaker)
        parse = None
        if self.parser is not None:
            from .parse import Parse
            parse = Parse(self.parser(sent.text), sent, actors)
        events = self._frames_to_events(sent, date, doc_id, actors, frames, verb_at, trace, parse, ctx)
        if self.intent_codes:  # native dictionaries only: PETRARCH's code visits through their own patterns
            events += _visit_phrases(sent, date, doc_id, actors, frames, events)
            events += _their_meeting(sent, date, doc_id, frames, events)
        if len(events) > 1 and any(e.event_code != "010" for e in events):
            # CAMEO: a plain statement is coded only when the sentence says nothing more specific
            # ("X said Y attacked Z" is the attack).
            events = [e for e in events if e.event_code != "010"]
        persons = [m for m in actors.mentions if m.person]
        if persons:
            ctx.last_person = persons[-1]
        return events

    def _drop_comma_clauses(self, sent: Sentence, date: dt.date | None, trace: SentenceTrace | None) -> Sentence:
        """``sent`` without the comma clauses ``self.comma_clauses`` drop (commas inside actor lists stay)."""
        if "," not in sent.lower:
            return sent
        actors = compose(sent, find_hits(sent, self.lexicon, date), set())
        protected = phrase_commas(sent, actors, self.lexicon.verb_forms.keys(), self.lexicon.inflected)
        reduced = drop_comma_clauses(sent, self.comma_clauses, protected)
        if reduced is None:
            return sent
        if trace is not None:
            trace.reduced = " ".join(reduced.words)
        return reduced

    def _add_unnamed(self, f: Frame, pm: PatternMatch, sent: Sentence, verb_at: dict[int, VerbHit],
                     actors: SentenceActors, sources: list[Mention], targets: list[Mention],
                     object_from: int) -> tuple[list[Mention], list[Mention]]:
        """PETRARCH's new actors: noun phrases no dictionary names, coded by their text (``new_actor_length``)."""
        limit = self.new_actor_length
        if pm.source is None and f.controller is None:
            a, b = noun_phrase_before(sent, verb_at, f.chain_start)
            extra = []
            for ca, cb in conjuncts(sent.lower, a, b):
                if not any(ca <= m.start < cb for m in actors.mentions):
                    m = unnamed_actor(sent, ca, cb, limit)
                    if m is not None:
                        extra.append(m)
            if not sources or (extra and any(a <= m.start < b for m in sources)):
                sources = list(sources) + extra  # "Eritrea's death and injury toll": ERI and "INJURY TOLL"
        if not targets and pm.target is None:
            a, b = noun_phrase_after(sent, verb_at, max(pm.end, object_from))
            m = unnamed_actor(sent, a, b, limit) if not any(a <= x.start < b for x in actors.mentions) else None
            if m is not None:
                targets = [m]
        return sources, targets

    def _frames_to_events(self, sent: Sentence, date: dt.date | None, doc_id: str, actors: SentenceActors,
                          frames: dict[int, Frame], verb_at: dict[int, VerbHit],
                          trace: SentenceTrace | None, parse=None, ctx: DocumentContext | None = None) -> list[Event]:
        ctx = ctx or DocumentContext(native=self.intent_codes)
        lower = sent.lower
        n = len(lower)
        controllers = {f.controller.index: f for f in frames.values() if f.controller is not None}
        consumed: set[int] = set()
        seen: set[tuple[str, str, str]] = set()
        events: list[Event] = []
        made_before = False
        last_made: tuple[list[Mention], list[Mention]] | None = None  # actors of the last frame with events
        described: set[int] = set()  # participle clauses that describe the previous event
        targets_of: dict[int, list[Mention]] = {}  # verb index -> the targets its events had
        frame_of: list[int] = []  # the verb index of each event
        for idx, f in frames.items():
            hit = f.hit
            if not hit.verbs:
                continue
            made_before = made_before or bool(events)
            if trace is not None:
                vt = VerbTrace(verb="/".join(v.phrase for v in hit.verbs),
                               trigger=" ".join(sent.words[f.chain_start:hit.end]), flags=_flags(f))
                trace.verbs.append(vt)
            else:
                vt = _NO_TRACE  # outcomes written to it are dropped
            if idx in consumed:
                vt.outcome = "part of the controlling verb's pattern"
                continue
            limit = n
            for k in range(hit.end, n):
                if lower[k] in _LIMIT_STOPS:
                    limit = k
                    break
            pm: PatternMatch | None = None
            for verb in hit.verbs:
                pm = match_verb(verb, hit, sent, actors, limit, self.lexicon.patterns_of(verb),
                                passive_from=f.chain_start if f.passive else -1)
                if pm is not None:
                    break
            if (pm is None or pm.pattern is pm_default(hit.verbs, pm)) and idx not in controllers:
                # "agreed to a ceasefire": no pattern of "agree to" fits, one of "agree" ("to &TRUCE") does
                for verb, end in hit.fallbacks:
                    short = VerbHit(hit.index, end, [verb], hit.tags)
                    # the particles the shorter verb leaves over must begin its pattern
                    fm = match_verb(verb, short, sent, actors, limit, self.lexicon.patterns_of(verb),
                                    starts_with=tuple(lower[end:hit.end]))
                    if fm is not None:
                        pm = fm
                        break
            participle = hit.gerund and idx > 0 and made_before and (
                sent.lower[f.chain_start - 1] == ","
                or (f.coordinated is not None and f.coordinated.hit.index in described))  # "killing 2 and setting"
            if participle and (pm is None or (pm.pattern.code or "")[:2] not in _VERBAL_ACT_ROOTS):
                # "Israeli jets struck Gaza, killing 20": the casualties of the event just coded; but
                # "cut ties with Qatar, accusing it of ...": a verbal act is an event of its own
                vt.outcome = "participle clause describing the previous event"
                described.add(idx)
                continue
            object_from = hit.end
            if idx in controllers:
                embedded = controllers[idx].hit
                if pm is None or not pm.pattern.after or pm.end <= embedded.index:
                    if not (lower[idx] in NEGATIVE_CONTROL and controllers[idx].negated
                            and pm is not None and pm.pattern.code is not None):
                        vt.outcome = f"controls {sent.words[embedded.index]!r}: coded there"
                        continue
                    # "abandoned efforts to stop X", "refused to meet X": the giving up is the event, and
                    # what was given up names its target
                    object_from = embedded.end
                consumed.add(embedded.index)
            if pm is None:
                vt.outcome = "no default code and no pattern matched"
                continue
            # "went on strike": the pattern used "strike"; it does not code again as a verb of its own
            consumed.update(k for k in verb_at if hit.index < k < pm.end)
            if trace is not None:
                vt.pattern = f"{pm.pattern.origin} {pm.pattern.verb} {pm.pattern.text}".strip()
            code = pm.pattern.code if pm.pattern.code is not None else pm.pattern.reverse_code
            vt.code = code
            if code is None:
                vt.outcome = "filter pattern: no event"
                continue
            if date is not None and _long_ago(lower, f.chain_start, hit.end, limit, date, verb_at):
                vt.outcome = "dated years before the article (background): no event"
                continue
            covered = _pattern_covers_chain(pm, f, sent, actors)
            if (f.negated or _neither(f.subject, lower, actors)) and not covered:
                vt.outcome = "negated: no event"
                continue
            if f.speculative and not covered and not (self.intent_codes and _own_threat(f, code, sent, frames)):
                vt.outcome = "speculative (could/might/may): no event"
                continue
            if f.speculative and not covered:
                code = intent_code(code)  # "Erdogan said Ankara could suspend relations": a threat
            if f.background:
                vt.outcome = "background ('years after ...'): no event"
                continue
            if f.modifier:
                vt.outcome = "participle describing the noun before it: no event"
                continue
            if f.object_controlled and not any(k < f.chain_start for k in pm.words):
                # (unless the pattern spells out what governs the verb: "+ HOSTING * ...")
                vt.outcome = "asked/urged of someone, not done: no event"
                continue
            if f.future and self.intent_codes and not covered and not _announced_decision(f, code, sent, limit):
                code = intent_code(code)
            if parse is not None:
                roles = parse.roles(idx)
                if roles.negated:
                    vt.outcome = "negated (parse): no event"
                    continue
                if roles.subject:
                    f.subject = roles.subject
            if pm.mutual:
                # PETRARCH "% HAVE * [191]", "% * [030:030]": "A and B agree": the members of the list act on
                # each other
                sources = targets = actors.group_of(pm.source)
            elif pm.pattern.roles == "speaker":
                # '"Russia would face consequences," Truss said': the speaker warns the verb's subject.
                sources = speaker_of(f, sent, actors, frames) or []
                targets = f.subject or nearest_actor_before(f, sent, actors)
                targets = [t for t in targets if all(t.code != s.code for s in sources)]
            elif f.passive:
                # the pattern's own slots first ("+ * FROM $": "the aid workers were freed from Hamas")
                if pm.source is not None:
                    sources = actors.group_of(pm.source)
                else:
                    sources = find_by_agent(f, sent, actors)
                    if parse is not None and roles.by_agent:
                        sources = roles.by_agent
                # an active pattern's "+" after the verb is the by-agent here ("was visited by ..."), not the target
                by_agent = pm.target is not None and pm.target.start > hit.index and pm.target.prep == "by"
                targets = actors.group_of(pm.target) if pm.target is not None and not by_agent else f.subject
                person = person_pattern(verb) if pm.pattern.roles != "person" and targets \
                    and all(named_person(x) for x in targets) else None
                if person is not None and person.code is not None:
                    code = person.code  # "Haniyeh was killed in an Israeli strike": an assassination
            else:
                sources = actors.group_of(pm.source) if pm.source is not None else f.subject
                if pm.source is None and pm.target is not None and pm.target.end <= hit.index:
                    # "- NOTED + * [115]": the pattern's target is the verb's own subject; the source is the
                    # subject of the clause its first word opens ("X noted that Ruritania regretted ...")
                    first = min((k for k in pm.words if k < pm.target.start), default=None)
                    if first is not None and (lower[first] in self.lexicon.inflected or lower[first] in SAY_VERBS):
                        sources = find_subject(Frame(hit, first), sent, actors, frames, ctx, None)
                if pm.target is not None:
                    targets = actors.group_of(_addressee_before(pm.target, hit, code, sent, actors))
                elif parse is not None and roles.object:
                    targets = roles.object
                else:
                    # the object may be inside the pattern's words ("expelled four Russian diplomats")
                    # the persons a release frees are its target, even when the pattern names them
                    # ("released opposition activists"), unlike the troops a deployment moves
                    own = frozenset() if (pm.pattern.code or "").startswith("0841") and len(sources) == 1 \
                        else pm.words
                    targets, locative = find_object(f, sent, actors, verb_at, object_from, pm.end, own)
                    base_root = (pm.pattern.code or code)[:2]  # before intent mapping: "will meet in Geneva"
                    topic_at = hit.index if hit.verbs[0].head in _TOPIC_VERBS else min(
                        (k for k in pm.words if lower[k] in _TOPIC_FORMS), default=-1)
                    if base_root == "04" and topic_at >= 0:
                        # "discussed Ukraine with Macron", "will meet Lavrov to discuss Ukraine": what is
                        # discussed is a topic; the partner is whom the meeting is with, or "with" whom
                        targets = [t for t in targets if t.start < topic_at] or _discussion_partners(hit, actors, limit)
                    if base_root == "04":
                        # "held indirect talks through Egyptian and Qatari mediators": the go-betweens are the
                        # channel, not the other side
                        targets = [t for t in targets
                                   if all(x.prep not in ("through", "via") for x in actors.group_of(t))]
                    parties = {m.code[:3] for m in sources}
                    if len(parties) > 1 and (pm.pattern.roles == "mutual" or hit.verbs[0].head in _MUTUAL_VERBS or (
                            targets and _reciprocal(code) and all(
                                _modifies_noun_after(t, sent, verb_at) or t.code[:3] in parties for t in targets))):
                        # a list acting on each other: "Ethiopia and Egypt traded accusations over the dam on the
                        # Blue Nile" (what follows is the topic or the place); "Hamas and Israel agreed on the first
                        # phase of a Gaza ceasefire deal" (the place names the deal, not a party)
                        targets = sources
                    if base_root in ("18", "19", "20"):
                        # "attacked a ship with drones": an unnamed "with" phrase is the means, not the victim
                        targets = [t for t in targets if not (t.prep == "with" and t.code.startswith("---"))]
                    if _names_victims(base_root, hit) and all(t.start >= pm.end for t in targets):
                        # "fired on demonstrators in Khartoum", "clashed with protesters on the outskirts of
                        # Nairobi": the people the pattern names, not the place after them
                        targets = _pattern_victims(pm, hit, actors) or targets
                    if not targets and len(sources) > 1 and (_reciprocal(code) or pm.pattern.roles == "mutual"):
                        targets = sources  # "Chinese and Russian warships held joint drills in the Sea of Japan"
                    if code[:2] == "09" or (code[:2] == "01" and code != "010"
                                            and all(t.code.startswith("---") for t in targets)):
                        # what a comment or an inquiry is about: "optimistic that Syria could ...",
                        # "investigating killings by the RSF", not the investigator's own country
                        targets = complement_actor(sent, actors, verb_at, hit.end, sources,
                                                   prefer_agent=code[:2] == "09") or targets
                    if not targets and locative and base_root not in NO_LOCATIVE_TARGET_ROOTS:
                        # an inquiry at home is no dyad: "the FBI is investigating a shooting in Texas"
                        own = {m.code[:3] for m in sources} if base_root == "09" else set()
                        targets = [m for m in locative if m.code not in own]
                        role = _PLACE_TARGET_ROLE.get(base_root)
                        if role:
                            # "marched in Minsk": a protest where no one else is named is against the place's
                            # government; "killed hundreds of thousands across Rwanda": its people
                            targets = [m if len(m.code) > 3 or m.code[:3] in _NOT_A_COUNTRY else
                                       m.recoded(m.code + role)
                                       for m in targets]
                    if not targets and code[:2] in ("03", "04", "05", "12", "16"):
                        targets = addressee(frames, f, actors, sent)
                    if not targets and hit.end < len(sent.lower) and sent.lower[hit.end] in ("him", "her"):
                        targets = _object_pronoun(hit.end, f.subject, actors, ctx)
                    if not targets:
                        targets = complement_actor(sent, actors, verb_at, max(pm.end, object_from), sources,
                                                   after_that=True)
            if not targets and f.coordinated is not None and f.coordinated.hit.index in targets_of \
                    and f.subject == sources:
                # "India accused Pakistan of ..., and downgraded diplomatic ties": the same target
                targets = targets_of[f.coordinated.hit.index]
            if not targets and f.caused_by is not None and code[:2] not in ("18", "19", "20"):
                # "Russian bombers flew over the Sea of Japan, prompting Japan to scramble jets": against the causer
                causer = frames.get(f.caused_by) or next(
                    (fr for k, fr in sorted(frames.items(), reverse=True) if k < f.caused_by and fr.subject), None)
                if causer is not None:
                    targets = [m for m in causer.subject if all(m.code != s.code for s in sources)]
            if participle and last_made is not None:
                # "cut ties with Qatar, accusing it of ...": the main event's actors
                sources = last_made[0]
                if hit.end < n and lower[hit.end] in ("it", "them", "him", "her"):
                    targets = last_made[1]
            forces_passive = code[:2] == "15" and f.passive and not sources and bool(targets) and all(
                t.code[3:6] in ("MIL", "COP") and t.code[:3] not in _NOT_A_COUNTRY for t in targets)
            if forces_passive:
                # "Iraqi security forces were put on alert": the forces' state acts through them
                sources, targets = targets, []
            if code[:2] == "15" and (not f.passive or forces_passive) and sources \
                    and all(_own_side(t, sources) for t in targets):
                # no target, or only the source's own soil or forces ("rushed troops to Ladakh after the clash
                # with Chinese forces"): a show of force is aimed at whoever provoked it
                targets = provocation_target(sent, actors, max(pm.end, hit.end), sources) or targets
                own = sources[0].code[:3]
                if all(_own_side(t, sources) for t in targets) and own not in _NOT_A_COUNTRY \
                        and len({s.code[:3] for s in sources}) == 1 and (
                        code[:3] in ("151", "153") or (code[:3] == "154" and any(t.code == own for t in targets))):
                    # "Kenya deployed police across Nairobi", "France deployed 45,000 police officers",
                    # "Ecuador deployed soldiers across Quito": forces sent onto the state's own streets face
                    # its people, not themselves or its soil
                    targets = [Mention(hit.end, hit.end, own + "CVL", "", [], prep=None)]
            if not targets and _names_victims(code[:2], hit) and not f.passive:
                targets = _pattern_victims(pm, hit, actors)
            if pm.target is None and not f.passive and pm.pattern.roles != "speaker" \
                    and self._joint(pm, f, sent, sources):
                # "U.S. and South Korean forces launched joint exercises, prompting North Korea to ...":
                # a joint act of several states is done by each of them with the others, whatever follows;
                # joint military games are military cooperation (CAMEO 062), not a show of force.
                targets = sources
                if code[:2] == "15":
                    code = "062"
                elif (pm.pattern.code or "")[:2] == "15" and code != pm.pattern.code:
                    code = intent_code("062")  # "agreed to jointly patrol their border": intended cooperation
            if not f.passive and len(sources) == 1 and sources[0].code.startswith("---"):
                both = _both_sides(sources[0], actors, lower)
                if both:  # "met Li Keqiang in Berlin, where the two governments signed deals": the two named
                    sources = both
                    targets = [] if all(t.code.startswith("---") for t in targets) else targets
            # "Russia and Ukraine each released 390 soldiers": people of no named side are each side's of the other
            each = "each" in lower[max(0, f.chain_start - 1):hit.index] and len({m.code[:3] for m in sources}) > 1
            if each and all(t.code.startswith("---") for t in targets):
                targets = []
            if not targets and len(sources) > 1 and (_reciprocal(code) or pm.pattern.roles == "mutual" or each):
                # "Russia and China held talks": each member acts on the others.
                targets = sources
            if not targets and sources and code[:2] in _UNNAMED_VICTIM_ROOTS and not f.passive:
                # "Chinese authorities detained large numbers of Uighurs": people the dictionaries do not
                # name are the source country's civilians (protests: its government).
                targets = _unnamed_targets(sources, code, hit, sent)
            if code[:2] == "14" and sources:
                sources, targets = _protesters(sources, targets, sent)
                if code[:3] in ("140", "141") and not any(m.code.startswith("---") for m in sources) and all(
                        (len(m.code) == 3 and not m.hits[-1].entry.adjective) or m.code[3:6] == "GOV" for m in sources):
                    code = "114"  # "The Philippines protested against China's actions": a state complains officially
            if code[:3] == "175" and sources and all(s.code[:3] == "IMG" or s.code[3:6] in _NON_STATE_ARMED
                                                     for s in sources):
                # "militants killed students": repression is what a state does; others' violence is the verb's own
                default = next((v.default for v in hit.verbs if v.default is not None), None)
                if default is not None and default.code and default.code[:3] != "175":
                    code = default.code
            if code in ("170", "180", "190") and _mass_killing(hit, sent, actors):
                code = "202"  # "killed more than 130 people": a mass killing of non-combatants
            if code[:3] == "171" and sources and all(m.code[3:6] == "CVL" for m in sources):
                code = "145"  # "protesters set fire to parliament": civilians destroying property are rioting
            if self.new_actor_length and not f.passive:
                sources, targets = self._add_unnamed(f, pm, sent, verb_at, actors, sources, targets, object_from)
            vt.code = code
            if trace is not None:
                vt.subject = [f"{m.text} [{m.code}]" for m in sources]
                vt.target = [f"{m.text} [{m.code}]" for m in targets]
            if not sources:
                vt.outcome = "no source actor"
                continue
            if code in _VISIT_CODES and pm.source is None and all(m.code[3:6] in _NOT_VISITORS for m in sources):
                # troops, police or aid "arriving" are deployments or deliveries, not visits (a pattern that
                # names its source slot has decided for itself)
                vt.outcome = "a visit needs a person or a state as visitor: no event"
                continue
            if not targets and self.require_dyad:
                vt.outcome = "no target actor"
                continue
            made = 0
            reverse = pm.pattern.reverse_code
            trigger = " ".join(sent.words[f.chain_start:hit.end])
            pattern_id = str(pm.pattern.origin)
            for s in sources:
                for t in targets or [None]:
                    if t is not None and s is t:
                        continue
                    for scode in s.code.split("/"):  # PETRARCH compound codes "FRO/BIL"
                        for tcode in (t.code.split("/") if t is not None else [""]):
                            if scode == tcode:
                                continue
                            pairs = []
                            if pm.pattern.code is not None:
                                pairs.append((scode, tcode, code, s, t))
                            if reverse and tcode:
                                pairs.append((tcode, scode, reverse, t, s))  # "[042:043]": B hosted A
                            for a, b, c, ma, mb in pairs:
                                key = (a, b, c)
                                if key in seen or (c in _VISIT_CODES and a[:3] == b[:3] and a[:3] != "---"
                                                   and pm.source is None):
                                    continue  # ("Putin returned to Moscow": coming home is no visit, unless a
                                    # pattern names its visitor itself)
                                seen.add(key)
                                if a.startswith("---") or b.startswith("---"):
                                    ra, rb = _resolve_unknown(a, b, c, actors, hit.index, sent,
                                                              mb is not None and nationals(mb, sent))
                                    if (ra, rb) != (a, b):
                                        if ra == rb or (ra, rb, c) in seen:
                                            continue
                                        a, b = ra, rb
                                        seen.add((a, b, c))
                                    if a.startswith("---") and b.startswith("---"):
                                        continue  # "militants killed 26 people": no country on either side
                                events.append(_new_event(sent, doc_id, date, a, b, c, ma.text,
                                                         mb.text if mb is not None else "", trigger, pattern_id))
                                frame_of.append(idx)
                                made += 1
            if made:
                last_made = (sources, targets)
                targets_of[idx] = targets
            vt.outcome = f"{made} event(s)" if made else "source equals target: no event"
        return _merge_coordinated(events, frame_of, frames)


_NAMED_VICTIM_ROOTS = frozenset({"14", "17", "18", "20"})
# Fighting verbs whose pattern words are the people harmed ("killed 12 civilians"), unlike "fired artillery".
_HARM_VERBS = frozenset({"kill", "wound", "injure", "shoot", "massacre", "murder", "slaughter", "execute"})


def _names_victims(root: str, hit: VerbHit) -> bool:
    return root in _NAMED_VICTIM_ROOTS or (root == "19" and hit.verbs[0].head in _HARM_VERBS)


_TOPIC_VERBS = frozenset({"discuss", "debate"})
_TOPIC_FORMS = frozenset({"discuss", "discusses", "discussed", "discussing", "debate", "debates", "debated",
                          "debating"})  # inside a pattern: "meet to discuss"


def _discussion_partners(hit: VerbHit, actors: SentenceActors, limit: int) -> list[Mention]:
    with_ = next((m for m in actors.mentions if m.prep == "with" and hit.end <= m.start < limit), None)
    if with_ is not None:
        return actors.group_of(with_)
    # "met Assad to discuss ...": the purpose of the meeting just coded, not an event of its own; with no
    # partner named, the topic is still no target
    return []


def _pattern_victims(pm: PatternMatch, hit: VerbHit, actors: SentenceActors) -> list[Mention]:
    """"opened fire on protesters", "clashed with demonstrators": the unnamed people a pattern's own words
    name after the verb are its target."""
    return [m for m in actors.mentions if m.code.startswith("---") and (m.end - 1) in pm.words
            and hit.end <= m.start]


def _modifies_noun_after(m: Mention, sent: Sentence, verb_at: dict[int, VerbHit]) -> bool:
    """Is ``m`` an attributive name before a common noun ("a Gaza ceasefire deal", "the Iran nuclear deal")?"""
    k = m.end
    if k >= len(sent.words) or k in verb_at:
        return False
    w = sent.words[k]
    return w.isalpha() and w.islower() and w not in _FUNCTION_AFTER


_FUNCTION_AFTER = frozenset({"and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as",
                             "that", "which", "who", "said", "says", "would", "will", "has", "have", "had", "is",
                             "was", "were", "are", "over", "after", "before", "since", "amid", "last", "this",
                             "next", "about", "into", "against", "than", "if"})


def _protesters(sources: list[Mention], targets: list[Mention], sent: Sentence) -> tuple[list[Mention], list[Mention]]:
    """"Thousands of Georgians took to the streets of Tbilisi": a people named by a plural demonym protest as
    civilians, against their own government where only their own country's place is named."""
    people = [m for m in sources if nationals(m, sent)]
    if not people:
        return sources, targets
    sources = [m.recoded(m.code + "CVL") if m in people else m for m in sources]
    own = {m.code[:3] for m in people}
    targets = [t.recoded(t.code + "GOV") if len(t.code) == 3 and t.code in own else t for t in targets]
    return sources, targets


def _more_specific(a: str, b: str) -> bool:
    return len(a) > len(b) or (len(a) == len(b) and b.endswith("0") and not a.endswith("0"))


def _merge_coordinated(events: list[Event], frame_of: list[int], frames: dict[int, Frame]) -> list[Event]:
    """"beaten and tortured by riot police", "invaded Kuwait and seized the emir's palace": coordinated verbs
    with one subject that do the same thing (one code refines the other: 182 and 1822) to the same country
    are one event, coded with the more specific code ("attacked and occupied": 190 and 192 stay two)."""
    drop: set[int] = set()
    for i, e in enumerate(events):
        first = frames[frame_of[i]].coordinated
        if first is None:
            continue
        for j, o in enumerate(events):
            if j in drop or j == i or frame_of[j] != first.hit.index:
                continue
            if (o.source_code, o.target_country) == (e.source_code, e.target_country) and (
                    o.event_code.startswith(e.event_code) or e.event_code.startswith(o.event_code)):
                drop.add(j if _more_specific(e.event_code, o.event_code) else i)
                break
    return [e for i, e in enumerate(events) if i not in drop]


_JOINT_WORDS = frozenset({"joint", "jointly", "combined"})
_MUTUAL_VERBS = frozenset({"exchange", "swap", "trade"})
# "Ukraine demanded that Russia hand back ...": a bare verb in the complement of these is asked for, not done.
_MANDATIVE = frozenset({"demand", "demanded", "demands", "demanding", "urge", "urged", "urges", "urging", "insist",
                        "insisted", "insists", "ask", "asked", "asks", "request", "requested", "requests",
                        "propose", "proposed", "proposes", "recommend", "recommended", "recommends", "suggest",
                        "suggested", "suggests", "require", "required", "requires", "order", "ordered"})


_NO_TRACE = VerbTrace("", "", [])
# Where a verb's object search and pattern matching stop (brackets do not stop them).
_LIMIT_STOPS = OBJECT_STOPS - {"(", ")"}


def _flags(f: Frame) -> list[str]:
    out = []
    for name in ("negated", "future", "speculative", "passive", "object_controlled"):
        if getattr(f, name):
            out.append(name)
    if f.controller is not None:
        out.append("controlled")
    return out


__all__ = ["Coder", "Event", "intent_code"]
