"""A compiled Lexicon (with its DictionarySet) as plain JSON data, and back.

Used by ``eventcoder.cache`` so a warm start rebuilds the objects instead of parsing and compiling the
dictionary files again. The layout is compact and positional (lists, indexes into shared tables)
because rebuilding it must be much faster than parsing: origins name their file by index, verb-pattern
elements and element tuples are shared tables, phrase entries point to actors/agents by index.

``encode`` refuses (``Unsupported``) anything it cannot rebuild exactly; ``decode`` trusts nothing
about its input beyond the JSON types (a malformed snapshot raises and the caller recompiles).
``schema_ok()`` checks the classes still have the fields this module knows: a class that gained a
field makes the cache fall back to compiling (and tests/test_cache.py fail until this module is updated).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from .dictionaries.model import (
    Actor,
    Agent,
    CodePeriod,
    DictionarySet,
    Discard,
    Element,
    Issue,
    Origin,
    Problem,
    Transformation,
    Verb,
    VerbPattern,
)
from .lexicon import Lexicon, PhraseEntry, VerbForm, VerbForms, fixed_code, gapped_index

LAYOUT = "2"

_SCHEMA: dict[type, tuple[str, ...]] = {
    Lexicon: ("dictionaries", "phrases", "phrases_by_length", "verb_forms", "discards", "pattern_index",
              "inflected", "noun_bigrams", "verb_prefixes", "gapped"),  # gapped: derived
    PhraseEntry: ("tokens", "exact", "case", "actor", "agent", "phrase", "adjective", "fixed"),  # fixed: derived
    VerbForm: ("verb", "tag"),
    DictionarySet: ("actors", "agents", "verbs", "synsets", "discards", "issues", "transformations", "problems",
                    "sources", "content_hash", "name"),
    Actor: ("name", "kind", "phrases", "periods", "default"),
    CodePeriod: ("code", "start", "end", "origin"),
    Origin: ("file", "line"),
    Agent: ("code", "phrase", "origin", "prefix"),
    Verb: ("phrase", "head", "particles", "default", "patterns", "extra_forms"),
    VerbPattern: ("code", "verb", "before", "after", "text", "origin", "reverse_code", "roles", "gap"),
    Element: ("kind", "words", "options", "adjacent", "exact"),
    Discard: ("phrase", "scope", "origin"),
    Issue: ("code", "phrase", "origin"),
    Transformation: ("pattern", "source", "target", "code", "origin"),
    Problem: ("origin", "message", "severity"),
}


class Unsupported(Exception):
    """The Lexicon holds something this layout cannot reproduce exactly: do not cache it."""


def schema_ok() -> bool:
    return all(tuple(f.name for f in fields(cls)) == names for cls, names in _SCHEMA.items())


def schema_differences() -> list[str]:
    return [f"{cls.__name__}: has {tuple(f.name for f in fields(cls))}, snapshot knows {names}"
            for cls, names in _SCHEMA.items() if tuple(f.name for f in fields(cls)) != names]


# ---------------------------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------------------------

class _Tables:
    def __init__(self) -> None:
        self.files: dict[str, int] = {}
        self.elements: dict[Element, int] = {}
        self.element_tuples: dict[tuple[int, ...], int] = {}

    def origin(self, o: Origin) -> list:
        if type(o) is not Origin or type(o.file) is not str or type(o.line) is not int:
            raise Unsupported(f"origin {o!r}")
        return [self.files.setdefault(o.file, len(self.files)), o.line]

    def element(self, e: Element) -> int:
        idx = self.elements.get(e)
        if idx is None:
            idx = self.elements[e] = len(self.elements)
        return idx

    def elements_of(self, els: tuple[Element, ...]) -> int:
        if type(els) is not tuple:
            raise Unsupported("pattern elements not a tuple")
        key = tuple(self.element(e) for e in els)
        idx = self.element_tuples.get(key)
        if idx is None:
            idx = self.element_tuples[key] = len(self.element_tuples)
        return idx


def _date(d: dt.date | None) -> int | None:
    if d is None:
        return None
    if type(d) is not dt.date:
        raise Unsupported(f"date {d!r}")
    return d.toordinal()


def _opt(s: str | None) -> str | None:
    if s is not None and type(s) is not str:
        raise Unsupported(repr(s))
    return s


def encode(lex: Lexicon) -> dict:
    """The JSON-ready snapshot of a freshly compiled ``lex`` (raises ``Unsupported``)."""
    if not schema_ok():
        raise Unsupported("; ".join(schema_differences()))
    if lex.pattern_index:
        raise Unsupported("pattern_index already filled: encode a freshly compiled Lexicon")
    d = lex.dictionaries
    t = _Tables()

    actor_index: dict[int, int] = {}
    actors = []
    for key, a in d.actors.items():
        actor_index[id(a)] = len(actors)
        if type(a.phrases) is not list or type(a.periods) is not list:
            raise Unsupported(f"actor {a.name!r}")
        periods = [[p.code, _date(p.start), _date(p.end), *t.origin(p.origin)] for p in a.periods]
        default = None if a.default is None else \
            [a.default.code, _date(a.default.start), _date(a.default.end), *t.origin(a.default.origin)]
        actors.append([None if key == a.name else key, a.name, a.kind, 0 if a.phrases == [a.name] else a.phrases,
                       periods, default])
    if len(actor_index) != len(d.actors):
        raise Unsupported("an actor is filed under two names")

    agent_index: dict[int, int] = {}
    agents = []
    for key, g in d.agents.items():
        agent_index[id(g)] = len(agents)
        agents.append([key, g.code, g.phrase, *t.origin(g.origin), g.prefix])
    if len(agent_index) != len(d.agents):
        raise Unsupported("an agent is filed under two phrases")

    def pattern(p: VerbPattern, verb: Verb) -> list:
        if type(p) is not VerbPattern or type(p.gap) is not int:
            raise Unsupported(f"pattern {p!r}")
        return [_opt(p.code), None if p.verb == verb.phrase else p.verb, t.elements_of(p.before),
                t.elements_of(p.after), p.text, *t.origin(p.origin), _opt(p.reverse_code), p.roles, p.gap]

    verb_index: dict[int, int] = {}
    verbs = []
    for key, v in d.verbs.items():
        verb_index[id(v)] = len(verbs)
        if type(v.particles) is not tuple or type(v.patterns) is not list or type(v.extra_forms) is not set:
            raise Unsupported(f"verb {v.phrase!r}")
        verbs.append([None if key == v.phrase else key, v.phrase, v.head, list(v.particles),
                      None if v.default is None else pattern(v.default, v),
                      [pattern(p, v) for p in v.patterns], sorted(v.extra_forms)])
    if len(verb_index) != len(d.verbs):
        raise Unsupported("a verb is filed under two phrases")

    for e in t.elements:
        if type(e) is not Element or type(e.words) is not tuple or type(e.options) is not tuple \
                or any(type(o) is not tuple for o in e.options):
            raise Unsupported(f"element {e!r}")
    elements = [[e.kind, list(e.words), [list(o) for o in e.options], e.adjacent, e.exact] for e in t.elements]

    def entry(e: PhraseEntry) -> list:
        if type(e.tokens) is not tuple or type(e.exact) is not tuple:
            raise Unsupported(f"phrase entry {e.phrase!r}")
        actor = -1 if e.actor is None else actor_index[id(e.actor)]
        agent = -1 if e.agent is None else agent_index[id(e.agent)]
        # The tokens are nearly always the phrase split at spaces (and lowered): 0 says so.
        exact = 0 if e.exact == tuple(e.phrase.split()) else list(e.exact)
        tokens = 0 if e.tokens == tuple(e.phrase.lower().split()) else list(e.tokens)
        return [actor, agent, tokens, exact, e.case, e.phrase, e.adjective]

    phrases = {first: [entry(e) for e in bucket] for first, bucket in lex.phrases.items()}
    # phrases_by_length is rebuilt from the buckets: check it is what the rebuild gives.
    if _by_length(lex.phrases) != lex.phrases_by_length:
        raise Unsupported("phrases_by_length is not the grouping of phrases")

    verb_forms = {form: [x for vf in vfs for x in (verb_index[id(vf.verb)], vf.tag)]
                  for form, vfs in lex.verb_forms.items()}
    discards = {first: [[list(toks), scope] for toks, scope in items] for first, items in lex.discards.items()}

    data = {
        "layout": LAYOUT,
        "elements": elements,
        "element_tuples": [list(k) for k in t.element_tuples],
        "actors": actors,
        "agents": agents,
        "verbs": verbs,
        "synsets": d.synsets,
        "discards": [[x.phrase, x.scope, *t.origin(x.origin)] for x in d.discards],
        "issues": [[x.code, x.phrase, *t.origin(x.origin)] for x in d.issues],
        "transformations": [[x.pattern, x.source, x.target, x.code, *t.origin(x.origin)] for x in d.transformations],
        "problems": [[*t.origin(x.origin), x.message, x.severity] for x in d.problems],
        "sources": d.sources,
        "content_hash": d.content_hash,
        "name": d.name,
        "lexicon": {
            "phrases": phrases,
            "verb_forms": verb_forms,
            "discards": discards,
            "inflected": sorted(lex.inflected),
            "noun_bigrams": sorted(list(b) for b in lex.noun_bigrams),
            "verb_prefixes": sorted(lex.verb_prefixes),
        },
    }
    data["files"] = list(t.files)  # complete only now that every origin was seen
    return data


def _by_length(phrases: dict[str, list[PhraseEntry]]) -> dict:
    out = {}
    for first, bucket in phrases.items():
        grouped: dict[int, dict[tuple[str, ...], list[PhraseEntry]]] = {}
        for e in bucket:
            grouped.setdefault(len(e.tokens), {}).setdefault(e.tokens, []).append(e)
        out[first] = sorted(grouped.items(), key=lambda kv: -kv[0])
    return out


# ---------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------

def decode(data: dict) -> Lexicon:
    """Rebuild the Lexicon of ``encode``; raises (KeyError, TypeError, ValueError...) on a malformed snapshot."""
    if data["layout"] != LAYOUT:
        raise ValueError("snapshot layout")
    files = data["files"]
    fromordinal = dt.date.fromordinal
    new = object.__new__
    # Frozen dataclasses set each field through object.__setattr__: setting the slots directly builds
    # the same object in half the time (schema_ok() guarantees the fields; none has __post_init__).
    o_file, o_line = Origin.file.__set__, Origin.line.__set__
    p_code, p_verb, p_before, p_after, p_text, p_origin, p_reverse, p_roles, p_gap = (
        VerbPattern.code.__set__, VerbPattern.verb.__set__, VerbPattern.before.__set__, VerbPattern.after.__set__,
        VerbPattern.text.__set__, VerbPattern.origin.__set__, VerbPattern.reverse_code.__set__,
        VerbPattern.roles.__set__, VerbPattern.gap.__set__)
    c_code, c_start, c_end, c_origin = (CodePeriod.code.__set__, CodePeriod.start.__set__, CodePeriod.end.__set__,
                                        CodePeriod.origin.__set__)

    def origin(f: int, line: int) -> Origin:
        o = new(Origin)
        o_file(o, files[f])
        o_line(o, line)
        return o

    def period(code: str, start: int | None, end: int | None, f: int, line: int) -> CodePeriod:
        p = new(CodePeriod)
        c_code(p, code)
        c_start(p, start and fromordinal(start))
        c_end(p, end and fromordinal(end))
        c_origin(p, origin(f, line))
        return p

    def pattern(code, verb, before, after, text, f, line, reverse, roles, gap) -> VerbPattern:
        p = new(VerbPattern)
        p_code(p, code)
        p_verb(p, verb)
        p_before(p, el_tuples[before])
        p_after(p, el_tuples[after])
        p_text(p, text)
        o = new(Origin)
        o_file(o, files[f])
        o_line(o, line)
        p_origin(p, o)
        p_reverse(p, reverse)
        p_roles(p, roles)
        p_gap(p, gap)
        return p

    elements = [Element(kind, tuple(words), tuple(map(tuple, options)), adjacent, exact)
                for kind, words, options, adjacent, exact in data["elements"]]
    el_tuples = [tuple([elements[i] for i in idx]) for idx in data["element_tuples"]]

    dset = DictionarySet()
    actor_list = []
    actors = dset.actors
    for key, name, kind, phrases, periods, default in data["actors"]:
        a = Actor(name, kind, phrases or [name], [period(*p) for p in periods],
                  None if default is None else period(*default))
        actors[name if key is None else key] = a
        actor_list.append(a)

    agent_list = []
    agents = dset.agents
    for key, code, phrase, f, line, prefix in data["agents"]:
        g = agents[key] = Agent(code, phrase, origin(f, line), prefix)
        agent_list.append(g)

    verb_list = []
    verbs = dset.verbs
    for key, phrase, head, particles, default, patterns, extra in data["verbs"]:
        if default is not None:
            if default[1] is None:
                default[1] = phrase
            default = pattern(*default)
        for p in patterns:
            if p[1] is None:
                p[1] = phrase
        v = Verb(phrase, head, tuple(particles), default, [pattern(*p) for p in patterns], set(extra))
        verbs[phrase if key is None else key] = v
        verb_list.append(v)

    dset.synsets = {k: list(v) for k, v in data["synsets"].items()}
    dset.discards = [Discard(p, s, origin(f, line)) for p, s, f, line in data["discards"]]
    dset.issues = [Issue(c, p, origin(f, line)) for c, p, f, line in data["issues"]]
    dset.transformations = [Transformation(p, s, t, c, origin(f, line))
                            for p, s, t, c, f, line in data["transformations"]]
    dset.problems = [Problem(origin(f, line), m, s) for f, line, m, s in data["problems"]]
    dset.sources = list(data["sources"])
    dset.content_hash = data["content_hash"]
    dset.name = data["name"]

    lx = data["lexicon"]
    lex = Lexicon(dset)
    phrases = lex.phrases
    by_length = lex.phrases_by_length
    for first, bucket in lx["phrases"].items():
        entries = []
        grouped: dict[int, dict[tuple[str, ...], list[PhraseEntry]]] = {}
        for actor, agent, tokens, exact, case, phrase, adjective in bucket:
            tokens = tuple(tokens) if tokens else tuple(phrase.lower().split())
            a = None if actor < 0 else actor_list[actor]
            e = PhraseEntry(tokens, tuple(exact) if exact else tuple(phrase.split()), case,
                            a, None if agent < 0 else agent_list[agent], phrase, adjective,
                            None if a is None else fixed_code(a))
            entries.append(e)
            by_len = grouped.get(len(tokens))
            if by_len is None:
                grouped[len(tokens)] = {tokens: [e]}
            else:
                same = by_len.get(tokens)
                if same is None:
                    by_len[tokens] = [e]
                else:
                    same.append(e)
        phrases[first] = entries
        by_length[first] = list(grouped.items()) if len(grouped) == 1 else \
            sorted(grouped.items(), key=lambda kv: -kv[0])
    verb_forms = lex.verb_forms
    for form, flat in lx["verb_forms"].items():
        verb_forms[form] = VerbForms(VerbForm(verb_list[flat[i]], flat[i + 1]) for i in range(0, len(flat), 2))
    lex.discards = {first: [(tuple(toks), scope) for toks, scope in items] for first, items in lx["discards"].items()}
    lex.inflected = frozenset(lx["inflected"])
    lex.noun_bigrams = frozenset(map(tuple, lx["noun_bigrams"]))
    lex.verb_prefixes = frozenset(lx["verb_prefixes"])
    lex.gapped = gapped_index(phrases)
    return lex
