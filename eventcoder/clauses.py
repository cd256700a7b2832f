"""Who did it to whom: shallow clause rules around each verb (no parser needed).

For each verb the auxiliary chain before it tells voice, negation and modality; the subject is
the nearest actor mention before the verb in its clause (skipping prepositional phrases such as
"in London", resolving he/she and quoted we/I); the object is the first actor mention after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .actors import PLACE_PREPS, Mention, SentenceActors
from .text import Sentence
from .verbs import VerbHit

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "cannot"})
FUTURE = frozenset({"will", "'ll", "shall", "would", "'d", "wo"})
SPECULATIVE = frozenset({"could", "might", "may", "should", "ought"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "'m", "am", "get", "got",
                      "gets", "getting"})
HAVE_DO = frozenset({"has", "have", "had", "'ve", "having", "do", "does", "did", "must", "can", "ca"})
ADVERBS = frozenset({"also", "already", "reportedly", "allegedly", "again", "still", "yet", "just", "now",
                     "then", "later", "further", "formally", "officially", "once", "soon", "recently",
                     "subsequently", "jointly", "even", "only", "ever", "repeatedly", "strongly", "quickly",
                     "finally", "immediately", "publicly", "privately", "apparently", "indeed",
                     "definitely", "simply", "anyway", "together", "directly", "personally", "briefly",
                     "sharply", "fiercely", "heavily", "firmly", "swiftly", "openly", "previously", "twice",
                     "all", "both", "each", "themselves", "himself", "herself", "itself", "duly"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
RELATIVES = frozenset({"who", "which", "that", "whom"})
_POSSESSIVE_SUBJECT = {"its": "it", "their": "they", "his": "he", "her": "she"}
CONDITIONALS = frozenset({"if", "unless", "whether", "lest"})
# "years after the two countries cut ties": what such a clause tells is background.
_LONG_SPANS = frozenset({"year", "years", "decade", "decades", "months", "century", "centuries"})
# Words that are prepositions or clause openers: "after Russia recognised" starts a clause.
SUBORDINATORS = frozenset({"after", "before", "since", "until", "as", "while", "because", "than", "like"})
# "after seizing the city", "by firing rockets": a gerund clause whose subject is the main clause's.
GERUND_OPENERS = frozenset({"after", "before", "while", "by", "without", "since", "when", "upon", "despite"})
# Tokens that end the clause a subject or object is looked for in.
SUBJECT_STOPS = frozenset({";", ":", "but", "while", "whereas", "although", "though", "because", "since",
                           "if", "unless", "when", "whether", "after", "before", "as", "so", "that", "which",
                           "who", "whose", "where", "“", "”", '"', "(", ")", "—", "–", "--", "said", "says",
                           "say", "told", "added", "stated"})
# "talked by phone", "travelled by train": "by" + a means of contact or transport is no passive agent
BY_MEANS = frozenset({"phone", "telephone", "video", "videolink", "video-link", "videoconference", "satellite",
                      "letter", "email", "e-mail", "mail", "train", "car", "plane", "air", "sea", "road", "land",
                      "helicopter", "boat", "ship", "bus", "rail", "motorcade", "convoy", "foot"})
OBJECT_STOPS = frozenset({";", ":", "but", "while", "whereas", "although", "though", "because", "since", "if",
                          "unless", "when", "whether", "which", "who", "whose", "where", "“", "”", '"', "(",
                          ")", "—", "–", "--", "after", "before", "so", "said", "says", "saying", "amid", "according",
                          "whereby", "until", "despite", "prompting", "sparking", "triggering"})
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around",
                      "during", "over", "along", "beyond", "behind", "under", "amid", "among", "via",
                      "of", "about", "like", "than", "including"})
# Prepositions that make "N of X" after them an object, not a place ("friendship with the raj of X").
_GOVERNING = frozenset({"with", "to", "against", "for", "on", "toward", "towards", "from", "into", "by"})
_SAID = frozenset({"said", "says"})
# Words that cannot sit inside a noun phrase before its head ("a senior Belgian official").
_CLAUSE_WORDS = frozenset({"and", "but", "or", "while", "as", "that", "which", "who", "to", "of", "in", "on", "at",
                           "with", "for", "by", "from", "is", "was", "are", "were", "has", "have", "had", "said"})
# A noun phrase ends at these (prepositions other than "of", and clause words).
_NP_BREAKS = frozenset({"in", "at", "on", "to", "for", "with", "from", "by", "against", "into", "over", "about",
                        "after", "before", "during", "near", "under", "between", "among", "through", "toward",
                        "towards", "across", "since", "until", "than", "via", "without", "is", "are", "was",
                        "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may",
                        "might", "should", "must", "not", "who", "which", "that", "also"})
# A meeting's place is not its partner ("met in Geneva"); for other codes an actor in a prepositional
# phrase is the target when there is no better one ("criticized the closure of guest houses in Brussels").
NO_LOCATIVE_TARGET_ROOTS = frozenset({"04"})


_IRREGULAR = {"tell": ("told",), "say": ("said",), "go": ("went", "gone"), "write": ("wrote", "written"),
              "think": ("thought",), "set": ("set",), "forgo": ("forwent", "forgone"), "undertake": ("undertook", "undertaken"),
              "rule": (), "seek": ("sought",), "fear": (), "vow": ()}


def _forms(*lemmas: str) -> frozenset[str]:
    """Inflected forms of a short, fixed word list (rules + irregulars; no lexicon load at import)."""
    out: set[str] = set()
    for v in lemmas:
        out.add(v)
        out.update(_IRREGULAR.get(v, ()))
        if v.endswith("ee"):
            out.update({v + "s", v + "d", v + "ing"})
        elif v.endswith("e"):
            out.update({v + "s", v + "d", v[:-1] + "ing"})
        elif v.endswith("y") and v[-2] not in "aeiou":
            out.update({v[:-1] + "ies", v[:-1] + "ied", v + "ing"})
        elif v.endswith(("s", "sh", "ch", "x", "z", "o")):
            out.update({v + "es", v + "ed", v + "ing"})
        else:
            double = v[-1] + "ed" if v in ("plan", "stop", "plot", "admit", "refer") else "ed"
            out.update({v + "s", v + double, v + (v[-1] if double != "ed" else "") + "ing"})
    return frozenset(out)


# "prompting Japan to scramble jets": the object does what follows, in response to the causer.
CAUSATIVE = _forms("prompt", "force", "compel", "spur", "trigger", "provoke", "lead", "cause") | {"led"}
# "a motion to close the strait", "an offer to mediate": intended acts (plans: CONTROL_NOUNS)
INTENT_NOUNS = frozenset({"motion", "bill", "proposal", "proposals", "offer", "pledge", "promise", "threat", "threats",
                          "vow", "readiness", "willingness", "resolve"})
# "urged Belgium on Monday to help": the infinitive is asked of the object, not the subject's purpose.
ASKING = _forms("urge", "ask", "call", "press", "push", "encourage", "invite", "order", "tell", "request", "appeal",
                "implore", "persuade", "allow", "permit", "instruct", "advise", "warn", "help", "want", "need")
# Aspect verbs before a gerund: "kept firing", "began bombing", "continued shelling".
ASPECT = _forms("keep", "continue", "begin", "start", "resume") | {"began", "begun", "kept"}
# Verbs (and adjectives) that take an infinitive and say whether it happens.
INTENT_CONTROL = _forms("want", "wish", "hope", "plan", "intend", "aim", "seek", "agree", "offer", "promise",
                        "pledge", "vow", "decide", "prepare", "propose", "like", "love", "plot", "threaten",
                        "volunteer", "undertake", "vote", "expect", "resolve", "move", "try", "attempt",
                        "schedule", "arrange", "go") | {"set", "due", "ready", "prepared", "willing", "poised",
                                                        "scheduled", "slated", "expected", "about", "eager",
                                                        "keen", "likely", "determined", "able"}
NEGATIVE_CONTROL = _forms("refuse", "decline", "fail", "reject", "avoid", "deny", "stop", "cease", "halt",
                          "abandon", "forgo", "refrain", "neglect", "hesitate", "postpone", "delay", "cancel",
                          "rule", "call") | {"unwilling", "unable", "reluctant", "intention", "failure"}
# Nouns that take an infinitive: what governs them decides ("abandoned efforts to", "no plans to").
# "Germany's request to re-export ...", "calls to release ...": what is asked for is no event
REQUEST_NOUNS = frozenset({"request", "requests", "demand", "demands", "call", "calls", "appeal", "appeals", "plea",
                           "pleas", "permission"})
CONTROL_NOUNS = frozenset({"plan", "plans", "effort", "efforts", "attempt", "attempts", "bid", "bids", "intention",
                           "intentions"})
# Nouns whose owner is the subject of the infinitive after them ("the U.S. decision to send", "Russia's plan
# to annex"): unlike INTENT_NOUNS/REQUEST_NOUNS above, which say whether the infinitive happened.
OWNER_SUBJECT_NOUNS = frozenset({"decision", "plan", "plans", "bid", "move", "attempt", "attempts", "effort",
                                 "efforts", "proposal", "offer", "threat", "threats", "refusal", "failure",
                                 "readiness", "willingness", "pledge", "promise", "order", "request", "call", "calls",
                                 "demand", "demands"})
_NOUN_OPENERS = frozenset({"no", "its", "their", "his", "her", "the", "any", "an", "a", "new", "renewed", "further"})
WEIGHING = _forms("consider", "weigh", "mull", "contemplate", "ponder", "debate", "discuss", "explore",
                  "propose", "suggest", "recommend", "envisage", "envision", "study", "postpone", "delay",
                  "avoid", "oppose", "resist")
TELL_VERBS = _forms("tell", "assure", "inform", "promise", "reassure", "notify")
# Object control: "urged Russia to withdraw" -- the withdrawal is asked for, not done.
SAY_VERBS = _forms("say", "tell", "add", "state", "declare", "announce", "claim", "insist", "note", "stress",
                   "warn", "write", "report", "confirm", "argue", "explain", "reiterate", "assert", "allege",
                   "acknowledge", "admit", "predict", "suggest", "believe", "think", "fear", "estimate",
                   "indicate", "signal", "hint", "emphasize", "emphasise", "underline", "maintain", "reveal",
                   "disclose", "concede", "contend", "observe", "recall", "respond", "reply", "testify",
                   "deny", "agree", "promise", "pledge", "vow", "threaten", "hope", "expect", "notify", "inform")


@dataclass(slots=True)
class Frame:
    hit: VerbHit
    chain_start: int  # first token of the auxiliary chain
    negated: bool = False
    future: bool = False  # will/would, or an intent verb before "to"
    speculative: bool = False  # could/might/may
    passive: bool = False
    controller: VerbHit | None = None  # "agreed" in "agreed to meet"
    object_controlled: bool = False  # "urged Russia to withdraw"
    subject: list[Mention] = field(default_factory=list)
    relative: bool = False  # the verb of a relative clause ("Putin, who mourned ...,"): its object ends at ","
    in_relative: bool = False  # the verb of any relative clause ("militants who killed 26")
    coordinated: Frame | None = None  # "recalled ... and demanded": the first verb of the coordination
    caused_by: int | None = None  # "prompting Japan to scramble jets": the causative verb's index
    modal: bool = False  # could/might/may in the chain (not a condition)
    modifier: bool = False  # a bare participle after a noun ("M23 rebels backed by Rwanda"): describes, not reports
    background: bool = False  # in a clause "years after ...": history, not the news reported


def analyse_chain(hit: VerbHit, sent: Sentence, verb_at: dict[int, VerbHit], actors: SentenceActors) -> Frame:
    lower = sent.lower
    j = hit.index - 1
    f = Frame(hit, hit.index)
    saw_be = False
    saw_have = False
    while j >= 0:
        w = lower[j]
        if j in actors.covered:
            break
        if w in NEGATORS:
            f.negated = True
        elif w in FUTURE:
            f.future = True
        elif w in SPECULATIVE:
            f.speculative = True
            f.modal = True
        elif w in BE_FORMS:
            saw_be = saw_be or not saw_have
        elif w in HAVE_DO:
            saw_have = True
        elif w in ADVERBS or (w.endswith("ly") and len(w) > 4 and j not in actors.covered):
            pass
        elif w in ASPECT and hit.gerund:
            pass  # "kept firing", "began bombing": the gerund is the event
        elif w in ("'", "‘", "“", '"') and j == hit.index - 1:
            pass  # "would 'pay a price'": a quotation mark opening at the verb
        elif w == "to":
            _infinitive(f, j, sent, verb_at, actors)
            j -= 1
            break
        elif w == "longer" and j > 0 and lower[j - 1] == "no":
            f.negated = True
        else:
            break
        j -= 1
    f.chain_start = j + 1
    if _denied_clause(f.chain_start, sent, actors):
        f.negated = True
    # "if Washington struck targets in Yemen": a condition, not an event; "five years after crowds burned
    # down its embassy": history, not news
    for k in range(f.chain_start - 1, max(-1, f.chain_start - 8), -1):
        w = lower[k]
        if w in CONDITIONALS:
            f.speculative = True
            break
        if w in ("after", "before", "since") and k > 0 and lower[k - 1] in _LONG_SPANS:
            f.background = True
            break
        if w in (",", ";", ":", "and", "but", "that", "who", "which") or k in verb_at:
            break
    if hit.participle and saw_be and lower[hit.index - 1] not in ("'s",) or (
            hit.participle and not saw_have and hit.end < len(lower) and lower[hit.end] == "by"
            and hit.tags <= frozenset({"VBN", "VBD"})
            and (hit.end + 1 >= len(lower) or lower[hit.end + 1] not in BY_MEANS)):
        f.passive = True
        f.modifier = not saw_be and f.chain_start == hit.index and hit.index in actors.by_end
    # "accused Azerbaijan of launching an attack", "sanctioned for killing": the accusation or the reason
    # is what the sentence reports, not a new event
    if hit.gerund and hit.index >= 1 and lower[hit.index - 1] in ("of", "for", "over", "about"):
        f.speculative = True
    elif hit.gerund and hit.index >= 3 and lower[hit.index - 1] in ("and", "or") and any(
            lower[j].endswith("ing") and lower[j - 1] in ("of", "for", "over", "about")
            for j in range(max(1, hit.index - 6), hit.index - 1)):
        f.speculative = True  # "accused China of ramming and firing water cannon at its ships": the accusation
    # "is considering recognising a Palestinian state", "mulled sending troops": weighed, not done
    if hit.gerund and hit.index >= 1 and lower[hit.index - 1] in WEIGHING:
        f.speculative = True
    # "no intention of invading", "denied attacking", "refrained from attacking"
    if hit.gerund and hit.index >= 1:
        k = hit.index - 1
        if lower[k] in ("of", "from"):
            k -= 1
        if k >= 0 and lower[k] in NEGATIVE_CONTROL:
            f.negated = True
    return f


DENY = _forms("deny", "reject", "dismiss", "refute", "rebuff")
_CLAIM_NOUNS = frozenset({"claim", "claims", "accusation", "accusations", "allegation", "allegations", "charge",
                          "charges", "report", "reports", "suggestion", "suggestions", "assertion", "assertions"})


def _denied_clause(c: int, sent: Sentence, actors: SentenceActors) -> bool:
    """"North Korea denied (that) it had torpedoed ...", "rejected claims that Russian troops had ...":
    the embedded event is denied, not reported."""
    lower = sent.lower
    k = c - 1
    if k >= 0 and k + 1 in actors.by_end:
        k = actors.by_end[k + 1].start - 1
        while k >= 0 and lower[k] in ("the", "a", "an"):
            k -= 1
    elif k >= 0 and lower[k] in PRONOUNS:
        k -= 1
    else:
        return False
    if k >= 0 and lower[k] == "that":
        k -= 1
        if k >= 0 and lower[k] in _CLAIM_NOUNS:
            return any(lower[q] in DENY for q in range(max(0, k - 5), k))
    return k >= 0 and lower[k] in DENY and lower[k] not in ("reject", "rejects", "rejected", "rejecting")


def _infinitive(f: Frame, to_index: int, sent: Sentence, verb_at: dict[int, VerbHit],
                actors: SentenceActors) -> None:
    """Look at what governs "to VERB": a controller verb/adjective, or an object mention."""
    lower = sent.lower
    k = to_index - 1
    if k >= 0 and k + 1 in actors.by_end:
        m = actors.by_end[k + 1]
        j = m.start - 1
        while j >= 0 and lower[j] in ("the", "a", "an"):
            j -= 1
        if j >= 0 and lower[j] in CAUSATIVE:
            f.caused_by = j  # "prompting Japan to scramble jets": Japan did scramble them, in response
            return
        f.object_controlled = True  # "urged Russia to ..." / "asked the UN to ..."
        return
    # "called on the international community to pressure Israel": an object no dictionary names is still the
    # one asked to act
    j = k
    while j >= 0 and k - j < 5 and lower[j].isalpha() and lower[j] not in ASKING and j not in verb_at:
        j -= 1
    if j < k and j >= 0 and (lower[j] in ASKING or (lower[j] in ("on", "upon") and j >= 1 and lower[j - 1] in ASKING)):
        f.object_controlled = True
        return
    while k >= 0 and (lower[k] in ADVERBS or lower[k] in ("not", "n't", "never")):
        if lower[k] in ("not", "n't", "never"):
            f.negated = True
        if lower[k] == "yet" and k >= 1 and lower[k - 1] in HAVE_DO | BE_FORMS:
            f.negated = True  # "has yet to ratify", "has still yet to": not done
            return
        k -= 1
    if k < 0:
        return
    w = lower[k]
    if w in INTENT_NOUNS:
        f.future = True  # "approved a motion to close the Strait of Hormuz": intended, not done
        return
    if w in REQUEST_NOUNS:
        f.speculative = True  # "refused Germany's request to re-export ammunition": asked for, not done
        return
    if w.endswith("ing") and k >= 1 and lower[k - 1] in ("of", "for", "over", "about"):
        f.speculative = True  # "accused Ukraine of trying to assassinate Putin": the accusation's content
    if w in CONTROL_NOUNS and k > 0 and (lower[k - 1] in _NOUN_OPENERS or lower[k - 1] in NEGATIVE_CONTROL):
        # "abandoned efforts to stop", "has no plans to visit", "its bid to join"
        j = k - 1
        while j > 0 and lower[j] in _NOUN_OPENERS and lower[j] not in NEGATORS:
            j -= 1
        if lower[j] in NEGATORS or lower[j] in NEGATIVE_CONTROL:
            f.negated = True
            k = j  # the verb that gives up the effort controls
        elif w in ("plan", "plans", "intention", "intentions"):
            f.future = True
        else:
            return  # "stepped up efforts to capture": what is tried is reported as done
    elif w in NEGATIVE_CONTROL:
        f.negated = True
    elif w in INTENT_CONTROL:
        f.future = True
        # "is not expected to travel", "does not plan to visit", "did not agree to meet": not intended either
        j = k - 1
        while j >= 0 and lower[j] in ADVERBS | BE_FORMS | HAVE_DO | FUTURE | SPECULATIVE | NEGATORS:
            if lower[j] in NEGATORS and lower[j] != "no":
                f.negated = True
            j -= 1
    else:
        return
    for start, vh in verb_at.items():
        if start <= k < vh.end:
            f.controller = vh
            return


def find_subject(f: Frame, sent: Sentence, actors: SentenceActors, frames: dict[int, Frame],
                 context: DocumentContext, quote_speaker: list[Mention] | None) -> list[Mention]:
    lower = sent.lower
    c = f.chain_start
    # "agreed to meet": the controller's subject.
    if f.controller is not None and f.controller.index in frames:
        ctrl = frames[f.controller.index]
        if ctrl.subject:
            return ctrl.subject
        c = ctrl.chain_start
    j = c - 1
    # "the U.S. decision to send a warship", "Russia's plan to annex": whose decision
    if lower[c] == "to" and f.controller is None and j >= 1 and lower[j] in OWNER_SUBJECT_NOUNS:
        k = j - 1 if lower[j - 1] not in ("'s", "'") else j - 2
        if k + 1 in actors.by_end:
            return actors.group_of(actors.by_end[k + 1])
    # Purpose infinitive: "Kuleba toured African capitals to rally opposition" -> the main verb's subject.
    if lower[c] == "to" and f.controller is None and not f.object_controlled and f.caused_by is None \
            and j >= 0 and c not in actors.by_end and lower[j].isalpha():
        prev = [fr for fr in frames.values() if c - 12 <= fr.hit.index < c and fr.hit.verbs and fr.subject]
        if prev and lower[prev[-1].hit.index] not in ASKING:
            return prev[-1].subject
    # Relative clause: "Putin, who mourned ..." -> the antecedent.
    if j >= 0 and lower[j] in RELATIVES:
        k = j - 1 if j >= 1 and lower[j - 1] == "," else j
        m = actors.by_end.get(k)
        if m is not None:
            f.relative = lower[j - 1] == "," if j >= 1 else False
            f.in_relative = True
            return actors.group_of(m)
        if lower[j] in ("who", "which"):
            return []
    # Participle clause: "Israeli jets struck Gaza, killing 20", "... after seizing the city" -> the main
    # verb's subject.
    if j >= 0 and (lower[j] == "," or (lower[j] in GERUND_OPENERS and context.native)) and f.hit.gerund:
        prev = [fr for fr in frames.values() if fr.hit.index < c and fr.hit.verbs and fr.subject]
        if prev:
            return prev[-1].subject
    # Reduced relative: "fired tear gas at supporters protesting against ..." -> the people right before it
    if f.hit.gerund and f.controller is None and c == f.hit.index and c in actors.by_end \
            and actors.by_end[c].hits[-1].role == "agent":
        f.in_relative = True
        return actors.group_of(actors.by_end[c])
    # Verb coordination: "Russia attacked and occupied ..." -> the first verb's subject.
    # "China recalled its ambassador to Lithuania and demanded ...": the object before "and" is no subject.
    # ", and": not a relative clause's verb ("accused Pakistan of backing militants who killed 26, and
    # downgraded ties")
    if j >= 0 and lower[j] in ("and", "then"):
        prev = [fr for fr in frames.values() if c - 30 <= fr.hit.index < c and fr.hit.verbs
                and not (j >= 1 and lower[j - 1] == "," and fr.in_relative)
                and not ("VBD" in f.hit.tags and fr.hit.tags <= {"VB", "VBP"})]  # "demanded that Canada release
        # Meng and warned of consequences": the past tense joins the past tense
        if prev and prev[-1].subject:
            f.coordinated = prev[-1]
            return prev[-1].subject
    k = j
    steps = 0
    while k >= 0 and steps < 40:
        m = actors.by_end.get(k + 1)
        if m is not None:
            if m.prep is None:
                # "French troops fighting jihadists in Mali killed ...": the object of a reduced relative clause
                # is not the subject; the people it describes are
                rel = next((fr for fr in frames.values() if fr.in_relative and fr.hit.gerund and fr.subject
                            and fr.hit.end <= m.start <= fr.hit.end + 2), None)
                if rel is not None:
                    return rel.subject
            if m.prep is None or (m.prep in SUBORDINATORS and (
                    _plain_nouns(lower, m.end, c, frames) or _head_nouns_only(m.end, c, lower, frames))):
                # "after Russia recognised ...", "after Israeli air strikes destroyed"
                return _owned(actors.group_of(m), sent, actors, frames, context, quote_speaker)
            if m.prep in ("by", "from") and _attack_before(lower, m.start):
                return actors.group_of(m)  # "an air strike by the Saudi-led coalition hit ..."
            k = m.start - 1  # "the embassy in London": skip the prepositional phrase
            steps += 1
            continue
        w = lower[k]
        if w in PRONOUNS:
            return _resolve_pronoun(w, k, sent, actors, frames, context, quote_speaker)
        if w in _POSSESSIVE_SUBJECT and 0 < c - k - 1 <= 3 and all(lower[q].isalpha() for q in range(k + 1, c)):
            # "Israel said its aircraft struck ...": whose aircraft, as "it" would be
            return _resolve_pronoun(_POSSESSIVE_SUBJECT[w], k, sent, actors, frames, context, quote_speaker)
        if w == ",":
            # Jump over a parenthetical relative clause: "Putin, who mourned ..., met Biden".
            p = next((q for q in range(k - 1, max(-1, k - 30), -1) if lower[q] == ","), -1)
            if p >= 0 and p + 1 < k and (lower[p + 1] in ("who", "which") or (
                    p in actors.by_end and appositive(lower, p + 1, k, actors, frames))):
                k = p - 1  # (or an apposition: "Belarus, Russia's closest ally, attacked Ukraine")
                steps += 1
                continue
        if w in SUBJECT_STOPS:
            break
        k -= 1
        steps += 1
    # Inverted attribution: '"...," said British Foreign Secretary Liz Truss'.
    if c - 1 >= 0 and lower[f.hit.index] in SAY_VERBS and lower[c - 1] in (",", "”", '"', "'", "''") \
            and f.hit.end in actors.by_start:
        return actors.group_of(actors.by_start[f.hit.end])
    return []


def appositive(lower: list[str], a: int, b: int, actors: SentenceActors, verbs) -> bool:
    """Is tokens a..b-1 a noun phrase in apposition ("the state's fiercest foe", "Russia's closest ally")?
    ``verbs``: the token indexes of the sentence's verbs."""
    if any(a <= k < b for k in verbs):
        return False
    first = actors.by_start.get(a)
    return lower[a] in ("the", "a", "an", "its", "their", "his", "her") or (
        first is not None and first.end < b and lower[first.end] in ("'s", "'"))


def _plain_nouns(lower: list[str], a: int, b: int, frames: dict[int, Frame]) -> bool:
    """Are tokens a..b-1 (at most two) the head nouns of the noun phrase an actor opens ("crowds")?"""
    return b - a <= 2 and all(lower[k].isalpha() and lower[k] not in _CLAUSE_WORDS and lower[k] not in SUBJECT_STOPS
                              and k not in frames for k in range(a, b))


def _owned(group: list[Mention], sent: Sentence, actors: SentenceActors, frames: dict[int, Frame],
           context: DocumentContext, quote_speaker: list[Mention] | None) -> list[Mention]:
    """"Russia said its warships fired ...": an agent with no country after a possessive pronoun is the
    owner's (the pronoun resolved as its subject form would be)."""
    out = []
    for m in group:
        w = sent.lower[m.start - 1] if m.start > 0 else ""
        if m.code.startswith("---") and w in _POSSESSIVE_SUBJECT:
            owner = _resolve_pronoun(_POSSESSIVE_SUBJECT[w], m.start - 1, sent, actors, frames, context, quote_speaker)
            if owner and not owner[0].code.startswith("---"):
                m = m.recoded(owner[0].code[:3] + m.code[3:])
        out.append(m)
    return out


def _resolve_pronoun(w: str, k: int, sent: Sentence, actors: SentenceActors, frames: dict[int, Frame],
                     context: DocumentContext, quote_speaker: list[Mention] | None) -> list[Mention]:
    if w in ("we", "i"):
        return list(quote_speaker) if quote_speaker and _inside_quote(sent, k) else []
    # "Russia said it would ...", "Putin told Biden that he ...": the speaker.
    for fr in sorted(frames.values(), key=lambda x: -x.hit.index):
        if fr.hit.index < k and sent.lower[fr.hit.index] in SAY_VERBS and fr.subject:
            if w in ("he", "she") and not any(m.person for m in fr.subject):
                break
            return fr.subject
    if w in ("he", "she"):
        before = [m for m in actors.mentions if m.end <= k and m.person]
        if before:
            return [before[-1]]
        return [context.last_person] if context.last_person is not None else []
    return []  # "it"/"they" with no speaker: too ambiguous without a parser


def addressee(frames: dict[int, Frame], f: Frame, actors: SentenceActors, sent: Sentence) -> list[Mention]:
    """"Putin told Biden he would like to meet": the person told (for reciprocal verbs without object)."""
    for fr in sorted(frames.values(), key=lambda x: -x.hit.index):
        if fr.hit.index < f.hit.index and sent.lower[fr.hit.index] in TELL_VERBS:
            m = actors.by_start.get(fr.hit.end)
            if m is None and fr.hit.end < len(sent.lower) and sent.lower[fr.hit.end] in ("the", "his", "her"):
                m = actors.by_start.get(fr.hit.end + 1)
            return actors.group_of(m) if m is not None else []
    return []


def _inside_quote(sent: Sentence, k: int) -> bool:
    opens = sum(1 for w in sent.words[:k] if w in ("“", '"', "``"))
    closes = sum(1 for w in sent.words[:k] if w in ("”", "''"))
    if any(w == '"' for w in sent.words[:k]):
        return sum(1 for w in sent.words[:k] if w == '"') % 2 == 1
    return opens > closes


def find_object(f: Frame, sent: Sentence, actors: SentenceActors, verb_at: dict[int, VerbHit],
                start: int, pattern_end: int = 0, pattern_words: frozenset[int] = frozenset()
                ) -> tuple[list[Mention], list[Mention]]:
    """(first non-locative mention group after the verb, first locative one) within the clause."""
    lower = sent.lower
    n = len(lower)
    k = start
    locative: list[Mention] = []
    while k < n and k - start < 30:
        m = actors.by_start.get(k)
        if m is not None and m.code.startswith("---") and (any(
                (x.end - 1) in pattern_words for x in actors.group_of(m)) or (
                m.start > 0 and lower[m.start - 1] in ("its", "their", "his", "her", "our"))):
            # the pattern's own object noun ("piles up troops", "deployed soldiers and police"), not a target
            k = max(x.end for x in actors.group_of(m))
            continue
        if m is not None and _starts_clause(m, lower, verb_at, actors):
            break  # "condemned the strikes and Saudi Arabia called for ...": a new clause's subject
        if m is not None and m.prep == "with" and _absolute_clause(m, lower, actors):
            break  # "adopted a resolution, with the United States abstaining": an absolute clause, no object
        if m is not None and m.code.startswith("---") and _recipient_after(m, lower, actors):
            # "approved the sale of fighter jets to Turkey": what is handed over is no target; who gets it is
            k = max(x.end for x in actors.group_of(m))
            continue
        if m is not None:
            if m.prep in LOCATIVE and not (m.prep == "of" and _of_object(lower, m.start, start, verb_at)):
                if not locative:
                    locative = actors.group_of(m)
                k = m.end
                continue
            if f.passive and m.prep == "by":
                k = m.end
                continue
            return actors.group_of(m), locative
        w = lower[k]
        if k < pattern_end:  # words the verb's pattern matched ("threatened to impose sanctions on X")
            k += 1
            continue
        if w in OBJECT_STOPS or (w == "," and f.relative):
            break
        if w == "that" and k != start:  # "allowed that Morocco ...": the complement's subject is the target
            break
        if k in verb_at and k != f.hit.index and _finite(verb_at[k], lower, actors) and not (
                lower[k - 1] == "to" and not any(v.default for v in verb_at[k].verbs)) and not (
                lower[k - 1] in _ATTRIBUTIVE_BEFORE and k + 1 < n and lower[k + 1].isalpha()
                and k + 1 not in verb_at and k + 1 not in actors.by_start) and not (
                verb_at[k].gerund and k - 1 > start and lower[k - 1].isalpha() and k - 1 not in actors.covered
                and lower[k - 1] not in _CLAUSE_WORDS):
            break  # (participles as adjectives: "an expected ground offensive", "over rising tensions", "links
            # leading into Morocco")
        if w == "and" and k + 1 in verb_at and k == start:
            k = verb_at[k + 1].end  # "attacked and occupied Ukraine": a shared object
            continue
        k += 1
    return [], locative


_ATTRIBUTIVE_BEFORE = frozenset({"a", "an", "the", "over", "amid", "of", "about"})


def _absolute_clause(m: Mention, lower: list[str], actors: SentenceActors) -> bool:
    """"with Russia and Belarus voting against": the "with" phrase has a gerund of its own."""
    end = max(x.end for x in actors.group_of(m))
    return end < len(lower) and lower[end].endswith("ing") and len(lower[end]) > 5


def _recipient_after(m: Mention, lower: list[str], actors: SentenceActors) -> bool:
    """Is a named actor in a "to" phrase right after ``m`` (at most three plain words between)?"""
    end = max(x.end for x in actors.group_of(m))
    for k in range(end, min(len(lower), end + 4)):
        nxt = actors.by_start.get(k)
        if nxt is not None:
            return nxt.prep == "to" and not nxt.code.startswith("---")
        if not lower[k].isalnum() and lower[k] != "-" or lower[k] in OBJECT_STOPS:
            return False
    return False


# Where the complement of a comment or an inquiry ends: another clause, or the attribution.
_COMPLEMENT_STOPS = frozenset({";", ":", "but", "while", "whereas", "although", "though", "said", "says", "told",
                               "according"})


def complement_actor(sent: Sentence, actors: SentenceActors, verb_at: dict[int, VerbHit], start: int,
                     sources: list[Mention], prefer_agent: bool = False, after_that: bool = False) -> list[Mention]:
    """What a comment or an inquiry is about: the first actor named in the verb's complement
    ("hopeful that Russia and Ukraine could agree", "declined to say whether Tokyo had received a U.S.
    request", "investigating whether Huawei violated ..."). The source's own country ("Tokyo" for a
    Japanese spokesman) and agents with no country are passed over; with ``prefer_agent`` an agent
    "by X" wins ("investigating killings by the Rapid Support Forces").

    With ``after_that`` it is the last resort of a verb with no object of its own ("Eritrea expressed
    hopes on Thursday that Oman ...", "began to ask whether the deal with Qatar would hold"):
    the complement must open with "that"/"whether" within a few words, and its first actor that is not a
    source, of any kind, is taken with its list."""
    lower = sent.lower
    n = len(lower)
    reach, stops = 30, _COMPLEMENT_STOPS
    if after_that:
        k = start
        while k < n and k - start < 5 and lower[k] not in ("that", "whether"):
            if k in verb_at or lower[k] in OBJECT_STOPS or k in actors.by_start:
                return []
            k += 1
        if k >= n or lower[k] not in ("that", "whether"):
            return []
        start, reach, stops = k + 1, 15, OBJECT_STOPS
    taken = {s.code for s in sources}
    own = taken | {s.code[:3] for s in sources}
    first: list[Mention] = []
    k = start
    while k < n and k - start < reach:
        if lower[k] in stops:
            break
        m = actors.by_start.get(k)
        if m is None:
            k += 1
            continue
        if after_that:
            if m.code not in taken:
                return actors.group_of(m)
            k += 1
            continue
        if _starts_clause(m, lower, verb_at, actors):
            break  # "China remained mum and Russia's envoy said ...": another clause
        group = actors.group_of(m)
        # "reports of shelling in Nagorno-Karabakh": where it happened is not who is concerned
        named = [x for x in group if not x.code.startswith("---") and x.code not in own
                 and (x.prep not in PLACE_PREPS or x.prep == "at")]
        if named:
            if not prefer_agent or m.prep == "by":
                return named
            first = first or named
        k = max(m.end, max(x.end for x in group))
    return first


# Words opening the clause that gives the reason for a show of force ("after North Korea fired ...").
_PROVOCATION = frozenset({"after", "as", "amid", "following"})


def provocation_target(sent: Sentence, actors: SentenceActors, start: int, sources: list[Mention]) -> list[Mention]:
    """"South Korea put its troops on high alert after North Korea fired artillery", "Israel called up
    reservists after the Hamas attack": a show of force with no object is aimed at the foreign actor of the
    clause that gives its reason ("after", "as", "amid", "following", "in response to", "ahead of")."""
    lower = sent.lower
    n = len(lower)
    own = {s.code[:3] for s in sources}
    k = start
    while k < n and k - start < 12 and lower[k] not in _PROVOCATION and lower[k:k + 3] != ["in", "response", "to"] \
            and lower[k:k + 2] != ["ahead", "of"]:
        if lower[k] in _COMPLEMENT_STOPS:
            return []
        k += 1
    if k >= n or k - start >= 12:
        return []
    for q in range(k + 1, min(n, k + 12)):
        if lower[q] in _COMPLEMENT_STOPS or lower[q] == ",":
            break
        m = actors.by_start.get(q)
        if m is not None and m.prep not in PLACE_PREPS and not m.code.startswith("---") and m.code[:3] not in own:
            return [x for x in actors.group_of(m) if not x.code.startswith("---") and x.code[:3] not in own]
    return []


def _of_object(lower: list[str], at: int, start: int, verb_at: dict[int, VerbHit]) -> bool:
    """Is "... N of X" (X at ``at``) the verb's object or the object of a non-place preposition? "renewed
    ties with the government of Chad" (yes), "met in the capital of Ukraine" (no)."""
    k = at - 1
    while k >= 0 and lower[k] != "of":
        k -= 1
    k -= 1
    for _ in range(6):
        if k < start or k in verb_at:
            return True
        w = lower[k]
        if w in LOCATIVE:
            return False
        if w in OBJECT_STOPS or not w.isalpha():
            return False
        if w in _GOVERNING:
            return True
        k -= 1
    return False


def _starts_clause(m: Mention, lower: list[str], verb_at: dict[int, VerbHit], actors: SentenceActors) -> bool:
    """Is this mention, after "and"/"but"/",", the subject of a verb right behind it?"""
    j = m.start - 1
    modifiers = 0  # "..., a clearly tired Belgian official said"
    while j >= 0 and (lower[j] in ("the", "a", "an") or (
            modifiers < 3 and lower[j].isalpha() and lower[j] not in _CLAUSE_WORDS and j not in verb_at)):
        modifiers += lower[j] not in ("the", "a", "an")
        j -= 1
    if j < 0 or lower[j] not in ("and", "but", ",", "while", "as"):
        return False
    group_end = max(x.end for x in actors.group_of(m))
    k = group_end
    if k < len(lower) and lower[k] in ("on", "in", "from", "at") and k + 1 not in verb_at:
        # "..., officials on both sides said"
        q = next((q for q in range(k + 1, min(len(lower), k + 5)) if q in verb_at or lower[q] in _SAID), None)
        if q is not None and all(w.isalpha() and w not in _CLAUSE_WORDS for w in lower[k + 1:q]):
            k = q
    while k < len(lower) and (lower[k] in ADVERBS or lower[k] in HAVE_DO or lower[k] in FUTURE
                              or lower[k] in NEGATORS or lower[k] in BE_FORMS):
        k += 1
    return k < len(lower) and (k in verb_at or lower[k] in _SAID or (
        lower[k].isalpha() and k + 1 < len(lower) and lower[k + 1] in _SAID))  # "government sources said"


def _finite(h: VerbHit, lower: list[str], actors: SentenceActors) -> bool:
    """Does this verb form start a new clause? "fired two artillery shells at Seoul": "shells" does not."""
    if h.tags & {"VBD", "VBN", "VBG"}:
        return True
    prev = lower[h.index - 1] if h.index else ""
    return prev in FUTURE or prev in SPECULATIVE or prev in PRONOUNS or prev in ("to", "and", ",") \
        or h.index in actors.by_end


def find_by_agent(f: Frame, sent: Sentence, actors: SentenceActors) -> list[Mention]:
    """The source of a passive verb: "was attacked by Russian troops", "was killed in an Israeli strike"."""
    lower = sent.lower
    seen_by = False
    for k in range(f.hit.end, min(len(lower), f.hit.end + 12)):
        if lower[k] in OBJECT_STOPS:
            break
        if lower[k] == "by":
            for q in range(k + 1, min(len(lower), k + 5)):
                if q in actors.by_start:
                    return actors.group_of(actors.by_start[q])
            if seen_by:
                break
            # "killed by a roadside bomb planted by the Taliban": whoever placed the weapon
            seen_by = True
            continue
        if lower[k] in ("in", "during") and k == f.hit.end:
            m = attacker_in(sent, actors, k + 1)
            if m:
                return m
    return []


# Nouns of armed attacks: "an Israeli strike", "a Russian missile attack".
ATTACK_NOUNS = frozenset({"strike", "strikes", "airstrike", "airstrikes", "attack", "attacks", "raid", "raids",
                          "bombing", "bombings", "shelling", "bombardment", "ambush", "assault", "offensive",
                          "operation", "fire", "gunfire", "barrage", "shooting", "incursion"})
_ATTACK_MODIFIERS = frozenset({"air", "drone", "missile", "rocket", "artillery", "military", "naval", "tank",
                               "mortar", "sniper", "army", "police", "retaliatory", "deadly", "fresh", "overnight",
                               "suicide", "bomb", "ground", "cross", "-", "border"})


def _head_nouns_only(a: int, b: int, lower: list[str], frames: dict[int, Frame]) -> bool:
    """Between an actor and its verb, at most three words of an attack noun phrase ("Israeli [air strikes]")."""
    if b - a > 3:
        return False
    for k in range(a, b):
        if lower[k] not in ATTACK_NOUNS and lower[k] not in _ATTACK_MODIFIERS and lower[k] not in _WEAPON_NOUNS:
            return False
        fr = frames.get(k)
        if fr is not None and fr.hit.tags & {"VBD", "VBN", "VBG"}:
            return False
    return True


def _attack_before(lower: list[str], start: int) -> bool:
    """Is the "by"/"from" before ``start`` attached to an attack noun ("a strike by", "rockets from")?"""
    j = start - 1
    while j >= 0 and lower[j] in ("the", "a", "an"):
        j -= 1
    if j >= 2 and lower[j] == "by" and lower[j - 1].endswith("ed"):
        # "truck bombs planted by al Qaeda", "rockets fired by Hamas" (not "troops praised by China")
        return lower[j - 2] in _MUNITIONS
    return j >= 1 and lower[j] in ("by", "from") and lower[j - 1] in ATTACK_NOUNS | _WEAPON_NOUNS


_MUNITIONS = frozenset({"rocket", "rockets", "missile", "missiles", "drone", "drones", "shell", "shells", "bomb",
                        "bombs", "mortar", "mortars", "mine", "mines", "explosive", "explosives", "device", "devices"})
_WEAPON_NOUNS = frozenset({"rocket", "rockets", "missile", "missiles", "drone", "drones", "shell", "shells",
                           "bomb", "bombs", "mortar", "mortars", "gunmen", "troops", "forces"})


def attacker_in(sent: Sentence, actors: SentenceActors, k: int) -> list[Mention]:
    """"(in) an Israeli air strike (on ...)": the actor whose attack it is, or []."""
    lower = sent.lower
    n = len(lower)
    while k < n and lower[k] in ("a", "an", "the", "their", "its", "his", "her", "fresh", "new", "latest"):
        k += 1
    m = actors.by_start.get(k)
    if m is None:
        return []
    j = m.end
    while j < n and j - m.end < 3 and lower[j] in _ATTACK_MODIFIERS:
        j += 1
    return actors.group_of(m) if j < n and lower[j] in ATTACK_NOUNS else []


@dataclass(slots=True)
class DocumentContext:
    """What earlier sentences of the same article tell later ones (for he/she)."""

    last_person: Mention | None = None
    # the native reading (eventcoder's own dictionaries); off for PETRARCH compatibility, which leaves the
    # subject of "after leaving Eritrea" unknown
    native: bool = True


def quote_speaker(sent: Sentence, actors: SentenceActors, frames: dict[int, Frame]) -> list[Mention] | None:
    """The speaker of a quotation in this sentence: the subject of a saying verb outside the quote."""
    for fr in frames.values():
        if sent.lower[fr.hit.index] in SAY_VERBS and fr.subject and not _inside_quote(sent, fr.hit.index):
            return fr.subject
    return None


def speaker_of(f: Frame, sent: Sentence, actors: SentenceActors, frames: dict[int, Frame]) -> list[Mention]:
    """Who says what contains verb ``f``: the quote's speaker, or the subject of a saying verb before it."""
    inside = _inside_quote(sent, f.hit.index)
    for fr in sorted(frames.values(), key=lambda x: abs(x.hit.index - f.hit.index)):
        if fr is f or not fr.subject or sent.lower[fr.hit.index] not in SAY_VERBS:
            continue
        if inside and not _inside_quote(sent, fr.hit.index):
            return fr.subject
        if not inside and fr.hit.index < f.hit.index:
            return fr.subject
    return []


def nearest_actor_before(f: Frame, sent: Sentence, actors: SentenceActors) -> list[Mention]:
    """The actor of the noun phrase before the verb in its clause, prepositional ones included:
    "any incursion from Russia into Ukraine would have consequences" -> Russia (the doer, not the place)."""
    lower = sent.lower
    found: list[Mention] = []
    for k in range(f.chain_start - 1, max(-1, f.chain_start - 15), -1):
        m = actors.by_end.get(k + 1)
        if m is not None:
            found.append(m)
        if lower[k] in SUBJECT_STOPS:
            break
    for ok in ((None,), ("from", "by", "of")):
        for m in reversed(found):  # leftmost first
            if m.prep in ok:
                return actors.group_of(m)
    return actors.group_of(found[0]) if found else []


# -- actors no dictionary names (PETRARCH's new_actor_length) ----------------------------------

def noun_phrase_before(sent: Sentence, verb_at: dict[int, VerbHit], at: int) -> tuple[int, int]:
    """The token span of the noun phrase that ends right before token ``at`` (a verb's subject position):
    words, possessive "'s", "of", numbers and hyphens back to a clause boundary."""
    lower = sent.lower
    k = at - 1
    while k >= 0 and k not in verb_at and (
            lower[k] in ("'s", "'", "of", "-", "and", "or") or lower[k].isdigit()
            or (lower[k].isalpha() and lower[k] not in SUBJECT_STOPS and lower[k] not in _NP_BREAKS)):
        k -= 1
    a = k + 1
    while a < at and lower[a] in ("and", "or", "of", "'s", "'", "-"):
        a += 1
    return a, at


def noun_phrase_after(sent: Sentence, verb_at: dict[int, VerbHit], at: int) -> tuple[int, int]:
    """The noun phrase the verb at ``at`` governs, after one preposition ("left for the Ministry of Magic")."""
    lower = sent.lower
    n = len(lower)
    a = at + 1 if at < n and lower[at] in _NP_BREAKS else at
    k = a
    while k < n and k not in verb_at and (
            lower[k] in ("of", "-") or lower[k].isdigit()
            or (lower[k].isalpha() and lower[k] not in OBJECT_STOPS and lower[k] not in _NP_BREAKS)):
        k += 1
    while k > a and lower[k - 1] in ("of", "-"):
        k -= 1
    return a, k


def conjuncts(lower: list[str], a: int, b: int) -> list[tuple[int, int]]:
    """"Eritrea's death and injury toll" -> the spans on either side of each and/or."""
    out: list[tuple[int, int]] = []
    start = a
    for k in range(a, b):
        if lower[k] in ("and", "or"):
            if k > start:
                out.append((start, k))
            start = k + 1
    if b > start:
        out.append((start, b))
    return out


def unnamed_actor(sent: Sentence, a: int, b: int, max_words: int) -> Mention | None:
    """A noun phrase of at most ``max_words`` words as an actor coded by its own text, the way
    PETRARCH writes it: '"THE MINISTRY OF MAGIC"' (a possessive "'s" is not a word)."""
    words = [sent.words[k] for k in range(a, b) if sent.lower[k] not in ("'s", "'")]
    if not words or len(words) > max_words or not any(w[:1].isalpha() for w in words):
        return None
    code = '"' + " ".join(words).upper() + '"'
    return Mention(a, b, code, " ".join(words), [], group=-1 - a)


