"""The stance model's shortcuts give what the slow ways gave: the claim Docs, the memoised lexicon reads."""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDS

from pipeline.stance.features import claim_docs, span_doc

ALL_ATTRS = list(IDS.values())


def _described(doc) -> tuple:
    return (doc.text, doc.to_array(ALL_ATTRS).tolist(), [(e.start, e.end, e.label_) for e in doc.ents],
            [t.dep_ for t in doc], [t.head.i for t in doc], doc.tensor.tolist(), doc.vector.tolist(),
            [s.text for s in doc.sents], [c.text for c in doc.noun_chunks])


def test_a_span_doc_equals_spacys_as_doc_where_the_span_cuts_entities(nlp):
    doc = nlp("Officials in New York City said on Tuesday that Maria Lopez of the Chicago Transit Authority "
              "would visit Paris next week. The Red Cross declined to comment.")
    attrs = doc._get_array_attrs()
    array = doc.to_array(attrs)
    entities = {(e.start, e.end) for e in doc.ents}
    assert len(entities) >= 4
    cuts = [doc[3:18], doc[4:20], doc[0:len(doc)], doc[9:12], doc[len(doc) - 6:len(doc) - 1]]
    cut_entities = [e for e in doc.ents for span in cuts if e.start < span.start < e.end or e.start < span.end < e.end]
    assert cut_entities  # the spans begin or end inside an entity, the case as_doc treats apart
    for span in cuts:
        assert _described(span_doc(span, attrs, array, entities)) == \
            _described(span.as_doc(array_head=attrs, array=array.copy()))


def test_claim_docs_leave_the_articles_parse_unchanged_and_root_every_sentence(nlp):
    doc = nlp("The senator said the new stadium was a waste of money. Fans disagreed, and the club said it "
              "would pay for the roads itself.")
    before = doc.to_array(ALL_ATTRS).copy()
    first = doc.char_span(doc.text.index("the new"), doc.text.index(" of money"))
    second = doc.char_span(doc.text.index("Fans"), len(doc.text))
    docs = claim_docs({first.text: (first,), second.text: (second,)})
    assert np.array_equal(doc.to_array(ALL_ATTRS), before)
    for text, claim in docs.items():
        assert claim.text.rstrip() == text  # as in as_doc, the last token keeps its trailing space
        assert all(token.dep_ == "ROOT" for token in claim if token.head.i == token.i)
