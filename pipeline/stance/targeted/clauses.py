"""Whether and how strongly a clause asserts what it says: asked, supposed, polled, rebutted, or weighed
against a contrasting clause ("X is costly, but it will pay for itself")."""

from __future__ import annotations

from pipeline.stance.targeted.lexicon import SUBJECTS, StanceLexicon, core_tokens, is_negated


def _clause_head(token):
    """The verb (or copula) heading the clause a token is in."""
    while token.head.i != token.i and not (token.pos_ in ("VERB", "AUX") and token.dep_ in
                                           ("ROOT", "conj", "advcl", "ccomp", "xcomp", "relcl", "parataxis")):
        token = token.head
    return token


def contrast_weight(token, lex: StanceLexicon) -> float:
    """How much a clause counts beside its contrasting neighbour: what follows "but" or heads an
    "although …" sentence outweighs (2) what it answers (0.5); any other clause 1."""
    clause = _clause_head(token)
    if any(c.lower_ in lex.contrast_adverbs and c.dep_ in ("advmod", "prep", "cc") for c in clause.children):
        return 2.0  # "…; even so, it is the right answer", "it will nonetheless pay off"
    if clause.dep_ == "conj" and any(c.lower_ in lex.contrast_conjunctions for c in clause.head.children
                                     if c.dep_ == "cc" and c.i < clause.i):
        return 2.0
    if any(c.dep_ == "conj" and any(d.lower_ in lex.contrast_conjunctions for d in clause.children
                                    if d.dep_ == "cc" and d.i < c.i) for c in clause.children):
        return 0.5
    if clause.dep_ == "advcl" and any(c.lower_ in lex.concessive_markers for c in clause.children if c.dep_ == "mark"):
        return 0.5
    if any(c.dep_ == "advcl" and any(d.lower_ in lex.concessive_markers for d in c.children if d.dep_ == "mark")
           for c in clause.children):
        return 2.0
    return 1.0


def rebutted(token, lex: StanceLexicon) -> bool:
    """Whether the clause a finding ends in is answered by "…, but they are wrong" (its speakers rebutted)."""
    clause = _clause_head(token)
    for conj in clause.children:
        if conj.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in lex.contrast_conjunctions
                                       for c in clause.children if c.i < conj.i):
            subject = [c for c in conj.children if c.dep_ in SUBJECTS]
            verdict = [c for c in conj.children if c.dep_ in ("acomp", "attr")]
            if subject and subject[0].lower_ in ("they", "he", "she", "both") and verdict \
                    and verdict[0].lemma_.lower() in lex.rebuttals and not is_negated(conj, lex):
                return True
    return False


def question_sense(mention, lex: StanceLexicon) -> int:
    """1 where a mention is in a yes/no question ("Will X cut traffic?", "Is X worth the cost?"): it asks what
    a statement would say; -1 where the question is rhetorical and says the reverse of what it asks: denied
    ("Isn't X a disaster?" says X is one, the reverse of what its "not" reads), or asked with a word that
    expects the answer no ("Who could possibly defend X?", "Has X ever kept a promise?", "Can anyone trust
    X?"); else 0 (a wh-question, "Why does X hurt shops?", says what it asks of)."""
    sentence = mention.sent
    words = [t for t in sentence if not t.is_punct]
    if not words or not sentence.text.rstrip().endswith("?"):
        return 0
    if any(t.lower_ in lex.rhetorical_words for t in words):
        return -1
    first = words[0]
    if first.lower_ == "who" and first.dep_ in SUBJECTS and \
            any(c.dep_ == "aux" and c.lower_ in lex.rhetorical_modals for c in first.head.children):
        return -1  # "Who could defend X?", "Who would want X?": nobody
    if first.pos_ != "AUX" or first.dep_ not in ("ROOT", "aux", "auxpass"):
        return 0
    return -1 if is_negated(first, lex) or is_negated(first.head, lex) else 1


def set_aside(mention, lex: StanceLexicon) -> str:
    """How a phrase sets a mention aside: "name" where it names it ("a pact rather than a focused X": what X's
    own phrase calls it is denied), "act" where a gerund does something to it ("instead of backing X, …": the
    act is denied too), "" where none does. The phrase runs from its opener to the mention with no clause
    boundary between (a comma, a semicolon, a finite verb); read by words, as the parser attaches it many ways."""
    doc = mention.doc
    for opener in lex.setting_aside:
        words = opener.split()
        for i in range(mention.sent.start + len(words) - 1, mention.i):
            between = doc[i + 1:mention.i]
            if [t.lower_ for t in doc[i - len(words) + 1:i + 1]] == words and not any(
                    t.text in (",", ";", ":", "—") or (t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN"))
                    for t in between):
                return "act" if any(t.tag_ == "VBG" for t in between) else "name"
    return ""


def prefers(verb, lex: StanceLexicon) -> bool:
    """Whether a verb is what someone would rather do: "would rather walk", "would sooner pay"."""
    return any(c.dep_ == "advmod" and c.lower_ in lex.preference_adverbs for c in verb.children)


def supposed(verb, lex: StanceLexicon) -> bool:
    """Whether a clause is supposed or asked rather than asserted: "if X wins", "whether X can be trusted" (not
    the act passed over in "would rather walk than pay X")."""
    preferred = verb.dep_ == "advcl" and prefers(verb.head, lex)
    return not preferred and any(c.dep_ == "mark" and c.lower_ in lex.hypothetical_markers for c in verb.children)


def counted(mention, lex: StanceLexicon) -> bool:
    """Whether what is said of a mention is reported of a share of a population or by a poll ("60 percent of
    members said they would back X", "X is backed by a majority of members", "a poll showed X's support
    lagging"), or measured in shares ("support for X rose to 19 percent", "voters favoured X by 20 points"):
    some verb above it has such a subject or passive agent, or such a measure when X is not its subject."""
    def shares(words) -> bool:
        return any(t.lemma_.lower() in lex.share_words or t.lower_ in lex.share_words for t in words)

    for verb in mention.ancestors:
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if any(shares(c.subtree) for c in verb.children if c.dep_ == "agent"):
            return True  # the passive of a poll: "X is supported by 60 percent of voters"
        for subject in subjects:
            words = core_tokens(subject) + [t for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                                            for t in c.subtree]
            if shares(words) or subject.lemma_.lower() in lex.poll_nouns:
                return True
        measures = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "to")
                    for t in c.subtree]
        if verb.pos_ in ("VERB", "AUX") and not any(s.is_ancestor(mention) or s.i == mention.i for s in subjects
                                                    if s.pos_ != "NOUN" or s.lemma_.lower() not in lex.tally_nouns) \
                and shares(measures):
            return True
    return False
