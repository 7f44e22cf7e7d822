"""What a clause says of its subject or object: acts of backing and rejecting, idioms, verdicts, and the
records and amounts that are facts rather than verdicts ("was approved in June", "costs 3 million pounds")."""

from __future__ import annotations

import math

from pipeline.stance.targeted.lexicon import (COMPARATIVE_TAGS, COPULAS, EXCESS, MODAL_VERBS, OBJECTS, SUBJECTS,
                                              URGING_VERBS, StanceLexicon, core_tokens, excessive, has_modal,
                                              first_nonzero, is_infinitive, is_negated, is_quantity, phrase_valence,
                                              prep_objects, word_valence)


def act_polarity(token, lex: StanceLexicon) -> int:
    """+1 for an act of backing its object ("back", "support"), -1 for one of fighting it, else 0."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN"):
        return 1 if lemma in lex.support_nouns else -1 if lemma in lex.oppose_nouns else 0
    if token.pos_ not in ("VERB", "AUX"):
        return 0
    particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod", "acomp")]
    # "voted him out", "want X out": the parser may hang the particle on the object
    particles += [p.lower_ for o in token.children if o.dep_ in OBJECTS for p in o.children if p.dep_ == "prt"]
    if any(c.dep_ == "xcomp" or c.tag_ == "VBG" for c in token.children) and \
            any(f"{lemma} {p}" in lex.outcome_phrasals for p in particles):
        return 0  # "could end up voting for X": what comes to pass, not an act of ending
    phrasal = idiom_act(token, lex) or phrasal_act(lemma, particles, lex)
    if phrasal:
        return phrasal  # "voted down", "threw out", "rolled out"
    if lemma in lex.urged_creation_verbs | lex.urged_removal_verbs and _urged(token, lex):
        # "X should be introduced", "should never have been issued"; "MPs called for X to be replaced"
        return 1 if lemma in lex.urged_creation_verbs else -1
    wished = any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in token.children)
    if lemma in lex.recommended_verbs and (is_imperative(token) or has_modal(token, lex) or wished):
        return 1  # "buy it", "you should try X", "I'd buy one again"; "don't buy X" is turned by its negation
    return 1 if lemma in lex.support_verbs else -1 if lemma in lex.oppose_verbs else 0


def is_imperative(verb) -> bool:
    """A bare verb with no subject heading its clause: "buy it", "don't buy X", "skip the watch"; a conjunct only
    after another imperative ("decided to buy the land and use X" is not one)."""
    if verb.dep_ == "conj":
        return verb.tag_ == "VB" and is_imperative(verb.head)
    return verb.tag_ == "VB" and verb.dep_ in ("ROOT", "advcl", "parataxis") and \
        not any(c.dep_ in SUBJECTS or (c.dep_ == "aux" and c.lower_ == "to") for c in verb.children)


def _urged(verb, lex: StanceLexicon) -> bool:
    """Whether a verb is recommended or demanded: "should be replaced", and "called for X to be replaced" (which
    the parser reads as a clause of purpose under "called")."""
    return has_modal(verb, lex) or (verb.dep_ == "advcl" and verb.head.lemma_.lower() in URGING_VERBS and
                                    any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children))


def phrasal_act(lemma: str, particles, lex: StanceLexicon) -> int:
    """+1 / -1 for a phrasal verb of backing or rejecting ("roll out", "vote down"), else 0."""
    for particle in particles:
        if is_phrasal(lemma, [particle], lex.phrasal_support):
            return 1
        if is_phrasal(lemma, [particle], lex.phrasal_oppose):
            return -1
    return 0


def verb_particles(verb) -> set[str]:
    """A verb's particles and adverbs: "ahead" of "press ahead with X", "down" of "voted down"."""
    return {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}


def is_phrasal(lemma: str, particles, phrasals: frozenset[str]) -> bool:
    """Whether a verb and one of its particles make one of *phrasals* ("bring down")."""
    return any(f"{lemma} {particle}" in phrasals for particle in particles)


def _counted(noun, lex: StanceLexicon) -> list:
    """What an amount counts, as the words of its phrase: "hundreds of jobs", "thousands of homes" (not a pick
    from a set, "one of their best chances")."""
    if not (noun.like_num or noun.pos_ == "NUM" or noun.lemma_.lower() in lex.quantity_words) or \
            noun.lemma_.lower() in lex.share_words:
        return []  # "covers 80 percent of lunch costs" is a share of them, not a count
    return [t for o in prep_objects(noun, ("of",)) if not any(d.dep_ in ("det", "poss") for d in o.children)
            for t in core_tokens(o)]


# How far from its head an idiom's words may stand: "kicked the pension review into the long grass" holds a
# two-word object between the verb and the rest.
IDIOM_REACH = 8


def _near_words(verb) -> set[str]:
    """The forms and lemmas of a verb's dependents close to it, subjects left out: where an idiom's other words
    stand ("past his best", whose lemma is "good")."""
    return {form for c in verb.children if c.dep_ not in SUBJECTS for t in c.subtree
            if abs(t.i - verb.i) <= IDIOM_REACH for form in (t.lemma_.lower(), t.lower_)}


def idiom_value(verb, lex: StanceLexicon) -> float:
    """The value of an idiom headed by a verb ("go too far", "put X down"), or by a copula for one headed by
    "be" ("seems out of touch", "has become a drain on Y"): the longest whose other words are among the verb's
    dependents, so "an affront to common sense" is not "common sense"; 0 when none matches. An adjective of
    the complement outside the idiom that judges the other way overrules it: "the wrong answer" is no "answer"."""
    near, lemma = _near_words(verb), verb.lemma_.lower()
    heads = {lemma, "be"} if lemma in COPULAS else {lemma}
    adjectives = [a for c in verb.children if c.dep_ in ("attr", "acomp") for a in c.children if a.dep_ == "amod"]
    matches = [(len(words), valence) for idiom, valence in lex.idioms.items()
               for words in [idiom.split()] if words[0] in heads and set(words[1:]) <= near
               and _in_order(verb, words[1:])
               and not any(word_valence(a, lex) * valence < 0 for a in adjectives if a.lemma_.lower() not in words)]
    return math.tanh(1.5 * max(matches)[1] / 4.0) if matches else 0.0


def _in_order(verb, words: list[str]) -> bool:
    """Whether an idiom's other words stand after its head in the idiom's order: "more harm than good" is not
    "more good than harm"."""
    tokens = sorted((t for c in verb.children if c.dep_ not in SUBJECTS for t in c.subtree
                     if 0 < t.i - verb.i <= IDIOM_REACH), key=lambda t: t.i)
    rest = iter(tokens)
    return all(any(word in (t.lemma_.lower(), t.lower_) for t in rest) for word in words)


# The prepositions that end an idiom of backing or rejecting ("pull the plug on", "give the green light to").
IDIOM_PREPOSITIONS = frozenset({"on", "to", "for", "at", "of", "into", "over", "with", "behind", "against", "about"})


def noun_idiom(noun, lex: StanceLexicon) -> float:
    """The value of a nominal idiom headed by "be" that a noun heads without its copula, as an apposition or
    what something is called ("X, a white elephant, …", "branded X a white elephant"); 0 when none matches."""
    words = {form for t in noun.subtree if abs(t.i - noun.i) <= IDIOM_REACH for form in (t.lemma_.lower(), t.lower_)}
    own = {noun.lemma_.lower(), noun.lower_}
    matches = [(len(rest), valence) for idiom, valence in lex.idioms.items() for first, *rest in [idiom.split()]
               if first == "be" and own & set(rest) and set(rest) <= words]
    return math.tanh(1.5 * max(matches)[1] / 4.0) if matches else 0.0


def idiom_act(verb, lex: StanceLexicon, preposition: str | None = None) -> int:
    """+1 / -1 for an idiom of backing or rejecting what it is done to ("give X the green light", "show X the
    door", "pull the plug on X"); reached through a preposition, only an idiom that ends in it."""
    if verb.pos_ not in ("VERB", "AUX"):
        return 0
    near, lemma = _near_words(verb), verb.lemma_.lower()
    for idioms, polarity in ((lex.idiom_support, 1), (lex.idiom_oppose, -1)):
        for idiom in idioms:
            first, *rest = idiom.split()
            if first == lemma and set(rest) <= near and \
                    (rest[-1] == preposition if preposition else rest[-1] not in IDIOM_PREPOSITIONS):
                return polarity
    return 0


def granted(verb, lex: StanceLexicon) -> int:
    """+1 / -1 for what a verb of giving hands its indirect object: "a chance", "our backing" / "the axe"."""
    for thing in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
        polarity = granted_polarity(thing, lex) or act_polarity(thing, lex)
        if polarity:
            return polarity
    return 0


def granted_polarity(thing, lex: StanceLexicon) -> int:
    """+1 for a thing handed as backing ("a chance", "a second term"), -1 as rejection ("the axe"), else 0."""
    lemma = thing.lemma_.lower()
    return 1 if lemma in lex.granted_support else -1 if lemma in lex.granted_oppose else 0


PERMITTING_VERBS = frozenset({"allow", "permit"})
PHASE_VERBS = frozenset({"start", "begin", "continue"})  # "has started to fall" is a fall
WISH_VERBS = frozenset({"need", "want", "deserve"})  # "X is exactly what this town needs"


def predicate_value(verb, passive: bool, lex: StanceLexicon) -> tuple[float, str]:
    """What a predicate says of its subject, before negation: (value in -1 … 1, kind). Read in turn as an idiom,
    a record, a copula with its complement, a contest, a passive, or an active verb and what it does."""
    lemma = verb.lemma_.lower()
    added = _added_value(verb, lex)
    if added:  # "will add up to 90 pounds to bills" is no "add up"
        return added, "does"
    if verb.lower_ in lex.removal_particles and verb.head.lemma_.lower() in WISH_VERBS | URGING_VERBS:
        return -1.0, "should"  # "fans want the manager out", parsed as a small clause under "want"
    going = lemma == "go" and verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    if lemma in MODAL_VERBS or going:  # the subject of "needs to be scrapped", "is going to close X"
        for child in verb.children:
            if child.dep_ == "xcomp":
                return predicate_value(child, any(c.dep_ == "auxpass" for c in child.children), lex)
    idiom = idiom_value(verb, lex)
    if idiom:  # "went too far", "put her rivals down", "the numbers add up"; "is out of touch" is what it is called
        return idiom, "called" if lemma in COPULAS else "does"
    if record_objects(verb, lex):
        return 0.0, ""  # "X received a grant of 50000 pounds", "X reported a record profit": a record
    copular = _copula_value(verb, lex) if lemma in COPULAS else None
    if copular is not None:
        return copular
    modal = has_modal(verb, lex)
    if lemma in lex.contest_verbs and any(c.dep_ in OBJECTS and c.lemma_.lower() in lex.merit_contests
                                          for c in verb.children):
        return (-0.6 if lemma in lex.halt_verbs | {"trail"} else 0.6), "does"  # "won the debate", "losing the war"
    if passive:
        return _passive_value(verb, modal, lex)
    return _active_value(verb, modal, lex)


def _copula_value(copula, lex: StanceLexicon) -> tuple[float, str] | None:
    """What a copula says of its subject: through its complement ("X is a disgrace"), as what is wished for ("X
    is what we need"), denied ("far from perfect") or a state ("in disarray"); None where it says none of these,
    and the copula is read as any other verb."""
    children = list(copula.children)
    predicates = [c for c in children if c.dep_ in ("attr", "acomp", "oprd")]
    if predicates:
        return _complement_value(copula, predicates, lex)
    if any(c.dep_ == "ccomp" and c.lemma_.lower() in WISH_VERBS for c in children):
        return 0.8, "called"
    far = [o for c in children if c.lower_ == "far" for p in c.children if p.dep_ == "prep" and p.lower_ == "from"
           for o in p.children if o.dep_ in ("pobj", "pcomp")]
    if far:  # "X is far from perfect", "far from a success": denied
        value = phrase_valence([t for o in far for t in core_tokens(o)], lex)
        if value:
            return -value, "called"
    states = [o for o in prep_objects(copula, ("in",)) if o.lemma_.lower() not in ("favor", "favour")
              and not act_polarity(o, lex)]
    if states:  # "X is in disarray", "in good hands"; "in favour of Y" is where X stands
        value = phrase_valence([t for o in states for t in core_tokens(o)], lex)
        if value:
            return value, "called"
    return None


def _complement_value(copula, predicates, lex: StanceLexicon) -> tuple[float, str]:
    """What a copula's complements (*predicates*) call its subject: a measure calls it nothing ("X is worth 3
    million pounds", "is the largest in the country"); "what we need", an office it should hold, and "not a
    luxury but a necessity" are read whole."""
    if all(is_amount(p, lex) for p in predicates):
        return 0.0, ""
    for noun in predicates:  # "X is exactly what we need" / "the last thing we need"
        wish = [c for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in WISH_VERBS]
        if wish:
            last = any(c.lower_ in ("last", "least") for c in noun.children if c.dep_ == "amod")
            return (-0.8 if last else 0.8) * (-1 if is_negated(wish[0], lex) else 1), "called"
    office = [p for p in predicates if p.lemma_.lower() in lex.office_nouns]
    if office and has_modal(copula, lex):
        return 0.8, "should"  # "X should be president"; "shouldn't" turns it round on the way up
    rather = [c for p in predicates for c in p.children if c.dep_ == "conj" and
              any(d.dep_ == "cc" and d.lower_ == "but" for d in p.children)]
    if rather and is_negated(copula, lex):  # "X is not a luxury but a necessity": the negation is the first's
        value = phrase_valence([t for c in rather for t in _evaluated_tokens(c, lex)], lex)
        return -value, "called"  # turned back by the negation on the way up
    called = phrase_valence([t for p in predicates for t in _evaluated_tokens(p, lex)], lex)
    # "an attempt to restrict freedom"; "a fair way to pay for it" is judged by its own words
    return called or first_nonzero(purpose_value(p, lex) for p in predicates), "called"


def purpose_value(noun, lex: StanceLexicon) -> float:
    """What a noun of purpose is for ("a way to cut congestion", "an attempt to restrict freedom"); 0 for another
    noun or one for nothing valued."""
    return infinitive_value(noun, lex) if noun.lemma_.lower() in lex.purpose_nouns else 0.0


def _passive_value(verb, modal: bool, lex: StanceLexicon) -> tuple[float, str]:
    """What a passive says of its subject: an act done to it, recommended ("X should be given a second term",
    "should be allowed to lapse") or reported ("was approved by the board": a record), what it is called ("was
    found guilty"), or the verb's own word ("are misguided", "was praised")."""
    lemma = verb.lemma_.lower()
    polarity = act_polarity(verb, lex) or (granted(verb, lex) if lemma in lex.granting_verbs else 0)
    allowed = [c for c in verb.children if c.dep_ == "xcomp"] if lemma in PERMITTING_VERBS else []
    ending = course(allowed[0], lex) if allowed else 0
    if ending:  # "X should be allowed to lapse" is to let it end
        polarity = ending
    if polarity and is_reported_act(verb, lex):
        return 0.0, ""  # "X was approved by the board in June", "is funded by the department": a record
    if polarity:
        return polarity * (1.0 if modal else 0.5), "should" if modal else "act"
    # "was branded a liar" (parsed as an object), "is widely seen as the most competent minister"
    named = [t for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp", "dobj") for t in core_tokens(c)]
    named += [t for o in prep_objects(verb, ("as",)) for t in core_tokens(o)]
    called = phrase_valence(named, lex) if lemma in lex.calling_verbs and named else 0.0
    if lemma in lex.renown_verbs:  # "is known for her integrity", "is best remembered for the crash"
        called = called or _known_for(verb, lex)
    if called:
        return called, "called"  # "was found guilty", "was deemed unfit to serve"
    own = word_valence(verb, lex)
    return (math.tanh(1.5 * own), "called") if own else (0.0, "")


def _active_value(verb, modal: bool, lex: StanceLexicon) -> tuple[float, str]:
    """What an active verb says of its subject: what it does to its objects or brings about, whether it should go
    on or stop, or the verb's own word; amounts, successions and records of work say nothing."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    direction = course(verb, lex)
    objects = [c for c in children if c.dep_ in OBJECTS or c.dep_ == "attr"]
    if lemma in lex.succession_verbs and objects:
        return 0.0, ""  # "X succeeded Reid as minister": who took over from whom
    if lemma in lex.counting_verbs and any(c.like_num for o in objects for c in o.children):
        return 0.0, ""  # "the ministry reported 12 deaths": a count, whatever it counts
    caused = _caused_value(verb, objects, lex) or _permitted_value(verb, lex)
    if caused:
        return caused, "does"
    # what an amount counts: "will create hundreds of jobs"
    object_tokens = [t for o in objects for t in core_tokens(o) + _counted(o, lex)]
    counts_goods = phrase_valence([t for t in object_tokens if t.pos_ == "NOUN"], lex) and \
        not any(t.lemma_.lower() in lex.share_words for t in object_tokens)  # "will create 500 jobs"
    if lemma in lex.depriving_verbs and any(c.dep_ == "dative" for c in children):
        return -0.5, "does"  # "has cost the town millions", "will cost taxpayers 3 million pounds"
    risked = [c for c in children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"] \
        if lemma in lex.risk_verbs else []
    if risked:  # "X risks driving shoppers away": a danger, whatever its words
        return min(predicate_value(risked[0], False, lex)[0], 0.0) or -0.5, "does"
    fixed = _object_phrase_value(verb, objects, lex)
    if fixed is not None:
        return fixed
    # ("raise enough to …" with the purpose hung on "enough")
    purposes = [c for h in (verb, *objects) for c in h.children if c.dep_ in ("xcomp", "advcl", "relcl", "acl") and
                c.pos_ == "VERB" and is_infinitive(c)] if lemma in lex.means_verbs else []
    purpose = predicate_value(purposes[0], False, lex)[0] if purposes else 0.0
    if purpose:  # "would raise enough to keep the buses running", "used the money to build a new library"
        return purpose, "does"
    provided = _provided_value(verb, objects, lex)
    if provided:  # "will pay for 40 new buses", "funded 200 extra nurses"
        return provided, "does"
    if objects and is_quantity(object_tokens, lex) and not counts_goods:
        # "will cost 3.2 million pounds", "would take two years", "covers half the cost"
        own = word_valence(verb, lex)  # … but "would waste 3 million pounds" is a verdict
        return (math.tanh(1.5 * own), "does") if abs(own) >= 0.375 else (0.0, "")
    object_value = _effect_value(verb, objects, object_tokens, lex)
    if direction and modal and not objects:
        return float(direction), "should"
    moved = _moved_value(verb, lex)
    if moved:  # "will double waiting times", "has tripled visitor numbers"
        return moved, "does"
    reduced = _reduction_value(verb, objects, object_tokens, lex)
    if reduced is not None:
        return reduced
    if object_value:  # what it does to something valued: "protects jobs", "strikes a fair balance"
        return object_value, "does"
    own = word_valence(verb, lex)
    if own:  # "X helps nobody", "X solves nothing": done to no one
        nobody = any(o.lower_ in lex.negative_subjects or any(c.dep_ == "det" and c.lower_ == "no" for c in o.children)
                     for o in objects)
        return math.tanh(1.5 * own) * (-1 if nobody else 1), "does"
    if direction and modal:  # "X should go on"; "X begins in July" is a schedule, not a verdict
        return 0.5 * direction, "should"
    if lemma in lex.success_verbs and not _employment(verb, lex):  # "X works", "X will succeed"
        return -0.5 if any(o.lower_ in lex.negative_subjects for o in objects) else 0.5, "does"  # "delivered nothing"
    return 0.0, ""


def course(verb, lex: StanceLexicon) -> int:
    """+1 for a verb of going ahead ("X should go on", "press ahead"), -1 for one of stopping or leaving ("X
    should go away"; a bare "X must go" is to leave, "X must go ahead" to proceed), else 0."""
    lemma, particles = verb.lemma_.lower(), verb_particles(verb)
    bare = not any(c.dep_ not in ("aux", "auxpass", "neg", "punct") and c.dep_ not in SUBJECTS for c in verb.children)
    if particles & lex.halt_particles and lemma in lex.proceed_verbs or (lemma == "go" and bare):
        return -1
    if lemma in lex.proceed_verbs or particles & lex.proceed_particles:
        return 1
    return -1 if lemma in lex.halt_verbs else 0


def _object_phrase_value(verb, objects, lex: StanceLexicon) -> tuple[float, str] | None:
    """What a verb and its object say together: "X has no place in a modern city", "X deserves our backing",
    "would do nothing to cut delays"; None for any other pair."""
    lemma = verb.lemma_.lower()
    for noun in objects:
        denied = any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
        if lemma == "have" and denied and noun.lemma_.lower() in ("place", "future", "room", "business"):
            return -0.8, "called"  # "X has no place in a modern city"
        if lemma == "have" and is_quantity([t for o in prep_objects(noun, ("of",)) for t in core_tokens(o)], lex):
            return 0.0, ""  # "X has a top speed of 25 km/h", "a capacity of 60,000": a measure
        granted_thing = granted_polarity(noun, lex) if lemma in lex.deserving_verbs else 0  # "deserves a chance"
        polarity = (act_polarity(noun, lex) or granted_thing) if noun.pos_ == "NOUN" else 0
        if polarity and lemma in lex.earning_verbs:
            return 0.8 * polarity, "called"  # "X deserves our backing", "X merits condemnation"
    reputed = [o for o in objects if o.lemma_.lower() in lex.renown_nouns]
    renown = _known_for(reputed[0], lex) if reputed else 0.0
    if renown:
        return renown, "called"  # "has a reputation for honesty", "for cutting corners"
    if lemma == "do" and any(o.lower_ in ("nothing", "little") for o in objects):
        inner = infinitive_value(next(o for o in objects if o.lower_ in ("nothing", "little")), lex) or \
            infinitive_value(verb, lex)
        return (-inner, "does") if inner else (0.0, "")  # "would do nothing to cut delays"
    return None


def _effect_value(verb, objects, object_tokens, lex: StanceLexicon) -> float:
    """The value of what a verb does: to its objects (*object_tokens* their words; a rise or fall named by one is
    worth what rose or fell; what is protected by what it is, not by its plight), what it puts them in, what it
    makes of something, or with no object what it leads to ("will lead to a rise in crime") or presides over; 0
    when none has one."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if lemma in lex.protecting_verbs and objects:  # "protects endangered species": the thing, not its plight
        return _held_worth(phrase_valence([t for t in object_tokens if t.lower_ not in lex.plight_words], lex))
    changed = first_nonzero(change_noun_value(o, lex) for o in objects)
    object_value = changed or (phrase_valence(object_tokens, lex) if objects else 0.0)
    # "fills the parks with noise", "puts children at risk"; what is put at risk is harmed however good it is
    # ("puts jobs at risk")
    if objects and object_value >= 0 and not changed:
        state = phrase_valence([t for o in prep_objects(verb, ("with", "in", "into", "at")) for t in core_tokens(o)],
                               lex)
        if state < 0 or not object_value:
            object_value = state or object_value
    # What it makes of something: "will make the junction safer", "left families worse off".
    result = [c for c in children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN")]
    if not object_value and result:
        object_value = phrase_valence([t for r in result for t in core_tokens(r)], lex)
    if not objects and not result:  # "will lead to job losses", "would pay for better buses"
        preps = lex.consequence_preps | ({"in"} if lemma in lex.outcome_verbs else set()) | \
            ({"over"} if lemma in lex.overseeing_verbs else set())  # "will result in job losses", "presided over …"
        pobjs = prep_objects(verb, preps)
        if pobjs and not is_quantity([t for o in pobjs for t in core_tokens(o)], lex):  # "… to a rise in crime"
            object_value = first_nonzero(change_noun_value(o, lex) for o in pobjs) or \
                phrase_valence([t for o in pobjs for t in core_tokens(o)], lex)
    return object_value


def _caused_value(verb, objects, lex: StanceLexicon) -> float:
    """What a verb leaves its object as: "will keep prices low" and "has got waiting lists falling" are good,
    "sent rents soaring" and "left families struggling" bad; 0 for none."""
    lemma = verb.lemma_.lower()
    if lemma not in lex.causing_verbs:
        return 0.0
    eased = _eased_value(verb, lex)
    if eased:  # "makes it easier for buses to get through", "makes it easier to hide abuse"
        return eased
    things = [t for o in objects for t in core_tokens(o) if t.pos_ in ("NOUN", "PROPN")]
    deprived = _deprivation(verb, objects, lex)
    # "left families with no way to get to work"; "left burglars with nowhere to hide"; "left workers stranded"
    left = objects or [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") for s in c.children
                       if s.dep_ in SUBJECTS]
    if deprived and left:
        worth = stake([t for o in left for t in core_tokens(o) if t.pos_ in ("NOUN", "PROPN")], left, lex)
        return 0.5 if worth < 0 or deprived < 0 else -_held_worth(worth)
    for state in verb.children:
        change = change_value(state, lex) if state.dep_ in ("ccomp", "xcomp") and state.pos_ == "VERB" else 0.0
        if change:
            return change  # a small clause: "got waiting lists falling"
        # "kept the museum open", "got the buses running again" (a small clause); "kept the scandal alive";
        # "got the new station built"
        held = [c for c in state.children if c.dep_ in SUBJECTS] if state.dep_ in ("ccomp", "xcomp") else []
        done = state.tag_ in ("VBN", "VBD") and state.lemma_.lower() in lex.achieved_verbs and lemma == "get"
        if (state.lower_ in lex.running_states and lemma in lex.sustaining_verbs or done) and (things or held):
            return _held_worth(stake(things or [t for h in held for t in core_tokens(h)], objects or held, lex))
        if state.dep_ in ("oprd", "ccomp", "xcomp", "advmod") and things:
            word = state.lower_
            sign = -1 if word in lex.lowering_states else 1 if word in lex.raising_states else 0
            if sign:
                return sign * stake(things, objects, lex)
    if lemma == "get" and things and any(c.dep_ == "acl" and c.lemma_.lower() in lex.achieved_verbs
                                         for o in objects for c in o.children):
        return _held_worth(stake(things, objects, lex))  # "got the new bridge built", parsed as a modifier
    described = [t for o in objects for c in o.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")
                 for t in c.subtree]  # "left the streets strewn with broken glass"
    return phrase_valence(described, lex) if described else 0.0


def _permitted_value(verb, lex: StanceLexicon) -> float:
    """What letting something go on or end is worth ("let the hospital close", "allowed the scheme to go ahead");
    0 for another verb or a clause that neither goes on nor ends."""
    if verb.lemma_.lower() not in PERMITTING_VERBS | {"let"}:
        return 0.0
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "ADJ")]
    return first_nonzero(going_value(c, lex) for c in clauses)


def going_value(clause, lex: StanceLexicon) -> float:
    """What a clause's going on or ending is worth, by what goes on or ends: "the hospital closed" is bad (what is
    worth nothing is taken as worth something), "the protests have stopped" good, "the scheme went ahead" good;
    0 for a clause that neither goes on nor ends."""
    heading = course(clause, lex)
    holders = [c for c in clause.children if c.dep_ in SUBJECTS]
    worth = stake([t for h in holders for t in core_tokens(h)], holders, lex) if holders else 0.0
    return heading * _held_worth(worth)


def _provided_value(verb, objects, lex: StanceLexicon) -> float:
    """What providing new or counted things is worth ("will pay for 40 new buses", "funded 200 extra nurses",
    "built 500 homes"): what they are worth, and something where that is nothing of their own; 0 for another
    verb, things neither new nor counted, or amounts of money."""
    lemma = verb.lemma_.lower()
    if lemma not in lex.providing_verbs:
        return 0.0
    things = objects or (prep_objects(verb, ("for",)) if lemma == "pay" else [])
    new = [o for o in things if o.pos_ == "NOUN" and o.lemma_.lower() not in lex.quantity_words and
           any(c.lower_ in lex.new_words or c.like_num for c in o.children)]
    words = [t for o in new for t in core_tokens(o) if t.pos_ in ("NOUN", "PROPN")]
    return _held_worth(stake(words, new, lex)) if words else 0.0


def _known_for(word, lex: StanceLexicon) -> float:
    """What a word of renown says through its "for": "known for her integrity" is good, "a reputation for
    cutting corners" bad; 0 for none."""
    held = prep_objects(word, ("for",))
    done = [c for p in word.children if p.dep_ == "prep" and p.lower_ == "for" for c in p.children
            if c.dep_ == "pcomp" and c.pos_ == "VERB"]
    return phrase_valence([t for o in held for t in core_tokens(o)], lex) or \
        first_nonzero(predicate_value(d, False, lex)[0] for d in done)


def _held_worth(worth: float) -> float:
    """What having, keeping or losing a thing is worth, by its value: a thing of no value of its own is taken as
    worth something (a museum, a bus route), a bad thing stays bad."""
    return worth if worth < 0 else max(worth, 0.5)


def _eased_value(verb, lex: StanceLexicon) -> float:
    """What making something easier or harder is worth, by what is made so: "makes it easier for buses to get
    through" is good, "makes it harder for carers to visit" bad (doing a thing of no value of its own is taken as
    worth doing), "makes it easier to hide abuse" bad; 0 for another verb or complement."""
    for state in (c for c in verb.children if c.dep_ in ("ccomp", "oprd", "acomp", "xcomp") and c.pos_ == "ADJ"):
        word = state.lower_
        sign = 1 if word in lex.easing_words else -1 if word in lex.hindering_words else 0
        done = [c for c in state.children if c.dep_ in ("xcomp", "advcl") and c.pos_ in ("VERB", "AUX")]
        if sign and done:  # cutting a thing of no value of its own is taken as a loss, as doing one as a gain
            inner = predicate_value(done[0], False, lex)[0]
            return sign * (inner or (-0.5 if done[0].lemma_.lower() in lex.reducer_verbs else 0.5))
    return 0.0


def _deprivation(verb, objects, lex: StanceLexicon) -> int:
    """Whether a verb of leaving leaves its objects without something: 1 for "with no way to …", "unable to …",
    "without heating"; -1 where what they are without is bad ("without crime"); 0 for none."""
    if verb.lemma_.lower() not in lex.leaving_verbs:
        return 0
    states = [c for o in objects for c in o.children if c.dep_ in ("amod", "acl")]
    states += [c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl")]
    deprived = any(s.lower_ in lex.deprived_states for s in states)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "without")):
        held = [o for o in prep.children if o.dep_ in ("pobj", "pcomp")]
        if prep.lower_ == "without" and held:
            return -1 if phrase_valence([t for o in held for t in core_tokens(o)], lex) < 0 else 1
        deprived = deprived or any(o.lower_ in lex.negative_subjects | {"nowhere", "little"} or
                                   any(d.dep_ == "det" and d.lower_ == "no" for d in o.children) for o in held)
    return int(deprived)


def _added_to(verb, lex: StanceLexicon) -> list:
    """What a verb of adding adds to: "bills" in "will add 90 pounds to household bills"; [] for another verb."""
    return prep_objects(verb, ("to", "onto")) if verb.lemma_.lower() in lex.adding_verbs else []


def _added_value(verb, lex: StanceLexicon) -> float:
    """What adding to something is worth, by what it adds to: "will add to energy bills" is bad; 0 for none."""
    added = _added_to(verb, lex)
    return stake([t for o in added for t in core_tokens(o) if t.pos_ == "NOUN"], added, lex) if added else 0.0


def _moved_value(verb, lex: StanceLexicon) -> float:
    """What raising or lowering its object is worth, by what it raises or lowers: "will double waiting times" is
    bad, "has tripled visitor numbers" good (the parser hangs some such objects as npadvmod); 0 for another verb,
    an amount ("doubled last year"), or a verb that is also an act ("dropped the charges")."""
    lemma = verb.lemma_.lower()
    sign = 1 if lemma in lex.rise_verbs else -1 if lemma in lex.fall_verbs else 0
    if not sign or lemma in lex.support_verbs | lex.oppose_verbs:
        return 0.0
    moved = [c for c in verb.children if c.dep_ in OBJECTS or (c.dep_ == "npadvmod" and c.pos_ == "NOUN")]
    moved += [p for o in moved if o.lemma_.lower() in lex.level_nouns for p in prep_objects(o, ("of",))]
    things = [t for o in moved for t in core_tokens(o) + _counted(o, lex) if t.pos_ in ("NOUN", "PROPN") or
              t.dep_ == "compound"]  # "halve the number of accidents"
    return 0.0 if not things or is_quantity(things, lex) else sign * stake(things, moved, lex)


def _reduction_value(verb, objects, object_tokens, lex: StanceLexicon) -> tuple[float, str] | None:
    """What a verb that cuts or takes away its objects says: the opposite of what they are worth ("cuts pollution"
    is good, "cuts jobs" bad, "cuts times" unknown); None where it is no such verb or, taking away, names nothing
    of value."""
    lemma = verb.lemma_.lower()
    reducing = lemma in lex.reducer_verbs or is_phrasal(lemma, verb_particles(verb), lex.phrasal_reducers)
    if not (reducing or lemma in lex.depriving_verbs) or not objects:
        return None
    if lemma in lex.capping_verbs and any(c.dep_ == "prep" and c.lower_ in ("to", "at") and
                                          is_quantity(list(c.subtree), lex) for c in verb.children):
        return 0.0, ""  # "limits increases to 3 per cent", "caps fares at 2 pounds": a rule, not a verdict
    # Judged by the things, not by how they are described ("hurts the poorest households"), and by the thing
    # itself where it has a value, not by what kind it is ("cut energy bills", "cut childhood obesity")
    things = [t for t in object_tokens if t.pos_ in ("NOUN", "PROPN")]
    thing_value = stake(things, objects, lex) or (0.5 if any(c.dep_ == "dative" for c in verb.children) else 0.0)
    # "cut waiting times"; "will cost small shops their trade": what is taken from someone is theirs to lose
    if thing_value:  # but what harms, hurts or ruins is bad whatever it is done to
        return -thing_value, "does"
    if not reducing:
        return None
    own = word_valence(verb, lex)
    return (math.tanh(1.5 * own), "does") if abs(own) >= 0.375 else (0.0, "")


def stake(things, heads, lex: StanceLexicon) -> float:
    """What more of *things* is worth: the value of the things themselves where it is clear ("pollution", "jobs";
    among *heads*); else -0.5 for a time named a burden ("waiting times", "the commute"), +0.5 for a count of
    people who come or buy ("visitor numbers", "bookings"); else what all their words say. Cutting them, or their
    falling, is worth the opposite."""
    valued = [t for t in things if t in heads and word_valence(t, lex)]
    value = phrase_valence(valued, lex) if valued else 0.0
    if abs(value) >= 0.2:
        return value
    if any(t.lemma_.lower() in lex.burden_modifiers for t in things):
        return -0.5  # "waiting times", "customer waiting times", "the commute"
    if any(t.lemma_.lower() in lex.popularity_words for t in things):
        return 0.5  # "visitor numbers", "bookings": people who come, whatever "number" barely says
    return value or phrase_valence(things, lex)


def change_noun_value(noun, lex: StanceLexicon) -> float:
    """What a rise or fall named by a noun is worth, by what rose or fell: "a sharp rise in child poverty" is bad,
    "a fall in crime" good; 0 for another noun."""
    lemma = noun.lemma_.lower()
    direction = 1 if lemma in lex.rise_verbs else -1 if lemma in lex.fall_verbs else 0
    # "a fall in congestion"; "brought a sharp fall in congestion" with "in" hung on the verb
    holders = [noun, noun.head] if noun.dep_ in OBJECTS else [noun]
    changed = [o for h in holders for o in prep_objects(h, ("in",))] if direction else []
    things = [t for o in changed for t in core_tokens(o) if t.pos_ in ("NOUN", "PROPN") or t.dep_ == "compound"]
    return direction * stake(things, changed, lex) if things else 0.0


def change_value(verb, lex: StanceLexicon) -> float:
    """What a rise or fall reported of a subject is worth: "accidents have fallen" is good, "jobs have fallen"
    and "complaints have doubled" bad; 0 for a verb that names no change or is done to an object."""
    lemma = verb.lemma_.lower()
    begun = [c for c in verb.children if c.dep_ == "xcomp"] if lemma in PHASE_VERBS else []
    if begun:  # "obesity rates have started to fall", parsed with "since" on "started"
        return change_value(begun[0], lex)
    moved = verb_particles(verb) if lemma in ("go", "come") else set()  # "prices went up", "waits came down"
    direction = 1 if lemma in lex.rise_verbs or "up" in moved else \
        -1 if lemma in lex.fall_verbs or "down" in moved else 0
    if not direction or any(c.dep_ in OBJECTS for c in verb.children):
        return 0.0
    # "obesity rates have started to fall", "crime has continued to rise": the subject is the verb above's
    subjects = [c for c in (verb.head if verb.dep_ == "xcomp" else verb).children if c.dep_ == "nsubj"]
    things = [t for s in subjects for t in core_tokens(s) if t.pos_ in ("NOUN", "PROPN") or t.dep_ == "compound"]
    return direction * stake(things, subjects, lex)


def _employment(verb, lex: StanceLexicon) -> bool:
    """Whether "work" says where someone works ("worked as a nurse", "worked for a shipping firm", "works for
    Google") rather than that something works ("the scheme works for families")."""
    return any(c.dep_ == "prep" and (c.lower_ in lex.employment_preps or (c.lower_ == "for" and any(
        o.dep_ == "pobj" and (o.pos_ == "PROPN" or any(d.lower_ in ("a", "an") for d in o.children))
        for o in c.children))) for c in verb.children)


def is_amount(predicate, lex: StanceLexicon) -> bool:
    """Whether a predicate gives a measure or a price ("worth 3 million pounds", "four metres high", "the largest
    in the country", "free for students") with no other word that judges: a fact, whatever "worth" scores."""
    tokens = core_tokens(predicate)
    measures = [t for t in tokens if t.like_num or t.pos_ == "NUM" or t.lower_ in lex.price_words
                or (t.tag_ in COMPARATIVE_TAGS and t.lemma_.lower() in lex.measure_adjectives)]
    others = [t for t in tokens if t not in measures and t.lower_ not in lex.amount_words]
    return bool(measures) and not phrase_valence(others, lex)


def is_reported_act(verb, lex: StanceLexicon) -> bool:
    """Whether a verb reports a procedure done to its subject ("was approved by the board", "is funded by the
    department"): a record of what happened, not backing recommended or done by the speaker, nor a condition
    ("when uniforms are implemented") or a hoped outcome ("help X get elected")."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() in lex.procedural_acts and \
        verb.dep_ not in ("xcomp", "advcl") and not has_modal(verb, lex) and \
        any(c.dep_ == "auxpass" and c.lemma_.lower() == "be" for c in verb.children)


def is_tally(verb, lex: StanceLexicon) -> bool:
    """Whether a verb holds or wins an amount: "secured 41 percent of the vote", "won 58 percent"."""
    return verb.lemma_.lower() in lex.tally_verbs | lex.contest_verbs and \
        any(c.dep_ in OBJECTS and is_quantity(core_tokens(c), lex) and
            any(t.lemma_.lower() in lex.share_words | lex.tally_nouns for t in c.subtree) for c in verb.children)


def is_cost(verb, lex: StanceLexicon) -> bool:
    """Whether a verb takes an amount and its own word is no verdict: "costs 120 pounds", "takes two years"
    (as ``predicate_value`` reads them; "would waste 3 million pounds" judges)."""
    return verb.pos_ == "VERB" and abs(word_valence(verb, lex)) < 0.375 and not act_polarity(verb, lex) and \
        any(c.dep_ in OBJECTS and is_quantity(core_tokens(c), lex) for c in verb.children)


def record_objects(verb, lex: StanceLexicon) -> list:
    """The objects that make a verb a record of money or business: a grant, contract or licence received or
    awarded ("received a grant of 50000 pounds", "secured a contract to build two ferries", "was awarded a
    licence"), or a figure reported ("reported a record profit", "posted a loss"); what such an object is called
    is said of it, not of who got it."""
    lemma = verb.lemma_.lower()
    nouns = lex.resource_nouns if lemma in lex.receiving_verbs else lex.figure_nouns \
        if lemma in lex.reporting_verbs else frozenset()
    return [c for c in verb.children if c.dep_ in OBJECTS and c.lemma_.lower() in nouns] \
        if verb.pos_ == "VERB" else []


def infinitive_value(noun, lex: StanceLexicon) -> float:
    """The value of "to VERB …" hanging off a noun or verb ("nothing to cut delays"), else 0."""
    for child in noun.children:
        if child.pos_ in ("VERB", "AUX") and child.dep_ in ("relcl", "acl", "advcl", "xcomp"):
            return predicate_value(child, False, lex)[0]
    return 0.0


def _evaluated_tokens(noun, lex: StanceLexicon) -> list:
    """The words that judge a predicate noun: its own phrase, and for a hollow noun what it is of
    ("the symbol of a cruel politics" is as good as "a cruel politics"), for a leading noun what it leads to
    ("a recipe for chaos")."""
    tokens = core_tokens(noun)
    lemma = noun.lemma_.lower()
    preps = {"of"} if lemma in lex.hollow_nouns else lex.consequence_preps if lemma in lex.leading_nouns else set()
    return tokens + [t for o in prep_objects(noun, preps) for t in core_tokens(o)]


def is_standing(verb, lex: StanceLexicon) -> bool:
    """Whether a predicate says where its subject stands in a race: a contest verb ("won the primary", "is
    crushing Y", "could win"), a holding verb with a tally ("drew support", "has a lead"), or either through
    "to" ("may struggle to win support")."""
    lemma = verb.lemma_.lower()
    if idiom_value(verb, lex):
        return False  # "X has lost the dressing room", "X gets my vote": a verdict
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    if lemma in lex.contest_verbs and not any((act_polarity(o, lex) and o.lemma_.lower() not in lex.tally_nouns)
                                              or o.lemma_.lower() in lex.merit_contests for o in objects) \
            and not any(c.dep_ == "prep" and c.lower_ in lex.consequence_preps for c in verb.children):
        return True  # "won praise" and "won the debate" are verdicts, "will lead to job losses" a consequence
    if lemma in lex.tally_verbs and any(o.lemma_.lower() in lex.tally_nouns for o in objects):
        return True
    return any(c.dep_ == "xcomp" and is_standing(c, lex) for c in verb.children)


def in_doubt(verb, lex: StanceLexicon) -> bool:
    """Whether a copula puts its subject in doubt: "is in question", "remains in doubt"."""
    return verb.lemma_.lower() in COPULAS and any(o.lemma_.lower() in lex.doubt_nouns
                                                  for o in prep_objects(verb, ("in",)))


def manner_value(verb, lex: StanceLexicon, passive: bool = False) -> float:
    """The value of how a verb's subject acted, from its manner adverbs ("acted recklessly", "unfairly
    maligning", "handled it brilliantly"): a verdict on the actor whatever the act; in the passive, on how the
    subject was made ("poorly designed", "brilliantly run"), where "badly" is a degree ("badly needed", "badly
    hit"); and from a noun of manner after "with" ("handled it with competence"), in the active only ("was met
    with contempt" judges those who met it)."""
    total = sum(lex.manner[c.lower_] for c in verb.children if c.dep_ == "advmod" and c.lower_ in lex.manner
                and not (passive and c.lower_ in PASSIVE_DEGREES))
    total += sum(4.0 * EXCESS for c in verb.children if c.dep_ == "advmod" and excessive(c, lex))  # "moving too fast"
    if not passive:  # "handled the crisis with competence", "treated staff with contempt"
        total += sum(4.0 * word_valence(o, lex) for p in prep_objects(verb, ("with",)) for o in (p, *p.conjuncts)
                     if o.lemma_.lower() in lex.manner_nouns)
    return math.tanh(1.5 * total / 4.0) if total else 0.0


PASSIVE_DEGREES = frozenset({"badly"})


def takes_a_side(predicate, relation: str, lex: StanceLexicon) -> bool:
    """Whether a predicate says where its subject stands or what it said ("X backed the bill", "X promised to
    meet them", "X is a strong advocate for Y") rather than how good the subject is."""
    if relation == "nsubjpass" or idiom_value(predicate, lex):
        return False  # "X added up the votes" says where X stands; "X's math does not add up" judges it
    lemma = predicate.lemma_.lower()
    if _added_to(predicate, lex):
        return False  # "X will add 90 pounds to bills" adds to a cost, not to what was said
    if lemma in COPULAS:
        return any(c.dep_ == "attr" and c.lemma_.lower() in lex.supporter_nouns | lex.opponent_nouns
                   for c in predicate.children)
    return lemma in lex.stance_taking_verbs
