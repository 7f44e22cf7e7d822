"""What a claim says of one mention of the target, read by climbing the parse from the mention to the root.

On the way up the climb gathers a value (what the target is called or does or
should do), acts for or against it, and the negations and reversing heads that
turn them around ("X does not kill high streets", "refused to back X"). Each
step is read by the relation it climbs: subject, object of a preposition, owner,
object or complement of a head.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from pipeline.stance.targeted.clauses import counted, prefers, question_sense, rebutted, set_aside, supposed
from pipeline.stance.targeted.lexicon import (COPULAS, OBJECTS, SUBJECTS, StanceLexicon, core_tokens, is_infinitive,
                                              is_negated, first_nonzero, phrase_valence, prep_objects, word_valence)
from pipeline.stance.targeted.predicates import (act_polarity, change_value, course, going_value, granted, idiom_act,
                                                 in_doubt, infinitive_value, is_standing, manner_value, noun_idiom,
                                                 phrasal_act, predicate_value, purpose_value, takes_a_side,
                                                 verb_particles)

CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "prep", "pobj", "dobj",
                     "attr", "npadvmod", "advmod", "appos", "parataxis", "mark", "compound"})
# The relations by which a step reaches a head whose clause or phrase may act on or judge what hangs off it:
# objects, complements, conjuncts and modifiers.
CLAUSE_STEPS = OBJECTS | frozenset({"xcomp", "ccomp", "conj", "advcl", "acl", "relcl", "compound", "appos", "attr",
                                    "nmod", "amod", "npadvmod", "dep", "pcomp", "acomp", "oprd"})
MAX_CLIMB = 12  # tree depth walked up from a mention: far beyond any news sentence's useful nesting


def mention_findings(mention, lex: StanceLexicon, own: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
    """(kind, value) of everything the claim says of one mention of the target: nothing where it only asks.
    *own* are the words of the target's name, which name it rather than judge it ("the smart meter")."""
    asked = question_sense(mention, lex)
    if asked > 0:
        return []
    findings = _said_of(mention, lex, own)
    return [(kind, -value) for kind, value in findings] if asked < 0 else findings


def describes_another(mention, clause) -> bool:
    """Whether *clause*, a relative clause holding *mention*, tells what the noun it describes does: "the
    minister, who signed X last spring, was sacked", "a contractor that supplies X was fined". Not when X is
    that clause's doer ("the racism that X has"), what it is compared with ("a senator who achieved less than
    X"), or the clause is passive or infinitival ("animals that are used in X have better lives", "every reason
    to celebrate X"): there what is said of the noun is said through X."""
    if clause.dep_ != "relcl" or clause.head.pos_ not in ("NOUN", "PROPN") or \
            any(c.dep_ in ("nsubjpass", "auxpass") or (c.dep_ == "aux" and c.lower_ == "to") for c in clause.children):
        return False
    path = [mention, *itertools.takewhile(lambda token: token.i != clause.i, mention.ancestors)]
    return not any(token.lower_ in ("than", "as") for token in path) and \
        not (mention.head.i == clause.i and mention.dep_ in SUBJECTS)


@dataclass
class _Climb:
    """What the climb has gathered of the target so far: a value it is given and that value's kind, the acts done
    to it (+1 backing, -1 fighting), and the sign the negations and reversing heads on the way have left."""
    base: float | None = None
    kind: str = "act"
    acts: list[int] = field(default_factory=list)
    sign: float = 1.0
    owned_bad: bool = False  # a bad thing of X's was acted on: "exposed X's lies" does not back X
    dated: bool = False  # what changed since X: "fell by a third" measures the change, it reports no poll
    silent: bool = False  # the statement turned out to say nothing of X ("if X wins, …"): nothing gathered counts
    owned: bool = False  # the value is the word of a thing X owns ("X's bonus"), which a verdict on it overrules

    @property
    def bare(self) -> bool:
        """Whether nothing has been gathered yet: most readings only start a climb."""
        return self.base is None and not self.acts

    def turn(self) -> None:
        """A negation or reversing head on the way: "does not kill high streets", "refused to back X"."""
        self.sign = -self.sign


def _said_of(mention, lex: StanceLexicon, own: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
    """(kind, value) of everything a statement says of one mention of the target: what its own phrase calls it,
    and what a climb from it to the root gathers, one step (``_step``) at a time."""
    prefixed = _prefix_act(mention, lex)
    if prefixed:
        return [("act", prefixed)]  # "anti-X signs", "a pro-X crowd"
    aside = set_aside(mention, lex)
    # "a pact rather than a focused X": what X's phrase calls it is denied; "instead of backing X": so is the act
    findings = [(kind, -value if aside else value) for kind, value in _called_in_phrase(mention, lex, own)]
    if mention.dep_ in SUBJECTS and mention.head.dep_ == "ROOT" and mention.head.pos_ == "NOUN":
        return findings + _noun_root_findings(mention.head, lex)
    climb, current, climbed = _Climb(), mention, 0
    while current is not None and current.head.i != current.i and climbed < MAX_CLIMB:
        climbed += 1
        current = _step(mention, current, climb, lex)
    finding = _climb_finding(mention, climb, lex)
    if finding and aside == "act":
        finding = (finding[0], -finding[1])
    return findings + [finding] if finding else findings


def _noun_root_findings(noun, lex: StanceLexicon) -> list[tuple[str, float]]:
    """What a noun the parser took for the root says of its subject, the mention: a claim cut from "… called him
    a phony" ("him a phony"), or "X works." with "works" parsed as a plural noun."""
    value = phrase_valence(core_tokens(noun), lex)
    if value:
        return [("called", value)]
    if noun.lemma_.lower() in lex.success_verbs and not any(c.dep_ == "det" for c in noun.children):
        return [("does", 0.5)]
    return []


def _step(mention, current, climb: _Climb, lex: StanceLexicon):
    """One step of the climb, from *current* up to the word it hangs off, read by the relation between them:
    the word to climb on from (mostly that head), or None where the climb ends."""
    head, relation = current.head, current.dep_
    if relation == "ccomp" and _juxtaposed(current, head):
        return None  # "X has been a failure: the promised jobs never came" is two statements, not one inside the other
    # "if X wins, …", "asked whether X can be trusted": supposed or asked, not said; "X won the primary",
    # "X drew deep support among women": where X stands in a race
    if supposed(head, lex) or (climb.base is None and relation in SUBJECTS and is_standing(head, lex)):
        climb.silent = True
        return None
    if relation in SUBJECTS and in_doubt(head, lex):
        # "X's honesty is in question": what is put in doubt is denied
        climb.base, climb.kind = (-climb.base, climb.kind) if climb.base is not None else (-math.tanh(1.0), "called")
        return head
    since = _dated_clause(current, lex) if climb.bare else None
    change = _outcome_value(since, "dated", lex) if since is not None else 0.0
    if change:  # "accidents have fallen since X opened", "since X came in, three shops have closed"
        # ("since X resigned, the club has thrived": what came after X went)
        gone = relation in SUBJECTS and (head.lemma_.lower() in lex.departure_verbs or course(head, lex) < 0)
        climb.base = change * (-1 if is_negated(since, lex) else 1) * (-1 if gone else 1)
        climb.kind, climb.dated = "does", True
        return None
    if climb.owned and relation in SUBJECTS:
        value, found = _subject_value(head, relation, lex)
        if value is not None and value * climb.base < 0:  # "X's bonus was indefensible": the verdict, not the word
            climb.base, climb.kind, climb.owned = value, found, False
            if is_negated(head, lex):
                climb.turn()
            return head
    if climb.base is None and relation in SUBJECTS:
        value, found = _subject_value(head, relation, lex)
        if value is not None:
            climb.base, climb.kind = value, found
        if is_negated(head, lex):
            climb.turn()
        return head
    cause, marker = _cause_clause(current, lex) if relation == "pobj" and climb.bare else (None, "")
    if cause is not None:  # "thanks to X, the beaches are cleaner", "under X, crime has soared": what X brought about
        # ("without X, the pool would have closed": what X kept from happening)
        value = _outcome_value(cause, marker, lex) * (-1 if marker == "counterfactual" else 1)
        if value:
            climb.base, climb.kind = value * (-1 if is_negated(cause, lex) else 1), "does"
        return None
    if relation in ("pobj", "pcomp") and head.pos_ == "ADP":
        return _preposition_step(mention, current, climb, lex)
    if is_possessor(current) and climb.bare:
        return _possessor_step(current, climb, lex)
    if relation in CLAUSE_STEPS:
        return _clause_step(mention, current, climb, lex)
    return head if relation in CLAUSAL else None


def _preposition_step(mention, current, climb: _Climb, lex: StanceLexicon):
    """A step from the object of a preposition, read with the word the preposition hangs off, its governor: an
    act done through it ("voted for X", "pulled the plug on X", "support Y over X"), or else what the governor
    says of X (``_governor_step``)."""
    head = current.head
    preposition, governor = head.lower_, head.head
    if preposition == "without" and current.dep_ == "pcomp" and not climb.bare:
        climb.turn()  # "pass X without watering it down": what is done without is not done
        return head
    if preposition == "from" and current.dep_ == "pcomp" and governor.lemma_.lower() in lex.refraining_verbs:
        climb.turn()  # "urged them to refrain from signing X": what is refrained from is not done
        if is_negated(governor, lex) or any(c.dep_ in SUBJECTS and c.lower_ in lex.negative_subjects
                                            for c in governor.children):
            climb.turn()  # "nobody should refrain from backing X", "do not refrain from …"
    if governor.dep_ == "prt":
        governor = governor.head  # "hats off to X" with "to" hung on the particle
    # "a choice between X and Y", "the race between X and Y": neither is judged; "the race against X", "his
    # battle with X": where the rivals stand
    if preposition == "between" or (governor.lemma_.lower() in lex.contest_nouns and climb.bare):
        climb.silent = True
        return None
    if (preposition in lex.passed_over_preps and governor.lemma_.lower() in lex.preference_verbs) or \
            (preposition == "to" and "prefer" in (governor.lemma_.lower(), governor.head.lemma_.lower())):
        climb.acts.append(-1)  # "support Y over X", "would rather vote for Y than X", "prefer Y to X"
        return head
    if preposition == "than" and climb.bare:
        better = _comparative_value(governor, lex)
        if better > 0:  # "Y is a better choice than X", "nobody is better qualified than X"
            climb.base, climb.kind = -better, "called"  # ("worse than X" says X is bad too: left alone)
    # "pulled the plug on X", "gave the green light to X": the idiom is the verb's, its noun holds "on"
    # ("are up in arms over X": the nearest verb above the noun)
    actor = next((a for a in (governor, *governor.ancestors) if a.pos_ in ("VERB", "AUX")
                  and abs(a.i - governor.i) <= 6), governor)
    idiom = idiom_act(actor, lex, preposition)
    if idiom:
        climb.acts.append(idiom)
        if is_negated(actor, lex):
            climb.turn()
        return actor
    act = _preposition_act(preposition, governor, lex)
    if act:
        # "campaigned against X", "voted down X" read as a preposition, "got rid of X", "voted for X";
        # the verb's own negation ("will not vote for X") is one the climb would step over
        climb.acts.append(act)
        if is_negated(governor, lex):  # … and "there is no case for X", "no appetite for X"
            climb.turn()
        return head
    return _governor_step(mention, current, governor, climb, lex)


def _governor_step(mention, current, governor, climb: _Climb, lex: StanceLexicon):
    """What the governor of a preposition says of its object where no verb's act reached it: a denied intention,
    money wasted on X, "can't wait for X", "press ahead with X", a feeling, a good or bad point in X, an
    appraisal, what would be without X, a thing of X's, an act named by a noun. Returns the word to climb on from,
    or None where what follows is said of the governor ("the briefing on X", "an ally of X"), not of X."""
    head = current.head
    preposition = head.lower_
    # A feeling is about what it names ("furious about X", "angry at X's remark"), not about a clause
    # that names X deeper down ("angered by the press reporting that X had won").
    feeling = (preposition in lex.feeling_preps or (preposition == "of" and governor.pos_ == "ADJ")) \
        and current.i in (mention.i, mention.head.i)
    if climb.acts and governor.pos_ == "NOUN" and is_negated(governor, lex):
        climb.turn()  # "no intention of backing X", "no plan to oppose X"
    elif preposition == "without" and climb.bare and governor.pos_ in ("VERB", "AUX"):
        value, _ = predicate_value(governor, False, lex)  # "without X, the town would be quieter"
        if value:
            climb.base, climb.kind = -value, "does"
        return governor
    elif preposition == "on" and governor.lemma_.lower() in lex.squander_verbs and climb.bare:
        climb.base, climb.kind = -math.tanh(1.0), "called"  # "don't waste your money on X": denied or not, a waste
        return None
    elif preposition == "for" and governor.lemma_.lower() == "wait" and is_negated(governor, lex):
        climb.acts.append(1)  # "can't wait for X"
    elif preposition == "with" and verb_particles(governor) & (lex.proceed_particles | lex.halt_particles):
        climb.acts.append(1 if verb_particles(governor) & lex.proceed_particles else -1)  # "press ahead with X"
    elif feeling and climb.bare and word_valence(governor, lex):
        climb.base, climb.kind = math.tanh(1.5 * word_valence(governor, lex)), "called"  # "furious about X"
        # "nothing wrong with X", "no problem with X"; "neither man was impressed by X" (a denied approval,
        # unlike "no one should be fooled by X", which still says X fools)
        if _denied(governor, lex) or (governor.pos_ == "VERB" and climb.base > 0 and is_negated(governor, lex)):
            climb.base = -climb.base
    elif preposition == "in" and governor.lemma_.lower() in lex.attribute_nouns and climb.bare and \
            word_valence(governor, lex):
        climb.base, climb.kind = math.tanh(1.5 * word_valence(governor, lex)), "called"  # "serious flaws in X"
        if _denied(governor, lex):
            climb.base = -climb.base  # "no flaws in X"
    elif preposition == "of" and governor.lemma_.lower() in lex.appraisal_nouns and climb.bare:
        value = phrase_valence([c for c in governor.children if c.dep_ == "amod"], lex)
        if not value:
            return None  # "an assessment of X": what is said next is of the assessment
        climb.base, climb.kind = value, "called"  # "a glowing assessment of X", "a scathing review of X"
    elif preposition == "of" and governor.lemma_.lower() in lex.relation_nouns and climb.bare:
        return None  # "the mayor, a close ally of X, is unpopular": what is said of the ally is not said of X
    elif preposition == "of" and governor.pos_ in ("NOUN", "PROPN") and climb.bare:
        climb.base, climb.kind = _owner_value(governor, climb.acts, lex)
        climb.owned_bad = climb.base is not None and climb.base < 0
    elif governor.pos_ in ("NOUN", "PROPN") and preposition in lex.detached_preps:
        polarity = act_polarity(governor, lex)  # "opposition to X", "backing for X"
        if not polarity:
            return None  # "the briefing on X ended in a row": what is said next is of the briefing
        climb.acts.append(polarity)
        if is_negated(governor, lex):
            climb.turn()  # "a vote of no confidence in X"
    return head


def _possessor_step(current, climb: _Climb, lex: StanceLexicon):
    """A step from the target as the owner of a noun ("X's failure", "the X ticket"), nothing gathered yet: what
    the thing owned says of X. Returns None where what follows is said of the thing owned, not of X."""
    head = current.head
    if head.lemma_.lower() in lex.opponent_nouns and head.tag_ == "NN" and current.pos_ == "PROPN":
        return None  # "Achebe's opponent is an extremist": a rival in a race, not a critic of X
    if act_polarity(head, lex) and head.lemma_.lower() not in lex.supporter_nouns | lex.opponent_nouns:
        # "X's support for the levy", "X's attack on the mayor": where X stands, unless the act itself is
        # judged ("X's vicious attack")
        value = phrase_valence([c for c in head.children if c.dep_ == "amod"], lex)
        if not value:
            return None
        climb.base, climb.kind = value, "called"
        return head
    climb.base, climb.kind = _owner_value(head, climb.acts, lex)
    climb.owned_bad = climb.base is not None and climb.base < 0
    climb.owned = climb.base is not None
    if climb.bare and head.lemma_.lower() not in lex.proxy_nouns:
        return None  # "friendly with Trump's in-laws", "Cruz's eligibility": what follows is said of the thing owned
    return head


def _clause_step(mention, current, climb: _Climb, lex: StanceLexicon):
    """A step from an object, complement, conjunct or modifier to its head: the act the head does to it ("backed
    X", "refused to back X"), what a copula or a verb of calling calls it, the verdict of "it would be wrong to …",
    and the head's negation or reversal. Returns None where what follows is not said of X."""
    head, relation = current.head, current.dep_
    polarity = _act_on(current, lex)
    if polarity:
        climb.acts.append(polarity)
    if relation == "conj" and head.lower_ in lex.everyone_words and \
            any(c.dep_ in ("cc", "prep") and c.lower_ in ("but", "except") for c in head.children):
        climb.turn()  # "voting for anyone but X"
    if relation == "attr" and head.lemma_.lower() in COPULAS and climb.bare:
        subjects = [c for c in head.children if c.dep_ in SUBJECTS and c.pos_ in ("NOUN", "PROPN")]
        value = phrase_valence(core_tokens(subjects[0]), lex) if subjects else 0.0
        if value:  # "the best choice is X", "the real problem is X"
            climb.base, climb.kind = value, "called"
    # "it would be madness to scrap X", "there is no reason to delay X": the verdict on the act is the claim
    infinitive = relation in ("relcl", "acl") and head.dep_ == "attr" and \
        is_infinitive(current)
    if relation in ("relcl", "acl") and not _through_noun_clause(mention, current, infinitive, climb, lex):
        return None
    if relation in OBJECTS and climb.base is None and head.lemma_.lower() in lex.calling_verbs:
        value = _called_value(head, current, lex)
        if value:
            climb.base, climb.kind = value, "called"
    _verdict_on_doing(current, infinitive, climb, lex)
    if (head.lemma_.lower() in lex.reversing_heads or _used_to(head)) and relation in ("xcomp", "ccomp") \
            and not polarity:
        climb.turn()
    # A conjunct has its own negation: "X is not perfect, but it deserves support".
    if is_negated(head, lex) and relation != "conj" and not _cannot_be_more(head, current):
        climb.turn()
    return head


def _act_on(current, lex: StanceLexicon) -> int:
    """+1 / -1 for an act of backing or fighting that the head of *current* does to it, as its object ("backed
    X"), what it sets out to do ("refused to back X") or whom a verb of giving hands something ("give X a
    chance", "give X the axe"); else 0."""
    head, relation = current.head, current.dep_
    # "was elected mayor", "voters made her leader": the office named is no object of the act
    polarity = act_polarity(head, lex) if relation in OBJECTS - {"oprd"} or relation == "xcomp" else 0
    if relation == "dative" and head.lemma_.lower() in lex.granting_verbs:
        polarity = polarity or granted(head, lex)
    return polarity or (_preferred(head, lex) if relation in OBJECTS else 0)


def _preferred(verb, lex: StanceLexicon) -> int:
    """+1 for what is rather done ("would rather pay X than sit in traffic"), -1 for what it is done instead of
    ("would rather sit in traffic than pay X", "would sooner walk than pay X"); 0 for any other verb."""
    if prefers(verb, lex) and any(c.dep_ == "advcl" and any(m.lower_ == "than" for m in c.children)
                                  for c in verb.children):
        return 1
    marked = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children)
    return -1 if marked and prefers(verb.head, lex) else 0


def _through_noun_clause(mention, clause, infinitive: bool, climb: _Climb, lex: StanceLexicon) -> bool:
    """Whether the climb goes on from a relative or adjectival clause to the noun it hangs off: not where the
    clause tells of that noun ("the minister, who introduced X, was sacked", "welcomed the news that X would
    quit"), nor, marking the climb silent, where the noun is a group named by an act. A verdict on the clause
    ("it is a scandal that X still has a licence") is gathered on the way."""
    head, relation = clause.head, clause.dep_
    if relation == "relcl" and climb.bare and describes_another(mention, clause) and not _cleft_verdict(head, lex):
        return False  # "the minister, who introduced X, was sacked": what follows is said of the minister
    if climb.acts and climb.base is None and head.pos_ in ("NOUN", "PRON") and not infinitive and \
            (relation == "relcl" or (relation == "acl" and clause.tag_ == "VBG")):
        climb.silent = True  # "those who supported X", "delegates backing X": a group named by an act
        return False
    # "welcomed the news that X would quit": what is done to the news is not done to X; but "no evidence
    # that X lied", "not seen any sign that X is honest" deny what they hold
    finite = any(c.dep_ in SUBJECTS for c in clause.children)  # a clause, not "madness to scrap X"
    verdict = finite and _cleft_verdict(head, lex)
    if verdict and climb.bare:
        climb.base, climb.kind = verdict, "called"  # "it is a scandal that X still has a licence"
    elif verdict:
        climb.sign *= math.copysign(1.0, verdict)  # "it is a shame that X was scrapped"
    elif relation == "acl" and finite and head.lemma_.lower() not in lex.evidence_nouns | lex.emphatic_nouns:
        return False
    return True


def _verdict_on_doing(current, infinitive: bool, climb: _Climb, lex: StanceLexicon) -> None:
    """The verdict of "it would be wrong to scrap X", "it would be madness to scrap X" on what its clause does: the
    climb's value where none is gathered yet, else a sign on it."""
    head, relation = current.head, current.dep_
    copula = head if head.lemma_.lower() in COPULAS else head.head if head.dep_ in ("acomp", "attr") else None
    if (relation in ("xcomp", "ccomp") or infinitive) and copula is not None and \
            copula.lemma_.lower() in COPULAS and \
            any(c.dep_ in SUBJECTS and c.lower_ == "it" for c in copula.children):
        verdict = phrase_valence([t for c in copula.children if c.dep_ in ("acomp", "attr")
                                  for t in core_tokens(c)], lex)  # "it would be wrong to scrap X"
        if verdict and climb.base is None:
            climb.base, climb.kind = verdict, "should"
        elif verdict:
            climb.sign *= math.copysign(1.0, verdict)


def _climb_finding(mention, climb: _Climb, lex: StanceLexicon) -> tuple[str, float] | None:
    """What the climb gathered as one (kind, value), its value (1 for acts alone) turned by the sign and each
    act; None where it says nothing of the target."""
    if climb.silent or climb.bare:
        return None
    groups = [a for a in mention.ancestors if a.lemma_.lower() in lex.supporter_nouns | lex.opponent_nouns]
    if climb.base is None and len(climb.acts) == len(groups):
        return None  # "the governor, a close ally of X, …", "X's opponent spoke": who they are, nothing said
    if counted(mention, lex) and not climb.dated:
        return None  # "60 percent of members said they would back X", "18 percent view X favourably": a poll
    value = (climb.base if climb.base is not None else 1.0) * climb.sign
    for polarity in climb.acts:
        value *= polarity
    if climb.owned_bad:  # "condemned X's dangerous rhetoric", "exposed X's lies": fighting X's bad things
        value = -abs(value)  # does not back X
    if rebutted(mention, lex):  # "critics call X a waste of money, but they are wrong"
        value = -value
    return ("act" if climb.acts and climb.base is None else climb.kind), value


def _called_in_phrase(mention, lex: StanceLexicon, own: frozenset[str]) -> list[tuple[str, float]]:
    """What the mention's own phrase calls it: its adjectives and appositions ("a disastrous X", "X, a reckless
    gamble"), and in a claim cut from "called X Y" or "described X as Y", the rest of that phrase."""
    findings = []
    # An apposition stands right after the name ("X, a reckless gamble, …"); one far from it is a misparse.
    modifiers = [c for c in mention.children if (c.dep_ in ("amod", "acl", "relcl") and c.lower_ not in own)
                 or (c.dep_ == "appos" and c.left_edge.i <= mention.i + 2)]
    for modifier in modifiers:
        # An apposition is what it is called ("X, a reckless gamble"), not the clauses hanging off that name
        # ("Sanders, the senator who is running against Clinton for the nomination").
        value = math.tanh(1.5 * word_valence(modifier, lex)) if modifier.dep_ == "amod" else \
            (noun_idiom(modifier, lex) or phrase_valence(core_tokens(modifier), lex)) if modifier.dep_ == "appos" \
            else phrase_valence(modifier.subtree, lex)
        if value:
            findings.append(("called", value))
    owner_root = is_possessor(mention) and mention.head.dep_ == "ROOT" and \
        mention.head.lemma_.lower() in lex.proxy_nouns
    if mention.dep_ == "ROOT" or owner_root:
        # a claim cut from "… described X as Y": "X as unfit to serve", "X's remarks as hurtful"
        value = phrase_valence(_as_complement(mention.head if owner_root else mention), lex)
        if value:
            findings.append(("called", value))
    if mention.dep_ == "ROOT":  # a claim cut from "… called X Y": "Cruz the 'ultimate hypocrite'", "Trump his friend"
        called = [t for c in mention.children if c.dep_ in ("dobj", "attr", "oprd", "npadvmod", "appos") and
                  c.pos_ in ("NOUN", "PROPN") for t in core_tokens(c)]
        value = phrase_valence(called, lex) if called else 0.0
        if value:
            findings.append(("called", value))
        if any(o.lemma_.lower() in lex.office_nouns for o in prep_objects(mention, ("for",))):
            findings.append(("should", math.tanh(1.0)))  # the slogan "X for president"
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(d.dep_ == "pcomp" and d.pos_ == "VERB" for d in c.children)
               for c in mention.children):
            findings.append(("called", -0.6))  # cut from "accused X of lying": "X of lying about the budget"
    return findings


def _subject_value(head, relation: str, lex: StanceLexicon) -> tuple[float | None, str | None]:
    """What a predicate and the verbs joined to it say of their subject, before the predicate's own negation:
    (value, kind), or (None, None) where they say nothing of it."""
    base, kind = None, None
    # Verbs joined to the predicate share its subject: "X strikes a balance and improves cooperation".
    shared = [head, *[c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                      and not any(d.dep_ in SUBJECTS for d in c.children)]]
    for predicate in shared:
        # "X treated the families disrespectfully", "X was poorly designed" (how it was made)
        manner = manner_value(predicate, lex, relation == "nsubjpass")
        if manner:
            base, kind = (base or 0.0) + manner, "does"
            continue
        if predicate.lemma_.lower() in lex.intention_verbs and _unkept(predicate, lex):
            base, kind = (base or 0.0) - 0.6, "does"  # "X promised to protect jobs, yet thousands were lost"
            continue
        if takes_a_side(predicate, relation, lex):
            continue  # "X opposed the bill", "X promised to meet them": where X stands, not a verdict on X
        value, found = predicate_value(predicate, relation == "nsubjpass", lex)
        if value:
            base, kind = (base or 0.0) + value * (-1 if predicate is not head and
                                                  is_negated(predicate, lex) else 1), found
    return base, kind


def _preposition_act(preposition: str, governor, lex: StanceLexicon) -> int:
    """+1 / -1 for an act done to the object of a preposition ("campaigned against X", "voted for X", "said no
    to X"), else 0."""
    phrasal = phrasal_act(governor.lemma_.lower(), [preposition, *verb_particles(governor)], lex)
    act = -1 if preposition in lex.against_preps else phrasal or \
        (1 if preposition in lex.for_preps and governor.lemma_.lower() in lex.for_heads else 0)
    answers = {c.lower_ for c in governor.children if c.dep_ in OBJECTS or c.dep_ == "intj"} \
        if preposition == "to" else set()
    # "say no to X", "said yes to X"
    return act or (-1 if answers & lex.refusal_words else 1 if answers & lex.assent_words else 0)


def _called_value(verb, named, lex: StanceLexicon) -> float:
    """What a verb of calling calls its object *named* ("critics branded X a sham", "regard X as a friend"),
    else 0."""
    called = [t for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "dobj")
              and c.i != named.i
              for t in core_tokens(c)]  # "nobody could call X a failure", "critics branded X a sham"
    called += [t for o in prep_objects(verb, ("as",)) for t in core_tokens(o)]  # "regard X as a friend"
    idioms = [noun_idiom(c, lex) for c in verb.children if c.dep_ in ("oprd", "xcomp", "dobj")
              and c.i != named.i and c.pos_ == "NOUN"]  # "branded X a white elephant"
    purposes = [purpose_value(o, lex) for o in prep_objects(verb, ("as",))]  # "see X as a means to expand …"
    return first_nonzero(idioms) or (phrase_valence(called, lex) if called else 0.0) or first_nonzero(purposes)


def _cause_clause(pobj, lex: StanceLexicon):
    """The clause whose outcome a cause marker or a preposition of tenure gives its object ("thanks to X, the
    beaches are cleaner", "under X, crime has soared"), or whose conditional outcome a counterfactual marker
    says it prevents ("without X, the pool would have closed"), the marker read as preposition after its word or
    as a word before its preposition; with "cause", "tenure" or "counterfactual". (None, "") for none."""
    marker = pobj.head
    pairs = [(f"{marker.head.lower_} {marker.lower_}", marker.head.head)]
    pairs += [(f"{marker.lower_} {c.lower_}", marker.head) for c in marker.children if c.dep_ in ("pcomp", "prep")]
    pairs += [(f"{marker.nbor(-1).lower_} {marker.lower_}", marker.head)] if marker.i > 0 else []  # "but for X"
    pairs += [(marker.lower_, marker.head)]
    for key, clause in pairs:
        if clause.pos_ not in ("VERB", "AUX"):
            continue
        if key in lex.cause_markers | lex.tenure_preps:
            return clause, "tenure" if key in lex.tenure_preps else "cause"
        conditional = any(c.dep_ == "aux" and c.lower_ in lex.conditional_modals for c in clause.children)
        if key in lex.counterfactual_markers and conditional:
            return clause, "counterfactual"
    return None, ""


def _outcome_value(clause, marker: str, lex: StanceLexicon) -> float:
    """What an outcome clause is worth: a rise or fall by what rose or fell ("crime has soared"), else what its
    predicate says; in a tenure only an outcome, not an act reported ("under the law, smoking is banned"); in a
    counterfactual or since a date also whether something went on or stopped ("the pool would have closed",
    "since X came in, three shops have closed"; a reported act there is the outcome's, not a verdict)."""
    change = change_value(clause, lex)
    if change:
        return change
    value, kind = predicate_value(clause, any(c.dep_ == "auxpass" for c in clause.children), lex)
    if marker == "counterfactual":
        return value or going_value(clause, lex)
    if marker == "dated":  # of a thing, not of someone ("since he was picked, he has moved to the right")
        if any(c.dep_ in SUBJECTS and c.pos_ in ("PRON", "PROPN") for c in clause.children):
            return 0.0
        return value if kind in ("does", "called") else going_value(clause, lex)
    return value if marker != "tenure" or kind in ("does", "called") else 0.0


def _comparative_value(word, lex: StanceLexicon) -> float:
    """The valence of a comparison "than" hangs off: the word itself ("better"), its comparative modifier
    ("a better choice", "better qualified") or a word raised by "more" ("more qualified"); 0 when none."""
    for token in (word, *[c for c in word.children if c.dep_ in ("amod", "advmod")]):
        if token.tag_ in ("JJR", "RBR") and token.lower_ not in ("more", "less"):
            return math.tanh(1.5 * word_valence(token, lex))
    if any(c.lower_ == "more" for c in word.children):
        return math.tanh(1.5 * word_valence(word, lex))
    return 0.0


def _prefix_act(mention, lex: StanceLexicon) -> int:
    """+1 / -1 for a name carrying "pro-" / "anti-" ("anti-X messages", "a pro-X crowd"), else 0."""
    doc = mention.doc
    if mention.i >= 2 and doc[mention.i - 1].text == "-" and doc[mention.i - 2].lower_ in lex.stance_prefixes:
        return 1 if doc[mention.i - 2].lower_ == "pro" else -1
    return 0


def _unkept(intention, lex: StanceLexicon) -> bool:
    """Whether a contrasting clause ("but", "yet", "however") follows an intention to do something ("promised to
    freeze the tax but then raised it"): the intention was not kept. "Designed the stadium but left" names none."""
    meant = [c for c in intention.children if c.dep_ == "xcomp"]
    return bool(meant) and any(c.dep_ == "cc" and c.lower_ in lex.contrast_conjunctions
                               for t in (intention, *meant) for c in t.children) and \
        any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in intention.children)


def _as_complement(holder) -> list:
    """The words of "as …" hanging off a noun, as a claim cut from "described X as unfit" keeps them."""
    return [t for c in holder.children if c.dep_ == "prep" and c.lower_ == "as"
            for o in c.children if o.dep_ in ("pobj", "amod", "acomp", "conj") for t in core_tokens(o)]


def is_possessor(token) -> bool:
    """"Trump's" (possessive, however parsed) or a name before a noun ("the Trump ticket")."""
    return token.dep_ == "poss" or (token.dep_ == "nmod" and any(c.lower_ in ("'s", "’s") for c in token.children)) \
        or (token.dep_ == "compound" and token.pos_ == "PROPN" and token.head.pos_ == "NOUN")


def _cannot_be_more(head, predicate) -> bool:
    """"could not be happier with X": a denied comparative after "could" is a superlative, not a denial."""
    return predicate.tag_ in ("JJR", "RBR") and any(c.dep_ == "aux" and c.lower_ in ("could", "can")
                                                   for c in head.children)


def _dated_clause(token, lex: StanceLexicon):
    """The clause a "since" before *token* dates from it: "… since X" (X the preposition's object) or "… since X
    opened" (X the subject of the "since" clause), or that tells what happened in X's time ("burglaries fell in
    X's first year", "bookings rose in the first summer of X"); else None."""
    head = token.head
    span = head.head if token.dep_ == "pobj" and head.lower_ == "of" else head  # "in the first year of X"
    if (token.dep_ == "poss" or span is not head) and span.lemma_.lower() in lex.tenure_nouns and \
            span.dep_ == "pobj" and span.head.head.pos_ in ("VERB", "AUX"):
        return span.head.head
    if token.dep_ == "pobj" and head.lower_ == "since" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if token.dep_ in SUBJECTS and head.dep_ == "advcl" and head.head.pos_ in ("VERB", "AUX") and \
            any(c.dep_ == "mark" and c.lower_ == "since" for c in head.children):
        return head.head
    return None


def _juxtaposed(clause, head) -> bool:
    """Whether a clause the parser hangs as the complement of a later verb only stands before it across a colon,
    semicolon or dash: two statements side by side, so the later one's "never" or "doubt" is not said of it."""
    return clause.i < head.i and any(c.dep_ == "punct" and c.text in (":", ";", "—", "–", "-") and clause.i < c.i
                                     for c in head.children)


def _cleft_verdict(noun, lex: StanceLexicon) -> float:
    """The verdict of "it is a scandal / a shame / a triumph that …" on what its clause says, else 0; "it is no
    surprise that …" stresses, and judges nothing."""
    copula = noun.head
    if noun.dep_ != "attr" or copula.lemma_.lower() not in COPULAS or noun.lemma_.lower() in lex.emphatic_nouns or \
            not any(c.dep_ in SUBJECTS and c.lower_ == "it" for c in copula.children):
        return 0.0
    return phrase_valence(core_tokens(noun), lex)


def _used_to(verb) -> bool:
    """"I used to support X", "X used to be a disaster": a past given up (not "the money was used to fund X")."""
    return verb.lemma_.lower() == "use" and verb.tag_ == "VBD" and \
        not any(c.dep_ in ("auxpass", "dobj", "nsubjpass") for c in verb.children)



def _denied(word, lex: StanceLexicon) -> bool:
    """Whether an evaluative word is denied by what governs or modifies it: "nothing wrong", "no problem"."""
    return word.head.lower_ in lex.negators or any(c.lower_ in lex.negators and c.dep_ in ("det", "neg", "advmod")
                                                   for c in word.children)


def _owner_value(noun, acts: list[int], lex: StanceLexicon) -> tuple[float | None, str]:
    """What a noun says of the target that owns it ("X's benefits", "the failure of X", "the scrapping of X",
    "opponents of X"): an act appended to *acts*, or a value; (None, kind) when the climb should go on."""
    lemma = noun.lemma_.lower()
    if lemma in lex.supporter_nouns or lemma in lex.opponent_nouns:
        acts.append(1 if lemma in lex.supporter_nouns else -1)  # what is said of its backers or critics counts
        return None, "act"
    polarity = act_polarity(noun, lex)
    if polarity:
        acts.append(polarity)
        return None, "act"
    # The owned thing's own word counts ("X's failure"); its adjectives only where it stands for the owner
    # ("X's reckless plan", not "X's wealthy in-laws").
    value = phrase_valence([noun, *[c for c in noun.children if c.dep_ == "amod" and lemma in lex.proxy_nouns]], lex)
    if not value and lemma in lex.trait_nouns:
        value = infinitive_value(noun, lex)  # "X's tendency to pick fights"
    return (value, "called") if value else (None, "act")
