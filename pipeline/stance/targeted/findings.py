"""What a claim says of one mention of the target, read by climbing the parse from the mention to the root.

On the way up the climb gathers a value (what the target is called or does or
should do), acts for or against it, and the negations and reversing heads that
turn them around ("X does not kill high streets", "refused to back X").
"""

from __future__ import annotations

import itertools
import math

from pipeline.stance.targeted.clauses import counted, question_sense, rebutted, supposed
from pipeline.stance.targeted.lexicon import (COPULAS, OBJECTS, SUBJECTS, StanceLexicon, core_tokens, is_negated,
                                              phrase_valence, word_valence)
from pipeline.stance.targeted.predicates import (act_polarity, change_value, granted, idiom_act, in_doubt,
                                                 infinitive_value, is_standing, manner_value, noun_idiom,
                                                 phrasal_act, predicate_value, takes_a_side, verb_particles)

CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "prep", "pobj", "dobj",
                     "attr", "npadvmod", "advmod", "appos", "parataxis", "mark", "compound"})
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


def _said_of(mention, lex: StanceLexicon, own: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
    """(kind, value) of everything a statement says of one mention of the target."""
    prefixed = _prefix_act(mention, lex)
    if prefixed:
        return [("act", prefixed)]  # "anti-X signs", "a pro-X crowd"
    findings = _called_in_phrase(mention, lex, own)
    if mention.dep_ in SUBJECTS and mention.head.dep_ == "ROOT" and mention.head.pos_ == "NOUN":
        value = phrase_valence(core_tokens(mention.head), lex)  # "… called him a phony" cut to "him a phony"
        if value:
            findings.append(("called", value))
        elif mention.head.lemma_.lower() in lex.success_verbs and not any(c.dep_ == "det" for c in
                                                                        mention.head.children):
            findings.append(("does", 0.5))  # "X works." with "works" parsed as a plural noun
        return findings
    sign, acts, base, kind, owned_bad = 1.0, [], None, "act", False
    dated = False  # what changed since X: "fell by a third" measures the change, it reports no poll
    current, climbed = mention, 0
    while current.head.i != current.i and climbed < MAX_CLIMB:
        climbed += 1
        head, relation = current.head, current.dep_
        if relation == "ccomp" and _juxtaposed(current, head):
            break  # "X has been a failure: the promised jobs never came" is two statements, not one inside the other
        if supposed(head, lex):
            return findings  # "if X wins, …", "asked whether X can be trusted": supposed or asked, not said
        if base is None and relation in SUBJECTS and is_standing(head, lex):
            return findings  # "X won the primary", "X drew deep support among women": where X stands in a race
        if relation in SUBJECTS and in_doubt(head, lex):
            # "X's honesty is in question": what is put in doubt is denied
            base, kind = (-base, kind) if base is not None else (-math.tanh(1.0), "called")
            current = head
            continue
        since = _since(current) if base is None and not acts else None
        change = change_value(since, lex) if since is not None else 0.0
        if change:
            base, kind = change * (-1 if is_negated(since, lex) else 1), "does"
            dated = True
            break  # "accidents have fallen since X opened", "since X came in, complaints have doubled"
        if base is None and relation in SUBJECTS:
            value, found = _subject_value(head, relation, lex)
            if value is not None:
                base, kind = value, found
            if is_negated(head, lex):
                sign = -sign
        elif relation == "pobj" and base is None and not acts and _cause_clause(current, lex) is not None:
            clause = _cause_clause(current, lex)  # "thanks to X, the beaches are cleaner": what X brought about
            value, _ = predicate_value(clause, any(c.dep_ == "auxpass" for c in clause.children), lex)
            if value:
                base, kind = value * (-1 if is_negated(clause, lex) else 1), "does"
            break
        elif relation in ("pobj", "pcomp") and head.pos_ == "ADP":
            preposition, governor = head.lower_, head.head
            if governor.dep_ == "prt":
                governor = governor.head  # "hats off to X" with "to" hung on the particle
            if preposition == "between":
                return findings  # "a choice between X and Y", "the race between X and Y": neither is judged
            if governor.lemma_.lower() in lex.contest_nouns and base is None and not acts:
                return findings  # "the race against X", "his battle with X": where the rivals stand
            if preposition in lex.passed_over_preps and governor.lemma_.lower() in lex.preference_verbs:
                acts.append(-1)  # "support Y over X", "would rather vote for Y than X": X is passed over
                current = head
                continue
            if preposition == "than" and base is None and not acts:
                better = _comparative_value(governor, lex)
                if better > 0:  # "Y is a better choice than X", "nobody is better qualified than X"
                    base, kind = -better, "called"  # ("worse than X" says X is bad too: left alone)
            # A feeling is about what it names ("furious about X", "angry at X's remark"), not about a clause
            # that names X deeper down ("angered by the press reporting that X had won").
            feeling = (preposition in lex.feeling_preps or (preposition == "of" and governor.pos_ == "ADJ")) \
                and current.i in (mention.i, mention.head.i)
            # "pulled the plug on X", "gave the green light to X": the idiom is the verb's, its noun holds "on"
            # ("are up in arms over X": the nearest verb above the noun)
            actor = next((a for a in (governor, *governor.ancestors) if a.pos_ in ("VERB", "AUX")
                          and abs(a.i - governor.i) <= 6), governor)
            idiom = idiom_act(actor, lex, preposition)
            if idiom:
                acts.append(idiom)
                if is_negated(actor, lex):
                    sign = -sign
                current = actor
                continue
            act = _preposition_act(preposition, governor, lex)
            if act:
                # "campaigned against X", "voted down X" read as a preposition, "got rid of X", "voted for X";
                # the verb's own negation ("will not vote for X") is one the climb would step over
                acts.append(act)
                if is_negated(governor, lex):  # … and "there is no case for X", "no appetite for X"
                    sign = -sign
            elif acts and governor.pos_ == "NOUN" and is_negated(governor, lex):
                sign = -sign  # "no intention of backing X", "no plan to oppose X"
            elif preposition == "without" and base is None and not acts and governor.pos_ in ("VERB", "AUX"):
                value, _ = predicate_value(governor, False, lex)  # "without X, the town would be quieter"
                if value:
                    base, kind = -value, "does"
                current = governor
                continue
            elif preposition == "on" and governor.lemma_.lower() in lex.squander_verbs and base is None and not acts:
                base, kind = -math.tanh(1.0), "called"  # "don't waste your money on X": denied or not, X is a waste
                break
            elif preposition == "for" and governor.lemma_.lower() == "wait" and is_negated(governor, lex):
                acts.append(1)  # "can't wait for X"
            elif preposition == "with" and verb_particles(governor) & (lex.proceed_particles | lex.halt_particles):
                acts.append(1 if verb_particles(governor) & lex.proceed_particles else -1)  # "press ahead with X"
            elif feeling and base is None and not acts and word_valence(governor, lex):
                base, kind = math.tanh(1.5 * word_valence(governor, lex)), "called"  # "furious about X"
                # "nothing wrong with X", "no problem with X"; "neither man was impressed by X" (a denied approval,
                # unlike "no one should be fooled by X", which still says X fools)
                if _denied(governor, lex) or (governor.pos_ == "VERB" and base > 0 and is_negated(governor, lex)):
                    base = -base
            elif preposition == "of" and governor.lemma_.lower() in lex.appraisal_nouns and base is None and not acts:
                value = phrase_valence([c for c in governor.children if c.dep_ == "amod"], lex)
                if not value:
                    break  # "an assessment of X": what is said next is of the assessment
                base, kind = value, "called"  # "a glowing assessment of X", "a scathing review of X"
            elif preposition == "of" and governor.pos_ in ("NOUN", "PROPN") and base is None and not acts:
                base, kind = _owner_value(governor, acts, lex)
                owned_bad = base is not None and base < 0
            elif governor.pos_ in ("NOUN", "PROPN") and preposition in lex.detached_preps:
                polarity = act_polarity(governor, lex)  # "opposition to X", "backing for X"
                if not polarity:
                    break  # "the briefing on X ended in a row": what is said next is of the briefing
                acts.append(polarity)
                if is_negated(governor, lex):
                    sign = -sign  # "a vote of no confidence in X"
            current = head
            continue
        elif is_possessor(current) and base is None and not acts:
            if head.lemma_.lower() in lex.opponent_nouns and head.tag_ == "NN" and current.pos_ == "PROPN":
                break  # "Achebe's opponent is an extremist": a rival in a race, not a critic of X
            if act_polarity(head, lex) and head.lemma_.lower() not in lex.supporter_nouns | lex.opponent_nouns:
                # "X's support for the levy", "X's attack on the mayor": where X stands, unless the act itself is
                # judged ("X's vicious attack")
                value = phrase_valence([c for c in head.children if c.dep_ == "amod"], lex)
                if not value:
                    break
                base, kind = value, "called"
                current = head
                continue
            base, kind = _owner_value(head, acts, lex)
            owned_bad = base is not None and base < 0
            if base is None and not acts and head.lemma_.lower() not in lex.proxy_nouns:
                break  # "friendly with Trump's in-laws", "Cruz's eligibility": what follows is said of the thing owned
        elif relation in OBJECTS or relation in ("xcomp", "ccomp", "conj", "advcl", "acl", "relcl", "compound",
                                                 "appos", "attr", "nmod", "amod", "npadvmod", "dep", "pcomp",
                                                 "acomp", "oprd"):
            polarity = act_polarity(head, lex) if relation in OBJECTS or relation == "xcomp" else 0
            if relation == "dative" and head.lemma_.lower() in lex.granting_verbs:
                polarity = polarity or granted(head, lex)  # "give X a chance", "give X the axe"
            if polarity:
                acts.append(polarity)
            if relation == "conj" and head.lower_ in lex.everyone_words and \
                    any(c.dep_ in ("cc", "prep") and c.lower_ in ("but", "except") for c in head.children):
                sign = -sign  # "voting for anyone but X"
            if relation == "attr" and head.lemma_.lower() in COPULAS and base is None and not acts:
                subjects = [c for c in head.children if c.dep_ in SUBJECTS and c.pos_ in ("NOUN", "PROPN")]
                value = phrase_valence(core_tokens(subjects[0]), lex) if subjects else 0.0
                if value:  # "the best choice is X", "the real problem is X"
                    base, kind = value, "called"
            # "it would be madness to scrap X", "there is no reason to delay X": the verdict on the act is the claim
            infinitive = relation in ("relcl", "acl") and head.dep_ == "attr" and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if relation == "relcl" and base is None and not acts and describes_another(mention, current) \
                    and not _cleft_verdict(head, lex):
                break  # "the minister, who introduced X, was sacked": what follows is said of the minister
            if acts and base is None and head.pos_ in ("NOUN", "PRON") and not infinitive and \
                    (relation == "relcl" or (relation == "acl" and current.tag_ == "VBG")):
                return findings  # "those who supported X", "delegates backing X": a group named by an act
            # "welcomed the news that X would quit": what is done to the news is not done to X; but "no evidence
            # that X lied", "not seen any sign that X is honest" deny what they hold
            finite = any(c.dep_ in SUBJECTS for c in current.children)  # a clause, not "madness to scrap X"
            clause_verdict = relation in ("acl", "relcl") and finite and _cleft_verdict(head, lex)
            if clause_verdict and base is None and not acts:
                base, kind = clause_verdict, "called"  # "it is a scandal that X still has a licence"
            elif clause_verdict:
                sign *= math.copysign(1.0, clause_verdict)  # "it is a shame that X was scrapped"
            elif relation == "acl" and finite and head.lemma_.lower() not in lex.evidence_nouns | lex.emphatic_nouns:
                break
            if relation in OBJECTS and base is None and head.lemma_.lower() in lex.calling_verbs:
                value = _called_value(head, current, lex)
                if value:
                    base, kind = value, "called"
            copula = head if head.lemma_.lower() in COPULAS else head.head if head.dep_ in ("acomp", "attr") else None
            if (relation in ("xcomp", "ccomp") or infinitive) and copula is not None and \
                    copula.lemma_.lower() in COPULAS and \
                    any(c.dep_ in SUBJECTS and c.lower_ == "it" for c in copula.children):
                verdict = phrase_valence([t for c in copula.children if c.dep_ in ("acomp", "attr")
                                          for t in core_tokens(c)], lex)  # "it would be wrong to scrap X"
                if verdict and base is None:
                    base, kind = verdict, "should"
                elif verdict:
                    sign *= math.copysign(1.0, verdict)
            if (head.lemma_.lower() in lex.reversing_heads or _used_to(head)) and relation in ("xcomp", "ccomp") \
                    and not polarity:
                sign = -sign
            # A conjunct has its own negation: "X is not perfect, but it deserves support".
            if is_negated(head, lex) and relation != "conj" and not _cannot_be_more(head, current):
                sign = -sign
        elif relation not in CLAUSAL:
            break
        current = head
    if base is None and not acts:
        return findings
    groups = [a for a in mention.ancestors if a.lemma_.lower() in lex.supporter_nouns | lex.opponent_nouns]
    if base is None and len(acts) == len(groups):
        return findings  # "the governor, a close ally of X, …", "X's opponent spoke": who they are, nothing said
    if counted(mention, lex) and not dated:
        return findings  # "60 percent of members said they would back X", "18 percent view X favourably": a poll
    value = (base if base is not None else 1.0) * sign
    for polarity in acts:
        value *= polarity
    if owned_bad:  # "condemned X's dangerous rhetoric", "exposed X's lies": fighting X's bad things does not back X
        value = -abs(value)
    if rebutted(mention, lex):  # "critics call X a waste of money, but they are wrong"
        value = -value
    if acts and base is None:
        kind = "act"
    findings.append((kind, value))
    return findings


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
        if any(c.dep_ == "prep" and c.lower_ == "for" and any(o.dep_ == "pobj" and o.lemma_.lower() in lex.office_nouns
                                                              for o in c.children) for c in mention.children):
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
    called += [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
               for o in c.children if o.dep_ == "pobj" for t in core_tokens(o)]  # "regard X as a friend"
    idioms = [noun_idiom(c, lex) for c in verb.children if c.dep_ in ("oprd", "xcomp", "dobj")
              and c.i != named.i and c.pos_ == "NOUN"]  # "branded X a white elephant"
    return next((v for v in idioms if v), 0.0) or (phrase_valence(called, lex) if called else 0.0)


def _cause_clause(pobj, lex: StanceLexicon):
    """The clause whose outcome a cause marker gives its object ("thanks to X, the beaches are cleaner"), the
    marker read as preposition after its word or as a word before its preposition; else None."""
    marker = pobj.head
    pairs = [(f"{marker.head.lower_} {marker.lower_}", marker.head.head)]
    pairs += [(f"{marker.lower_} {c.lower_}", marker.head) for c in marker.children if c.dep_ in ("pcomp", "prep")]
    for key, clause in pairs:
        if key in lex.cause_markers and clause.pos_ in ("VERB", "AUX"):
            return clause
    return None


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


def _since(token):
    """The clause a "since" before *token* dates from it: "… since X" (X the preposition's object) or "… since X
    opened" (X the subject of the "since" clause); else None."""
    head = token.head
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
