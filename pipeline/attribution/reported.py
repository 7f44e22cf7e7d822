"""Cues and their content from the dependency parse: reporting verbs with a clause,
naming verbs ("called X “…”"), nouns of saying ("X's claim that …"), "according to X",
and quotes near a cue."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.attribution.cues import Lexicon, lexicon
from pipeline.attribution.quotes import Quote
from pipeline.attribution.view import entity_of
from pipeline.text import doc_text

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# "…, saying", "and added", "were more likely to say" (through the adjective), "called it “shameful” and called
# on …" (the parser hangs the second verb on the first one's complement): the head's subject speaks
INHERITS_SUBJECT = ("advcl", "xcomp", "conj", "acl", "pcomp", "ccomp", "prep", "acomp", "oprd")
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
NAMING_DEPS = ("dobj", "oprd", "xcomp", "ccomp", "attr", "acomp")
FINITE_TAGS = ("VBD", "VBZ", "VBP")
QUOTE_CUE_WINDOW = 8  # tokens between a quote and a cue outside its syntax ("“…,” the minister said")


@dataclass(frozen=True)
class Cue:
    """One attribution found in the parse: the cue, the speaker's head token, the content."""

    token: Token          # the cue word ("said", "according")
    lemma: str            # "say", "according to"
    speaker_head: Token | None
    start: int            # content offsets in doc.text
    end: int
    speaker_span: tuple[int, int] | None = None  # where the parse can't bound the speaker phrase
    kind: str = "clause"  # clause, complement, according, inverted or quote
    aside: tuple[int, int] | None = None  # the whole attribution inside its claim, appositive and all


def inside_quote(i: int, quotes: list[Quote]) -> bool:
    return any(q.start <= i < q.end for q in quotes)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; participles and conjuncts ("…, saying", "and added") take their head's."""
    first = _first_cue_of_the_speaker(verb)
    if first is not None:
        return subject_of(first, depth + 1)
    # of two subjects (a misparse: "…, for people with ideas to organize …, she said"), the nearest before the verb
    subjects = sorted((c for c in verb.children if c.dep_ in SUBJECT_DEPS), key=lambda c: (c.i > verb.i, -c.i))
    if subjects:
        if subjects[0].lower_ in ("who", "which", "that"):
            # "rights groups, who argue that …": the relative clause's noun speaks
            return verb.head if verb.dep_ == "relcl" else None
        return subjects[0]
    # "majorities of voters in six states going to the polls said …": the parser takes the participle for a
    # clausal subject; its own subject speaks
    for child in verb.children:
        if child.dep_ == "csubj" and child.tag_ == "VBG" and child.i < verb.i:
            owner = next((c for c in child.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
            if owner is not None:
                return owner
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ == "NOUN" and verb.head.i < verb.i \
            and (verb.lemma_.lower() not in lexicon().naming or any(c.dep_ == "prep" for c in verb.children)):
        # not "a man calling himself a prophet" (a naming participle describes its noun), nor "Maria Lopez,
        # speaking of the budget, …" (a participle after a name is how the person spoke)
        return _owner_of_a_participle(verb.head)
    if verb.dep_ in INHERITS_SUBJECT and verb.head is not verb and depth < 3:
        return subject_of(verb.head, depth + 1)
    return None


def _owner_of_a_participle(noun: Token) -> Token:
    """ "voters saying they want a ban", "a video threatening an attack": the noun a participle of saying
    hangs on speaks; a statement or document someone issues speaks for them ("the campaign issued a
    statement saying that …")."""
    lex = lexicon()
    if noun.dep_ == "dobj" and noun.lemma_.lower() in lex.document_heads | lex.speech_nouns:
        issuer = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if issuer is not None:
            return issuer
    return noun


def _first_cue_of_the_speaker(verb: Token) -> Token | None:
    """ "The mayor said the plan was sound and argued that …", "… said the plan failed before adding
    that …", "… said the plan was sound, pointing to …": the parser hangs the second verb of saying on the
    reported clause; it has no subject of its own and is the first speaker's. Returns the first verb of saying."""
    lex = lexicon()
    if verb.lemma_.lower() not in lex.speech or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    clause = verb.head
    if verb.dep_ == "pcomp" and clause.lower_ in lex.before_a_next_cue:
        clause = clause.head
    elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.nbor(-1).text in (",", *DASHES):
        pass  # "said the plan was sound, pointing to …": the participle hangs on the reported clause
    elif verb.dep_ != "conj":
        return None
    return clause.head if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in lex.speech else None


def name_just_before(verb: Token) -> tuple[Token, tuple[int, int]] | None:
    """(head, span) of the speaker of a main verb the parser left without a subject:
    "In a meeting with the Washington Post Trump said …" glues the speaker to the phrase before it.
    A person named right before the verb speaks; of a name glued into a prepositional phrase
    ("the Washington Post Trump"), only its last word."""
    if verb.dep_ != "ROOT" or verb.i == 0:
        return None
    before = _before_an_aside(verb) or verb.doc[verb.i - 1]
    ent = entity_of(before)
    if ent is None or ent.label_ not in ("PERSON", "ORG", "GPE", "NORP") or before.pos_ != "PROPN":
        return None
    if ent.label_ == "PERSON" and ent.root.dep_ != "pobj":
        return ent.root, (ent.start_char, ent.end_char)
    return before, (before.idx, before.idx + len(before.text))


ASIDE_TOKENS = 12


def _before_an_aside(verb: Token) -> Token | None:
    """ "Alarmed by the unrest, Senator Ann Price, the minority leader, said …", "Friday, Texas, leading a
    coalition of states, asked …": the word before a phrase set off by commas right before the verb (an
    appositive or a participle, no finite verb of its own), where the parser lost the name before it."""
    doc = verb.doc
    if verb.i < 3 or doc[verb.i - 1].text != ",":
        return None
    k = verb.i - 2
    while k > verb.sent.start and doc[k].text != "," and verb.i - k <= ASIDE_TOKENS:
        if doc[k].tag_ in FINITE_TAGS or doc[k].is_quote:
            return None
        k -= 1
    return doc[k - 1] if doc[k].text == "," and k - 1 >= verb.sent.start and k < verb.i - 2 else None


def count_before(verb: Token) -> tuple[Token, tuple[int, int]] | None:
    """(head, span) of a share of people the parser took for a modifier of the verb:
    "About 4 in 10 say …", "Six in 10 said …" (the count is the subject)."""
    counts = [c for c in verb.children if c.dep_ == "nummod" and c.i < verb.i]
    if not counts or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    phrase = list(counts[0].subtree)
    return counts[0], _span_of(phrase)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, commas, a leading "that" (a conjunction) or trailing punctuation."""
    text = doc_text(doc)
    while start < end and text[start] in " \n\t,;:—–-":
        start += 1
    for lead in ("that ", "That "):
        that = doc.char_span(start, start + 4) if text.startswith(lead, start) else None
        # not "said that is a distortion", nor the determiner of "That decision was wrong"
        if that is not None and that[0].dep_ not in (*SUBJECT_DEPS, "det"):
            start += len(lead)
    while end > start and text[end - 1] in " \n\t,;:—–-":
        end -= 1
    for tail in (" but", " and", " or", " while", " whereas"):
        if text.endswith(tail, start, end):
            return trim(doc, start, end - len(tail))
    return start, end


def _span_of(tokens) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def clause_content(verb: Token, lex: Lexicon) -> tuple[tuple[int, int], str] | None:
    """The reported clause of a cue verb (or, for naming verbs, what it names), and its kind."""
    lemma = verb.lemma_.lower()
    clauses = [c for c in verb.children if (c.dep_ in CLAUSE_DEPS or _unmarked_clause(c, verb, lex))
               and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN") and not _semicolon_between(c, verb)
               and not in_parentheses(c)]
    if lemma in lex.naming:
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        # a root with a subject of its own is finite whatever its tag ("Clinton, the front-runner, called on …")
        finite = verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        if (verb.tag_ == "VBN" and not perfect and not finite) or passive:
            return None  # "a man called Smith", "Called “X”, the resolution …", "he was described as …": named, not speaking
        parts = [c for c in verb.children if c.dep_ in NAMING_DEPS and c.i > verb.i and not _is_time(c)]
        if len(parts) >= 2 or (parts and parts[0].dep_ in ("oprd", "ccomp", "xcomp")):
            tokens = _clip(sorted(t for p in parts for t in p.subtree), lex)
            return trim(verb.doc, *_span_of(tokens)), "clause"
        has_object = any(c.dep_ == "dobj" and not _is_time(c) for c in verb.children)
        if has_object and not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
            # "called a snap election for July": naming needs "as" ("described X as Y"); a naming verb
            # that is also a speech act reports its object ("described a rigged system")
            return _as_complement(complement_content(verb, lemma, lex)) if _reports_object(verb, lemma, lex) else None
        # "called for a moratorium", "called on police to release the videos"
        return _as_complement(complement_content(verb, lemma, lex))
    if not clauses:
        clauses = _clauses_of_a_noun_of_saying(verb)
    if not clauses:
        misread = _object_misread_as_clause(verb, lemma, lex) or _said_the_same(verb, lemma, lex)
        if misread is not None:
            return misread, "clause"
        return _as_complement(complement_content(verb, lemma, lex) or _passive_subject(verb, lemma, lex))
    # A clause headed by another cue verb with its own subject is that cue's claim, not this one's.
    own = [c for c in clauses if not (c.lemma_.lower() in lex.cue_verbs and any(d.dep_ in SUBJECT_DEPS for d in c.children))]
    # "says, win or lose, she is staying": a clause with its own subject before a subjectless aside
    full = [c for c in own or clauses if any(d.dep_ in SUBJECT_DEPS for d in c.children)]
    clause = max(full or own or clauses, key=lambda c: len(list(c.subtree)))
    if clause.dep_ == "xcomp" and clause.tag_ != "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return _as_complement(complement_content(verb, lemma, lex))
    return trim(verb.doc, *_span_of(_clip(list(clause.subtree), lex))), "clause"


MISREAD_CLAUSE_WORDS = 4


def _object_misread_as_clause(verb: Token, lemma: str, lex: Lexicon) -> tuple[int, int] | None:
    """ "Stone says the rise in costs that Bloomberg decries makes his election less likely": a verb whose
    only object is what was said, with a long object holding a verb with a subject of its own, has a
    reported clause the parser took for a noun phrase ("said nothing" holds no verb, "said a prayer for
    those who died" only a relative clause)."""
    if lemma not in lex.clause_only:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]
    if not objects:
        return None
    tokens = _clip(list(objects[0].subtree), lex)
    own_subject = [t for t in tokens if t.dep_ in SUBJECT_DEPS and t.lower_ not in ("who", "which", "that", "whom")]
    if sum(not t.is_punct for t in tokens) < MISREAD_CLAUSE_WORDS or not own_subject:
        return None
    return trim(verb.doc, *_span_of(tokens))


def _said_the_same(verb: Token, lemma: str, lex: Lexicon) -> tuple[int, int] | None:
    """ "while only 49 percent of Republicans say the same of the governor": an object that stands for
    what someone else said (``anaphoric_objects``), with whom it is said of, is a claim of its own."""
    if lemma not in lex.clause_only:
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i):
        if obj.lemma_.lower() in lex.anaphoric_objects and any(c.dep_ == "prep" for c in obj.children):
            return trim(verb.doc, *_span_of(obj.subtree))
    return None


def _passive_subject(verb: Token, lemma: str, lex: Lexicon) -> tuple[int, int] | None:
    """ "News of the deal was first reported by the Herald": a passive speech act with an agent
    reports its subject (the agent speaks), the agent right after the verb ("The bill was reported out of
    committee by a vote …" is not a speech act). A pronoun or a lone word is not what was said."""
    after = next((t for t in verb.doc[verb.i + 1:verb.sent.end] if t.dep_ != "advmod"), None)
    if lemma not in lex.reported_passive or after is None or after.dep_ != "agent" or after.head != verb:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i and c.pos_ in ("NOUN", "PROPN")]
    if not subjects or len([t for t in subjects[0].subtree if not t.is_punct]) < 2:
        return None
    return trim(verb.doc, *_span_of(subjects[0].subtree))


def _clauses_of_a_noun_of_saying(verb: Token) -> list[Token]:
    """ "said in a statement that …", "claimed in an interview with the paper that …": the parser
    hangs the reported clause on the noun of the phrase between; a that-clause with its own subject
    there is what the verb reports (not a relative clause: "the statement that was read out")."""
    out = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
        for noun in (t for t in prep.subtree if t.dep_ == "pobj"):
            out += [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    and any(d.dep_ in SUBJECT_DEPS for d in c.children)]
    return out


def _unmarked_clause(clause: Token, verb: Token, lex: Lexicon) -> bool:
    """ "said after the meeting he would resign": the parser hangs a reported clause that a
    phrase separates from its verb on it as an adverbial clause. One with its own subject and
    no subordinator ("because", "if", "when") after a verb of saying is what the verb reports,
    and so is an "if" or "whether" clause after a verb of asking."""
    if clause.dep_ != "advcl" or clause.i <= verb.i or not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return False
    marks = [c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod") and c.i < clause.i]
    if verb.lemma_.lower() in lex.asking and marks in (["if"], ["whether"]):
        return True  # "asked workers if they planned to vote": the question asked
    return verb.lemma_.lower() in lex.speech and not marks


def in_parentheses(head: Token) -> bool:
    """ "she said (speaking to reporters), …": a phrase in parentheses is an aside, not what is reported."""
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    return lo > 0 and doc[lo - 1].text == "(" and (hi + 1 < len(doc) and doc[hi + 1].text == ")")


def _semicolon_between(clause: Token, verb: Token) -> bool:
    """ "A; the company replied to …", "… cites the crowds as an example: He says B": a clause before
    the cue across a semicolon or colon is not what it reports."""
    return clause.i < verb.i and any(t.text in (";", ":") for t in verb.doc[clause.right_edge.i:verb.i])


def _clip(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """A reported clause ends at a semicolon before a clause of its own ("A; they only learned …"
    goes on in the writer's voice; "Paris; Berlin; and Rome" does not) or at a participle that
    opens the speaker's next attribution ("A, citing B", "A, saying that B", "A — saying B",
    "A, calling it B", "A, pointing to B", "A before adding B"; not "A, adding 500 jobs"), or at a verb
    of saying joined by "and"/"but" with no subject of its own ("A and added that B", "A but called on
    them to B", "A and proposed B"; not "A and added 500 jobs")."""
    saying = lex.speech | lex.belief
    for k in range(3, len(tokens)):
        token = tokens[k]
        if token.text == ";" and any(t.dep_ in SUBJECT_DEPS for t in tokens[k + 1:]):
            return tokens[:k]
        if token.text in DASHES and _opens_a_circumstance(tokens[k + 1:k + 3], lex):
            return tokens[:k]  # "A -- even as B closed in": the writer's aside on when
        if token.text == "," and _closing_aside(tokens, k):
            return tokens[:k]
        lemma = token.lemma_.lower()
        deps = {c.dep_ for c in token.children}
        if token.tag_ == "VBG" and tokens[k - 1].lower_ in lex.before_a_next_cue and lemma in saying | lex.naming:
            return tokens[:k - 1]  # "A before adding that B", "A after claiming B"
        if token.tag_ == "VBG" and tokens[k - 1].text in (",", *DASHES) and (
                lemma in lex.quoted_passive or (lemma in saying and "ccomp" in deps)
                or (lemma in lex.naming and deps & {"oprd", "ccomp"})
                or any(c.dep_ == "prep" and (lemma, c.lower_) in lex.object_preposition for c in token.children)):
            return tokens[:k - 1]
        if (token.dep_ == "conj" and token.pos_ == "VERB" and lemma in lex.speech and not deps & set(SUBJECT_DEPS)
                and (deps & {"ccomp", "xcomp", "parataxis"} or _next_speech_act(token, lemma, deps, lex))):
            # the conjunction stands before the verb's own auxiliaries ("but did not suggest")
            cc = k - 1 - sum(1 for t in tokens[:k] if t.head == token and t.dep_ in ("aux", "neg", "advmod"))
            if cc >= 3 and tokens[cc].lower_ in ("and", "but"):
                return tokens[:cc]
    return tokens


DASHES = ("--", "—", "–")


def _closing_aside(tokens: list[Token], k: int) -> bool:
    """ "… beside Hillary Clinton, who has been battered by …": a relative clause set off by a comma after a name
    at the end of what was said is the writer's word on who the person is."""
    words = [t for t in tokens[k + 1:] if not t.is_punct]
    if not words or words[0].lower_ not in ("who", "which", "when", "where"):
        return False
    clause = words[0].head
    return clause.dep_ == "relcl" and clause.head.pos_ == "PROPN" and clause.head.i < tokens[k].i \
        and clause.right_edge.i >= words[-1].i


def _next_speech_act(verb: Token, lemma: str, deps: set[str], lex: Lexicon) -> bool:
    """ "says he respects her and calls her “a fine lawyer”", "and proposed a safe zone": a finite verb of
    saying that reports its object is the speaker's next speech act, not part of the clause before
    ("said they will hire 500 workers and announce a plan" joins the plan to what was said)."""
    return verb.tag_ in FINITE_TAGS and (
        (lemma in lex.naming and "oprd" in deps) or (lemma in lex.object_or_infinitive and "dobj" in deps))


def _opens_a_circumstance(tokens: list[Token], lex: Lexicon) -> bool:
    """ "even as the rival closed in", "while polls show …": a subordinator of time or contrast
    (``circumstance_marks``) that opens a clause with its own subject."""
    marks = [t for t in tokens if t.dep_ == "mark" and t.lower_ in lex.circumstance_marks]
    return bool(marks) and all(t.dep_ in ("mark", "advmod") for t in tokens[:tokens.index(marks[0]) + 1]) \
        and any(c.dep_ in SUBJECT_DEPS for c in marks[0].head.children)


def _reports_object(verb: Token, lemma: str, lex: Lexicon) -> bool:
    """A speech act whose object is what was said: "announced a plan", with its particle "called out X",
    or a verb of saying and a story ("told the story of how …")."""
    return lemma in lex.object_or_infinitive or any(
        (c.dep_ == "prt" and (lemma, c.lower_) in lex.particle_object)
        or (c.dep_ == "dobj" and c.lemma_.lower() in lex.story_nouns and lemma in lex.speech) for c in verb.children)


def _is_time(token: Token) -> bool:
    """ "Friday" in "called Friday for …": a date the parser took for an object."""
    return token.ent_type_ in ("DATE", "TIME")


def _as_complement(span: tuple[int, int] | None) -> tuple[tuple[int, int], str] | None:
    return (span, "complement") if span else None


def complement_content(verb: Token, lemma: str, lex: Lexicon) -> tuple[int, int] | None:
    """What a directive, commitment or accusation verb says: "urged [members to vote]",
    "pledged [to expand the army]", "accused [the chair of bias]", "called [for a recount]"."""
    after = [c for c in verb.children if c.i > verb.i]
    objects = [c for c in after if c.dep_ in ("dobj", "dative") and not _is_time(c)]
    infinitives = [c for c in after if c.dep_ in ("xcomp", "ccomp") and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children)]
    # "called for the governor to resign": the parser reads "for" as the mark of a clause
    preps = [c for c in after if (c.dep_ == "prep" or (c.dep_ == "mark" and c.head.i > c.i))
             and (lemma, c.lower_) in lex.object_preposition]
    preps += [c for c in after if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.i < c.i and (lemma, m.lower_) in lex.object_preposition for m in c.children)]
    # "accused the moderators of asking …": the parser may hang the preposition on the object, or on its
    # last conjunct ("accused the media and the campaign of distorting …")
    conjuncts = objects + [c for o in objects for c in o.subtree if c.dep_ == "conj"]
    preps += [c for o in conjuncts for c in o.children if c.dep_ == "prep" and (lemma, c.lower_) in lex.object_preposition
              and c.i == objects[-1].right_edge.i - len(list(c.subtree)) + 1]
    parts: list[Token] = []
    if lemma in lex.object_infinitive and objects and infinitives:
        parts = objects + infinitives
    elif _reports_object(verb, lemma, lex) and (infinitives or objects) and not preps:
        parts = infinitives or objects
        if not infinitives:
            # "recalled her opposition to the efforts …", "mentioned Ohio as one state where …": the parser hangs
            # the object's own phrase on the verb ("as" here is the preposition of a role, not a circumstance)
            parts += [c for c in after if c.dep_ == "prep" and c.i == objects[-1].right_edge.i + 1
                      and (c.lower_ not in lex.circumstance_marks or c.lower_ == "as")
                      and not any(_is_time(o) for o in c.children)]
    elif preps:
        # "called on the city to reopen the libraries": the infinitive belongs to the phrase, and so does
        # the role an "as" gives it ("pointed to the tariffs as the main cause"), which the parser hangs on
        # the verb; not a bare title ("spoke about the budget as mayor": in what office the speaker spoke)
        parts = objects + preps + infinitives
        last = max(t.right_edge.i for t in parts)
        parts += [c for c in after if c.dep_ == "prep" and c.lower_ == "as" and c.i > last
                  and all(t.text == "," for t in verb.doc[last + 1:c.i])
                  and any(o.dep_ == "pobj" and any(o.children) for o in c.children)]
    if not parts:
        return None
    tokens = _clip(sorted({t for p in parts for t in p.subtree}), lex)
    words = [t for t in tokens if not t.is_punct]
    # "confirmed the meeting", "announced his candidacy", "denied the accusations": a determined noun
    # is enough for what a speech act reports; a bare or pronoun object is not ("denied it", "announced plans")
    determined_noun = len(words) == 2 and parts == objects and words[0].dep_ in ("det", "poss") \
        and words[0].lower_ not in ("this", "that", "these", "those", "it", "its") and words[1].pos_ == "NOUN"
    if len(words) < 3 and not determined_noun:
        return None
    start, end = _span_of(tokens)
    if preps and not objects and tokens[0].lower_ in ("for", "on", "to", "of", "about", "with", "as", "against"):
        start = tokens[0].idx + len(tokens[0].text)
    return trim(verb.doc, start, end)


def _as_said(verb: Token, root: Token) -> bool:
    """A cue the parser hangs on the sentence's verb as an adverbial clause: "A, she said." at the
    end (after a comma, no subordinator) or "As the mayor said, A" in front."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if verb.dep_ != "advcl" or verb.head != root or not subjects:
        return False
    doc, subject = verb.doc, subjects[-1]
    # a mark the parser hangs on the cue from inside the sentence before the comma is no subordinator
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark" and c.i > subject.left_edge.i - 2]
    if verb.i > root.i:
        return marks in ([], ["as"]) and doc[subject.left_edge.i - len(marks) - 1].text == "," \
            and verb.right_edge.i + 2 >= verb.sent.end
    # "As the mayor said, …" opens the sentence, and "as" is not "while" ("As he spoke to accept …")
    own = {c.dep_ for c in verb.children} & {"xcomp", "ccomp", "dobj", "advcl", "prep"}
    return marks == ["as"] and verb.left_edge.i == verb.sent.start and not own \
        and any(t.text == "," for t in doc[verb.i + 1:verb.right_edge.i + 2])


def _as_aside(verb: Token, root: Token) -> bool:
    """ "But as Clyburn noted, A", "A, as the Times reported on Sunday", "A -- as the campaign noted -- B":
    an "as" clause with a verb of saying that says nothing of its own, set off by commas or dashes (or
    opening its sentence after a conjunction), reports the clause it hangs on. Not "as he tries to …",
    "as he mentioned raising wages", "as Trump called for a boycott" (the verb has its own object) nor
    a cue the older rule reads (``_as_said``)."""
    lex = lexicon()
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i]
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if verb.dep_ != "advcl" or verb.lemma_.lower() not in lex.speech or not subjects or len(marks) != 1 \
            or marks[0].lower_ != "as" or marks[0].i != subjects[0].left_edge.i - 1 or _as_said(verb, root):
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative", "attr", "acomp", "oprd") for c in verb.children) \
            or clause_content(verb, lex) is not None:
        return False
    doc, mark = verb.doc, marks[0]
    opens = all(t.lower_ in lex.aside_openers or t.is_punct for t in doc[verb.sent.start:mark.i])
    set_off = mark.i > verb.sent.start and doc[mark.i - 1].text in (",", "--", "—", "–", "(")
    return opens or set_off


def parenthetical_content(verb: Token, quotes: list[Quote]) -> tuple[tuple[int, int], str] | None:
    """The sentence around a cue set off by commas: "The plan, he said, would cost …".

    The parser hangs such a cue on a verb of the sentence as ``parataxis``, with
    no clause of its own (on the subordinate verb in "Though it was easy, he
    said, …"); the claim is the sentence, the cue phrase left inside as in a
    split quote. A quote around it is the quote finder's business.
    """
    root = verb.sent.root
    aside = _as_aside(verb, root)
    if aside:
        root = verb.head  # "A, as the Times reported": the clause the aside hangs on
    elif not (verb.dep_ == "parataxis" or _as_said(verb, root)):
        return None
    if root.pos_ not in ("VERB", "AUX") or inside_quote(verb.head.idx, quotes):
        return None
    tokens = list(root.subtree)
    if verb.i < root.i and verb.dep_ == "advcl":  # "As the mayor said, A": the claim follows the cue
        tokens = [t for t in tokens if t.i > verb.right_edge.i]
    elif verb.dep_ == "advcl" and verb.right_edge.i >= tokens[-1].i - 1:  # "A, as the Times reported on Sunday."
        # from "as" or the subject nearest the verb (a misparse may give it two: "…, for people …, Lopez said")
        subject = max((c.left_edge.i for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), default=verb.i)
        opening = [subject] + [c.i for c in verb.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < subject]
        tokens = [t for t in tokens if t.i < min(opening)]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    cue_phrase = set(verb.subtree)
    if sum(not t.is_punct and t not in cue_phrase for t in tokens) < 3:
        return None
    return trim(verb.doc, *_span_of(tokens)), "clause"


TAIL_STOPS = (";", "—", "–", "--", " - ", "(", ":")


def _to_sentence_end(verb: Token, start: int, end: int, lex: Lexicon) -> int:
    """Where a reported clause after its cue ends: the parser hangs a coordination or a phrase of
    what was said on the cue verb ("urged the party to ax X, replace Y and open Z", "announced a
    concert in support of X", "said money is needed to develop a vaccine, educate the public …"),
    which cuts the clause short; it runs on to the end of the sentence. Not past a new cue, a
    semicolon, dash, parenthesis or colon, nor into a phrase about when or how the speaker spoke
    ("as he left", "according to …"), nor out of the cue's own clause ("After X said A, B …")."""
    if start < verb.idx:
        return end
    anchor = verb
    while anchor.dep_ in ("xcomp", "acomp") and anchor.head is not anchor:
        anchor = anchor.head  # "was quick to point out that A, and B": the tail hangs on "was"
    tail = [t for t in verb.sent if t.idx >= end]
    while tail and (tail[-1].is_punct or tail[-1].is_space):
        tail.pop()
    words = [t for t in tail if not t.is_punct]
    if not words or not all(anchor.left_edge.i <= t.i <= anchor.right_edge.i for t in tail):
        return end
    text = doc_text(verb.doc)[end:tail[-1].idx + len(tail[-1].text)]
    saying = lex.speech | lex.belief | lex.naming
    if any(start <= a.idx < end for t in words for a in t.ancestors):
        return end  # the content's own words the clause rules left out ("A, citing B")
    for child in (t for t in tail if t.head in (anchor, verb) and not _gives_a_reason(t)):
        if child.pos_ in ("VERB", "AUX") and (any(c.dep_ in SUBJECT_DEPS for c in child.children)
                                              or (child.dep_ == "conj" and child.tag_ in FINITE_TAGS)
                                              or (child.tag_ == "VBG" and child.nbor(-1).text == ",")):
            return end  # "A, and he still speaks …", "A and jailed him", "A, referring to …": the writer's
    circumstance = words[0].lower_ in lex.circumstance_marks and not (words[0].lower_ == "as" and words[0].dep_ == "prep")
    if any(stop in text for stop in TAIL_STOPS) or circumstance \
            or any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in saying for t in words):
        return end
    return tail[-1].idx + len(tail[-1].text)


def _gives_a_reason(clause: Token) -> bool:
    """ "said it left those meetings out because they were part of the job": the parser hangs the reason on the
    verb of saying; it is the reason the speaker gave."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "because" for c in clause.children)


INVERTED_ASIDE_TOKENS = 15


def inverted_aside(verb: Token, quotes: list[Quote], lex: Lexicon) -> Cue | None:
    """ "The real trouble, say engineers like Tom Berg, is the soft ground.": a verb of saying set off by
    commas inside its sentence, with the speaker after it. The parser takes the phrase before the verb for
    its subject and the speaker for the subject of the rest; the speaker is the phrase between the verb
    and the comma right before the next finite verb, the claim the whole sentence (the attribution is cut
    out of it later, as in "A, he said, B")."""
    doc, sent = verb.doc, verb.sent
    if verb.lemma_.lower() not in lex.speech or verb.tag_ not in FINITE_TAGS or verb.i - 1 <= sent.start \
            or doc[verb.i - 1].text != ",":
        return None
    after = [t for t in doc[verb.i + 1:sent.end] if t.i - verb.i <= INVERTED_ASIDE_TOKENS]
    finite = next((t for t in after if t.tag_ in (*FINITE_TAGS, "MD")), None)
    if finite is None:
        return None
    commas = [t for t in after if t.text == "," and t.i < finite.i]
    if not commas or commas[-1].i == verb.i + 1 or \
            any(t.pos_ not in ("ADV", "PART") for t in doc[commas[-1].i + 1:finite.i]):
        return None  # the sentence goes on right after the speaker ("…, said X, a reporter whose …" does not)
    phrase = doc[verb.i + 1:commas[-1].i]
    if phrase[0].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM") or any(t.is_quote for t in sent):
        return None
    heads = [t for t in phrase if t.dep_ in SUBJECT_DEPS and t.head == verb] or \
        [t for t in phrase if not phrase.start <= t.head.i < phrase.end and t.pos_ in ("NOUN", "PROPN")]
    before = [t for t in doc[sent.start:verb.i - 1] if not t.is_punct]
    if not heads or len(before) < 2:
        return None
    start, end = trim(doc, sent.start_char, sent.end_char)
    while end > start and doc_text(doc)[end - 1] in ".!?":
        end -= 1
    # not the appositive ("Ana Ruiz, a member …") nor when she spoke ("the mayor on Tuesday")
    stop = next((t.i for t in phrase if t.text == "," or _is_time(t)), phrase.end)
    mention = [t for t in heads[0].subtree if phrase.start <= t.i < stop and not t.is_punct]
    while len(mention) > 1 and mention[-1].pos_ == "ADP":
        mention.pop()
    return Cue(verb, verb.lemma_.lower(), heads[0], start, end, _span_of(mention),
               aside=(verb.idx, phrase.end_char))


def verb_cues(doc: Doc, quotes: list[Quote], lex: Lexicon) -> list[Cue]:
    """Reporting verbs with a reported clause (or naming complement), outside quotes."""
    cues = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_.lower()
        if lemma not in lex.cue_verbs or inside_quote(token.idx, quotes):
            continue
        inverted = inverted_aside(token, quotes, lex)
        if inverted is not None:
            cues.append(inverted)
            continue
        found = clause_content(token, lex) or parenthetical_content(token, quotes)
        if found is None or found[0][1] - found[0][0] < 8:
            continue
        (start, end), kind = found
        content = (start, _to_sentence_end(token, start, end, lex))
        head, speaker_span = subject_of(token), None
        if head is None and (glued := name_just_before(token) or count_before(token)) is not None:
            head, speaker_span = glued
        if head is not None and inside_quote(head.idx, quotes):
            continue  # a subject inside a quote, of a verb outside it, is a misparse; the quote finds its cue
        # "X was quoted as saying" speaks, "X was advised by Y to consider" does not; "X were angered by
        # the deal and predicted …" keeps X: the passive is another verb's, joined by "and"
        if head is not None and head.dep_ == "nsubjpass" and (head.head == token or token.dep_ != "conj") \
                and head.head.lemma_.lower() not in lex.quoted_passive:
            passive_agent = [c for c in token.children if c.dep_ == "agent"]
            head = next((c for a in passive_agent for c in a.children if c.dep_ == "pobj"), None)
        cues.append(Cue(token, lemma, head, *content, speaker_span=speaker_span, kind=kind))
    return cues


def noun_cues(doc: Doc, quotes: list[Quote], lex: Lexicon) -> list[Cue]:
    """ "Trump's claim that …", "the minister's warning that …": a noun of saying, its owner
    the speaker and its that-clause the claim."""
    cues = []
    for token in doc:
        if (token.pos_ != "NOUN" or token.dep_ == "ROOT" or token.lemma_.lower() not in lex.speech_nouns
                or inside_quote(token.idx, quotes)):
            continue  # a noun as the root is a misparse: the sentence's verb sits inside its that-clause
        # "Trump's claim that …", or "claims by intelligence agencies that …", "allegations from the union that …"
        owners = [c for c in token.children if c.dep_ == "poss"] or \
            [o for p in token.children if p.dep_ == "prep" and p.i > token.i and p.lower_ in lex.noun_owner_prepositions
             for o in p.children if o.dep_ == "pobj"]
        clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp") and c.i > token.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        complement = clauses[0] if clauses else _what_a_noun_of_saying_says(token)
        if owners and complement is not None:
            start, end = trim(doc, *_span_of(_clip(list(complement.subtree), lex)))
            owner = [t for t in owners[0].subtree if not (t.dep_ == "case" and t.head.i == owners[0].i)
                     and t.i < complement.left_edge.i]
            if end - start >= 8:
                cues.append(Cue(token, token.lemma_.lower(), owners[0], start, end, _span_of(owner)))
    return cues


def _what_a_noun_of_saying_says(noun: Token) -> Token | None:
    """ "his promise to build a wall", "her call to end the strike": the infinitive of a noun of saying
    with no that-clause is what was said. (Its prepositional object, "her call for a ban", was tried:
    on train half B it cost more false positives than it found claims.)"""
    return next((c for c in noun.children if c.i > noun.i and c.dep_ in ("acl", "relcl")
                 and any(t.dep_ == "aux" and t.lower_ == "to" and t.i < c.i for t in c.children)), None)


LIGHT_PREPOSITIONS = ("of", "for", "about", "on", "against")


def _is_that_clause(token: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in token.children) and \
        any(d.dep_ in SUBJECT_DEPS for d in token.children)


def _light_verb_content(verb: Token, noun: Token) -> tuple[int, int] | None:
    """What a light verb and its noun of saying report: the noun’s that-clause ("made the case that
    X"; the parser may hang it on the verb), the object of its preposition ("made no mention of X",
    "a call for X") or its infinitive ("renewed his call to X")."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl", "ccomp") and _is_that_clause(c)] + \
        [c for c in verb.children if c.dep_ == "ccomp" and c.i > noun.i and _is_that_clause(c)]
    if clauses:
        return _span_of(clauses[0].subtree)
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in LIGHT_PREPOSITIONS and c.i > noun.i]
    objects = [o for p in preps for o in p.children if o.dep_ in ("pobj", "pcomp")]
    if objects:
        return _span_of(objects[0].subtree)
    infinitives = [c for c in list(noun.children) + list(verb.children)
                   if c.dep_ in ("acl", "advcl", "xcomp") and c.i == noun.right_edge.i + 2
                   and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children)]
    return _span_of(infinitives[0].subtree) if infinitives else None


def light_verb_cues(doc: Doc, quotes: list[Quote], lex: Lexicon) -> list[Cue]:
    """ "The mayor made no mention of the cuts", "he renewed his call to ban imports": a light verb
    whose object is a noun of saying; its subject speaks."""
    cues = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.light_verbs or inside_quote(verb.idx, quotes):
            continue
        for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.with_light_verb):
            span = _light_verb_content(verb, noun)
            head = subject_of(verb)
            if span is None or head is None or inside_quote(head.idx, quotes):
                continue
            start, end = trim(doc, *span)
            words = sum(not t.is_punct for t in doc.char_span(start, end, alignment_mode="expand"))
            if end - start >= 8 and words >= 2:
                cues.append(Cue(noun, noun.lemma_.lower(), head, start, end))
    return cues


def according_cues(doc: Doc, quotes: list[Quote], lex: Lexicon) -> list[Cue]:
    """ "According to X, …" and its kin: X speaks, the rest of the sentence is the claim."""
    cues = []
    for sent in doc.sents:
        words = [t.lower_ for t in sent]
        for phrase in lex.according_to:
            n = len(phrase)
            for k in [k for k, word in enumerate(words[:max(0, len(words) - n + 1)]) if word == phrase[0]]:
                if tuple(words[k:k + n]) != phrase or inside_quote(sent[k].idx, quotes):
                    continue
                last = sent[k + n - 1]
                objects = [c for c in last.children if c.dep_ == "pobj"] or (
                    [sent[k + n]] if k + n < len(sent) and sent[k + n].pos_ in ("PROPN", "NOUN") else [])
                if not objects or (phrase in lex.proper_name_only and objects[0].pos_ != "PROPN"):
                    continue
                head = objects[0]
                phrase_tokens = sorted({sent[k + j] for j in range(n)} | set(head.subtree), key=lambda t: t.i)
                p_start, p_end = _span_of(phrase_tokens)
                before = trim(doc, sent.start_char, p_start)
                after = trim(doc, p_end, sent.end_char)
                start, end = _relative_clause_before(doc, sent, k) or max((before, after), key=lambda s: s[1] - s[0])
                # The speaker runs from the phrase to the next comma, or past it to the sentence end
                # when no clause follows ("according to firms, rights groups and advocates").
                stop = doc_text(doc).find(",", head.idx, sent.end_char)
                clause_after = stop > 0 and any(t.pos_ in ("VERB", "AUX") for t in sent if t.idx > stop)
                speaker = trim(doc, head.left_edge.idx, stop if stop > 0 and (start > head.idx or clause_after)
                               else sent.end_char)
                while speaker[1] > speaker[0] and doc_text(doc)[speaker[1] - 1] in ".!?\"”’'":
                    speaker = (speaker[0], speaker[1] - 1)
                if end - start >= 15:
                    cues.append(Cue(sent[k], " ".join(phrase), head, start, end, speaker, "according"))
    return cues


def _relative_clause_before(doc: Doc, sent, k: int) -> tuple[int, int] | None:
    """ "…, which stood at 263, according to the AP": a relative clause set off by commas that ends at the
    comma before the phrase is what the source vouches for, not the clause it hangs on."""
    if k < 2 or sent[k - 1].text != ",":
        return None
    last = sent[k - 2]
    clause = next((t for t in [last, *last.ancestors] if t.dep_ == "relcl"), None)
    if clause is None or clause.right_edge.i != last.i or clause.left_edge.i < 1 \
            or doc[clause.left_edge.i - 1].text != "," or not any(
                t.tag_ in ("WDT", "WP", "WP$") for t in doc[clause.left_edge.i:clause.i]):
        return None  # only a clause set off by a comma, "who …", "which …", "most of whom …"; not "when …"
    return trim(doc, clause.left_edge.idx, last.idx + len(last))


def inverted_cues(doc: Doc, quotes: list[Quote], lex: Lexicon) -> list[Cue]:
    """A sentence-final cue that the parser missed: "…, worry critics of the plan." """
    cues = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        commas = [i for i, t in enumerate(tokens) if t.text == ","]
        if not commas:
            continue
        k = commas[-1]
        if k + 2 >= len(tokens) or tokens[k + 1].lemma_.lower() not in lex.speech | lex.belief:
            continue
        cue, speaker_tokens = tokens[k + 1], tokens[k + 2:]
        if cue.pos_ in ("VERB", "AUX") or inside_quote(cue.idx, quotes) or speaker_tokens[0].pos_ in ("ADP", "ADV"):
            continue  # a verb the parse understood is handled by verb_cues
        inside = {t.i for t in speaker_tokens}
        heads = [t for t in speaker_tokens if t.head.i not in inside]
        start, end = trim(doc, sent.start_char, tokens[k].idx)
        if heads and end - start >= 15:
            span = (speaker_tokens[0].idx, speaker_tokens[-1].idx + len(speaker_tokens[-1].text))
            cues.append(Cue(cue, cue.lemma_.lower(), heads[0], start, end, span, "inverted"))
    return cues


def sentences_around(doc: Doc, start: int, end: int) -> list[Span]:
    """Sentences touching [start, end)."""
    return [s for s in doc.sents if s.end_char > start - 1 and s.start_char < end + 1]


def _words_between(doc: Doc, i: int, j: int) -> int:
    """Tokens strictly between i and j, less those of a parenthesis (“A,” she said (aside), “B”)."""
    depth, n = 0, 0
    for token in doc[i + 1:j]:
        depth += token.text == "("
        n += depth == 0
        depth -= token.text == ")" and depth > 0
    return n + 1


CUE_SENTENCE_TOKENS = 12
CUE_SENTENCE_OPENING = 5  # tokens before the verb of a long cue sentence after a question


def _cue_sentence_after(doc: Doc, quote: Quote) -> list[Span]:
    """ “Can you really reform Wall Street?” Sanders asked.: after a question or an exclamation
    the parser ends the sentence with the quote, and the short sentence right after is its cue."""
    text = doc_text(doc)
    if not text[quote.start:quote.end].rstrip().endswith(("?", "!")):
        return []
    after = doc.char_span(quote.outer[1], len(text), alignment_mode="expand")
    if after is None or not len(after) or text[quote.outer[1]:after[0].idx].strip():
        return []
    sent = after[0].sent
    if sent.start_char < quote.outer[1] or "\n" in text[quote.outer[1]:sent.start_char]:
        return []
    # a short sentence, or one that opens with a speaker and a verb of saying with no clause of its own
    # (“…?” Trump told the station in an interview aired on Monday …)
    root = sent.root
    opens_with_cue = root.lemma_.lower() in lexicon().speech and root.i - sent.start <= CUE_SENTENCE_OPENING \
        and any(c.dep_ in SUBJECT_DEPS and c.i < root.i for c in root.children) \
        and not any(c.dep_ in CLAUSE_DEPS for c in root.children)
    return [sent] if len(sent) <= CUE_SENTENCE_TOKENS or opens_with_cue else []


def quote_cue(doc: Doc, quote: Quote, quotes: list[Quote], lex: Lexicon) -> tuple[Token, Token] | None:
    """(cue verb, speaker head) for a quote: the nearest speech verb with a subject in the
    quote's sentences, outside any quote ("“…,” he said", "X told the assembly: “…”")."""
    lo, hi = quote.outer
    quote_tokens = [t for t in doc.char_span(lo, hi, alignment_mode="expand") or []]
    inside = {t.i for t in quote_tokens}
    governors = {t.head.i for t in quote_tokens if t.head.i not in inside}
    first, last = (quote_tokens[0].i, quote_tokens[-1].i) if quote_tokens else (0, 0)
    best = None
    for sent in sentences_around(doc, lo, hi) + _cue_sentence_after(doc, quote):
        for token in sent:
            lemma = token.lemma_.lower()
            if (token.pos_ not in ("VERB", "AUX") or lemma not in lex.speech or lemma in lex.naming
                    or lemma in lex.needs_clause or inside_quote(token.idx, quotes)):
                continue
            head = subject_of(token)
            if (head is None or inside_quote(head.idx, quotes)) and last < token.i <= last + 3:
                head = _name_after(token)  # “…,” said X: a subject inside the quote is a misparse
            if head is None or inside_quote(head.idx, quotes):
                continue
            near = (_words_between(doc, token.i, first) if token.i < first
                    else _words_between(doc, last, token.i)) <= QUOTE_CUE_WINDOW
            # "“…,” Jane Doe, who chairs the committee, said": the speaker phrase opens right after the quote
            speaker_follows = last < head.left_edge.i <= last + 2 and head.i < token.i
            if not (near or speaker_follows or token.i in governors):
                continue
            distance = lo - token.idx if token.idx < lo else token.idx - hi
            if best is None or distance < best[0]:
                best = (distance, token, head)
    return (best[1], best[2]) if best else None


def _name_after(verb: Token) -> Token | None:
    """ “…,” said Robert Reich, who served …: after an inverted cue the parser may hang the name on a
    verb of its relative clause and leave the cue without a subject; the noun phrase right after it speaks."""
    chunk = next((c for c in verb.doc.noun_chunks if c.start == verb.i + 1), None)
    return chunk.root if chunk is not None and chunk.root.pos_ in ("PROPN", "NOUN") else None


HEADLINE_LABEL_WORDS = 6
HEADLINE_WORDS = 20


def headline_cue(doc: Doc, lex: Lexicon) -> Cue | None:
    """ "Trump: Clinton Should Have Congratulated Me.": a headline that opens with a name and a colon
    is that speaker's claim. The label is a short phrase in title case naming someone (not "UPDATE",
    "WATCH" or a section name), the claim the rest of the headline."""
    first_line = doc_text(doc).split("\n", 1)[0]
    colon = first_line.find(": ")
    if colon <= 0:
        return None
    label = first_line[:colon].strip()
    words = label.split()
    if not words or len(words) > HEADLINE_LABEL_WORDS or not label[0].isupper() or \
            label.upper() in lex.transcript_non_speakers or label.upper() == label and len(label) > 4:
        return None
    start, end = trim(doc, colon + 1, len(first_line.rstrip()))
    while end > start and doc_text(doc)[end - 1] in ".!?":
        end -= 1
    span, cue = doc.char_span(0, colon, alignment_mode="expand"), doc.char_span(colon, colon + 1)
    if span is None or cue is None or len(doc_text(doc)[start:end].split()) < 3:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return None  # "Lopez tweeted: “…”" is a cue with a verb, for the quote rules
    if not _names_someone(doc, span, len(first_line), lex):
        return None  # "The Latest: …", "Live Updates: …" name no speaker
    return Cue(cue[0], ":", span.root, start, end, (span.start_char, span.end_char), "headline")


LABEL_MIN_WORDS = 4


def label_cues(doc: Doc, lex: Lexicon) -> list[Cue]:
    """ "Mark Ortiz: A businessman can run this country." A paragraph after the headline that opens with
    a person's name and a colon is that person's claim (a tweet or a summary of what they said): the
    label is exactly a name the parser knows as a person, the rest a sentence with a verb. A label
    in capitals that opens several paragraphs is a transcript's, for the transcript rules."""
    text, cues = doc_text(doc), []
    start = text.find("\n") + 1
    while 0 < start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        colon = text.find(": ", start, end)
        label = doc.char_span(start, colon) if colon > start else None
        ents = [e for e in label.ents if e.label_ == "PERSON"] if label is not None else []
        if ents and (ents[0].start_char, ents[0].end_char) == (start, colon) and not label.text.isupper():
            body = doc.char_span(colon + 2, end, alignment_mode="contract")
            if body is not None and sum(not t.is_punct for t in body) >= LABEL_MIN_WORDS \
                    and any(t.pos_ in ("VERB", "AUX") for t in body):
                first, last = trim(doc, body.start_char, body.end_char)
                while last > first and text[last - 1] in ".!?":
                    last -= 1
                cues.append(Cue(doc.char_span(colon, colon + 1)[0], ":", ents[0].root, first, last,
                                (start, colon), "label"))
        start = end + 1
    return cues


def _names_someone(doc: Doc, span: Span, body_start: int, lex: Lexicon) -> bool:
    """A headline's opening phrase names a speaker: an entity, a word the article's body names
    someone by (headline case may leave "Trump" untagged), or a noun for a body or document."""
    speaker_nouns = lex.document_heads | lex.organisation_heads | lex.anonymous_heads | lex.title_heads
    known = {w for e in doc.ents if e.label_ in ("PERSON", "ORG") and e.start_char > body_start for w in e.text.split()}
    bare_name = span.root.text in known and span[0].pos_ != "DET"
    return any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in span) or bare_name \
        or span.root.lemma_.lower() in speaker_nouns


def headline_verb_cue(doc: Doc, lex: Lexicon) -> Cue | None:
    """ "Clinton Says Russians Hacked DNC.", "Sanders Promises Action On Immigration.": a headline
    that opens with a name and a verb of saying is that speaker's claim. Title case hides the verb
    from the parser, so the verb is found by its form; the name runs from the line's start (or a
    label's colon) in capitals, commas and "and"."""
    first_line = doc_text(doc).split("\n", 1)[0]
    if len(first_line.split()) > HEADLINE_WORDS or len(first_line) == len(doc_text(doc).rstrip()):
        return None
    line = [t for t in doc if t.idx < len(first_line)]
    speech = lex.speech | lex.naming | lex.object_infinitive | lex.object_or_infinitive
    for k, token in enumerate(line):
        lemma = _headline_lemma(token, speech)
        if lemma is None or k == 0:
            continue
        if k + 1 < len(line) and line[k + 1].text[:1].islower():
            return None  # "The Senate Committee Report released on …" is a sentence, not a title-case headline
        end = k
        while end > 0 and line[end - 1].lower_ in lex.headline_adverbs:
            end -= 1
        first = end
        while first > 0 and (line[first - 1].text[:1].isupper() or line[first - 1].text in (",", "and", "&")
                             or line[first - 1].text in ("’s", "'s") and first < end):
            first -= 1
        if first == end or first > 0 and line[first - 1].text != ":" or line[end - 1].text in ("’s", "'s"):
            return None  # "Hillary Clinton’s Claim That …" is a noun; "Voters skeptical as Clinton vows …"
        span = doc[line[first].i:line[end - 1].i + 1]
        while len(span) > 1 and span[-1].text == ",":
            span = span[:-1]
        names = [e for e in span.ents if e.label_ in ("PERSON", "ORG")]
        if len(names) == 1 and names[0].end == span.end:
            span = names[0]  # "Mayor Jane Ortiz": the name without its title
        rest = first_line[token.idx + len(token.text):]
        stop = min([i for i in (rest.find(";"), rest.find(": "), rest.find(" – "), rest.find(" — ")) if i >= 0],
                   default=len(rest.rstrip()))
        start, stop = trim(doc, token.idx + len(token.text), token.idx + len(token.text) + stop)
        while stop > start and doc_text(doc)[stop - 1] in ".!?’'\"”":
            stop -= 1
        if len(doc_text(doc)[start:stop].split()) < 2 or not _names_someone(doc, span, len(first_line), lex):
            return None
        return Cue(token, lemma, span.root, start, stop, (span.start_char, span.end_char), "headline")
    return None


def _headline_lemma(token: Token, verbs: frozenset[str]) -> str | None:
    """The verb of saying a capitalised headline word is ("Says", "Promises", "Denies"), if any."""
    word = token.lower_
    if not token.text[:1].isupper() or token.i == 0:
        return None
    for lemma in (token.lemma_.lower(), word[:-1], word[:-2], word[:-3] + "y", word):
        if lemma in verbs and word != lemma + "ing":
            return lemma
    return None


def colon_cue(doc: Doc, quote: Quote, lex: Lexicon) -> tuple[Token, Token] | None:
    """(colon, speaker head) for a quote introduced by a name and a colon: "… said pollster Daron
    Shaw: “…”", "Trump: “…”". The name must be a person or organisation the parser knows (not the
    author of a quoted article), or a document or body the lexicon knows ("From the report: “…”")."""
    before = doc_text(doc)[:quote.open_mark].rstrip(" \t")
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before))
    if colon is None or colon.start == 0:
        return None
    last = doc[colon.start - 1]
    ent = entity_of(last)
    if ent is not None and ent.label_ in ("PERSON", "ORG") and ent.end == colon.start:
        # "“Museum to close,” by the Times’ Ben Sisario: “…”": a byline introduces an excerpt of an article
        return None if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "by" else (colon[0], ent.root)
    heads = lex.document_heads | lex.organisation_heads
    if last.tag_ == "NN" and last.lemma_.lower() in heads and last.i > 0 and doc[last.i - 1].lower_ in ("the", "this"):
        return colon[0], last
    return None
