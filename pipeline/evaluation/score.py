"""Score processed tables against gold annotations, with the rules of docs/evaluation.md.

Gold comes as our JSONL (one claim a line, plus an entities JSON) or as a brat
standoff attribution corpus (PARC / PolNeAR layout: ``.ann`` files with Source,
Cue and Content spans joined by an Attribution event, and the article ``.txt``).
Everything here is plain data in, plain data out, so the report is JSON-able.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.tables import STANCES
from pipeline.text import base_forms, fold_name, strip_accents

CLAIM_TYPES = ("direct", "indirect", "mixed")
MATCH_THRESHOLD = 0.5
MENTION_OVERLAP = "mention_overlap"
SPEECH_CUES_FILE = Path(__file__).parents[1] / "resources" / "gold_speech_cues.txt"
NEEDED_COLUMNS = {"articles": ("article_id", "source"), "claims": ("article_id", "content", "speaker"),
                  "entities": ("article_id", "text", "canonical")}
OPTIONAL_COLUMNS = {"articles": ("batch",),
                    "claims": ("speaker_mention", "claim_type", "stance", "resolution", "start_char", "end_char",
                               "spans", "speaker_start_char", "speaker_end_char", "cue_start_char", "cue_end_char")}
UNRESOLVED = "unresolved"
_WORD = re.compile(r"[^\W_]+")
_FUNCTION_WORDS = frozenset({"the", "a", "an", "s"})
_DOUBLE_QUOTES = "\"“”«»„"


def word_tokens(text: str | None) -> list[str]:
    """Casefolded, accent-stripped word tokens, punctuation dropped."""
    return _WORD.findall(strip_accents(text or "").casefold())


def dice(a: Counter, b: Counter) -> float:
    """Dice overlap of two token multisets."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


# --- gold readers -----------------------------------------------------------

def read_gold_jsonl(path: Path) -> list[dict]:
    """Gold claims of our JSONL format (see ../gold/README.md, copied as gold/sample/README.md)."""
    gold = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not a JSON object ({exc.msg})") from exc
        missing = {"article", "content", "speaker"} - set(row)
        if missing:
            raise ValueError(f"{path}:{n}: gold claim lacks {', '.join(sorted(missing))}")
        gold.append(row)
    return gold


def read_gold_entities(path: Path) -> dict:
    """Per article: ``required`` entities (canonical, label, aliases) and ``forbidden`` strings."""
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(gold, dict):
        raise ValueError(f"{path}: expected an object keyed by article")
    return gold


def read_resolved_speakers(path: Path) -> dict[tuple[str, int, int], tuple[str, ...]]:
    """Resolved-speaker gold (``gold/polnear_dev/README.md``): (article, source start, source end) →
    (speaker, *aliases); a speaker ``unresolved`` says the article names nobody there."""
    out: dict[tuple[str, int, int], tuple[str, ...]] = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"article", "source_start", "source_end", "speaker"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: resolved-speaker gold lacks the column(s) {', '.join(sorted(missing))}")
        for n, row in enumerate(reader, start=2):
            try:
                key = (row["article"], int(row["source_start"]), int(row["source_end"]))
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: source offsets are not integers") from exc
            if not (row["speaker"] or "").strip():
                raise ValueError(f"{path}:{n}: empty speaker (write {UNRESOLVED!r} where nobody is named)")
            aliases = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
            out[key] = (row["speaker"].strip(), *aliases)
    return out


@lru_cache(maxsize=1)
def speech_cues() -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Cue phrases that make a brat attribution required: (words, irregular forms of the first word)."""
    cues = []
    for line in SPEECH_CUES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, _, irregular = line.partition(":")
            cues.append((tuple(phrase.split()), frozenset(irregular.split())))
    return tuple(cues)


def is_speech_cue(cue: str | None) -> bool:
    """True when the cue text holds a phrase of the scorer's speech cues, in any inflection,
    or is a bare colon (transcripts and headlines: "WALLACE: ...")."""
    if (cue or "").strip() == ":":
        return True
    words = word_tokens(cue)
    candidates = [base_forms(w) for w in words]
    for phrase, irregular in speech_cues():
        n = len(phrase)
        for i in range(len(words) - n + 1):
            first = phrase[0] in candidates[i] or words[i] in irregular
            if first and all(phrase[k] in candidates[i + k] for k in range(1, n)):
                return True
    return False


def _is_quote(char: str) -> bool:
    return len(char) == 1 and char in _DOUBLE_QUOTES


def claim_type_of(content: str, before: str = "", after: str = "") -> str:
    """direct / mixed / indirect from double quote marks in or just around one content span."""
    core = content.strip()
    opens = _is_quote(core[:1]) or _is_quote(before.rstrip()[-1:])
    closes = _is_quote(core[-1:]) or _is_quote(core.rstrip(".,;:!?")[-1:]) or _is_quote(after.lstrip()[:1])
    inner = core.strip(_DOUBLE_QUOTES + ".,;:!? ")
    if opens and closes and not any(q in inner for q in _DOUBLE_QUOTES):
        return "direct"
    if any(q in core for q in _DOUBLE_QUOTES):
        return "mixed"
    return "indirect"


def _fragments_type(fragments: list[tuple[int, int]], joined: str, text: str) -> str:
    """The type of a (possibly discontinuous) brat span: direct or indirect only if every part is.
    Without the article text, or with a text the offsets do not fit, the span alone decides."""
    if not text or any(text[s:e] not in joined for s, e in fragments):
        return claim_type_of(joined)
    types = {claim_type_of(text[s:e], text[max(0, s - 2):s], text[e:e + 2]) for s, e in fragments}
    return types.pop() if len(types) == 1 else "mixed"


def _brat_spans(ann: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]], str]], list[dict[str, str]]]:
    """Text-bound spans (label, fragments, text) and events (role → span id) of one .ann file."""
    spans, events = {}, []
    for n, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            try:
                fragments = [(int(a), int(b)) for a, b in (frag.split() for frag in offsets.split(";"))]
            except ValueError as exc:
                raise ValueError(f"{ann}:{n}: bad span offsets {offsets!r}") from exc
            spans[parts[0]] = (label, fragments, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    return spans, events


def _brat_layout(ann_dir: Path, text_dir: Path | None) -> tuple[Path, Path | None]:
    """Accept the .ann folder itself or a corpus split holding ``attributions/`` and ``text/``."""
    if not any(ann_dir.glob("*.ann")) and (ann_dir / "attributions").is_dir():
        if text_dir is None and (ann_dir / "text").is_dir():
            text_dir = ann_dir / "text"
        ann_dir = ann_dir / "attributions"
    return ann_dir, text_dir


def read_brat(ann_dir: Path, text_dir: Path | None = None) -> list[dict]:
    """Attributions of a brat corpus as gold claims in our format.

    An article with several annotators' files (``<article>_<annotator>.ann``)
    uses the first in sorted order. ``required`` = a source is given and the
    cue is a speech cue (``gold_speech_cues.txt``); the speaker counts by
    mention overlap. With the article text at hand (``text_dir`` or beside the
    .ann) the claim type sees quote marks just outside the content span.
    """
    ann_dir, text_dir = _brat_layout(Path(ann_dir), Path(text_dir) if text_dir else None)
    files = sorted(ann_dir.glob("*.ann"))
    if not files:
        raise FileNotFoundError(f"no .ann files in {ann_dir}")
    stems = {f.stem for f in files}
    text_dirs = [d for d in (text_dir, ann_dir) if d is not None]
    by_article: dict[str, Path] = {}
    for ann in files:
        by_article.setdefault(_article_of_ann(ann, stems, text_dirs), ann)
    gold: list[dict] = []
    for article, ann in sorted(by_article.items()):
        text = _article_text(article, text_dirs)
        spans, events = _brat_spans(ann)
        for event in events:
            content = spans.get(event.get("Content", ""))
            if content is None:
                continue
            source = spans.get(event.get("Source", ""), ("", [], ""))
            cue = spans.get(event.get("Cue", ""), ("", [], ""))[2]
            gold.append({
                "article": article, "content": content[2], "speaker": source[2], "speaker_aliases": [],
                "affiliation": None, "cue": cue, "type": _fragments_type(content[1], content[2], text),
                "stance": None, "required": bool(source[2].strip()) and is_speech_cue(cue),
                "speaker_match": MENTION_OVERLAP,
                "source_offsets": f"{source[1][0][0]} {source[1][-1][1]}" if source[1] else None,
            })
    return gold


def _article_of_ann(ann: Path, stems: set[str], text_dirs: list[Path]) -> str:
    """The article an .ann belongs to: its stem, or the stem without an ``_<annotator>`` suffix
    when that names an article text or several files share it."""
    stem, base = ann.stem, ann.stem.rsplit("_", 1)[0]
    if "_" not in stem or any((d / f"{stem}.txt").is_file() for d in text_dirs):
        return stem
    if any((d / f"{base}.txt").is_file() for d in text_dirs) or \
            sum(s.rsplit("_", 1)[0] == base for s in stems) > 1:
        return base
    return stem


def _article_text(article: str, text_dirs: list[Path]) -> str:
    for folder in text_dirs:
        if (folder / f"{article}.txt").is_file():
            return (folder / f"{article}.txt").read_bytes().decode("utf-8")  # offsets count \r too
    return ""


# --- matching and scoring ---------------------------------------------------

def article_key(source: str) -> str:
    """Gold names an article by its file stem; rows of multi-article files keep ``#N``."""
    return source if "#" in source else Path(source).stem


def match_article(pred_contents: list[str], gold_contents: list[str]) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairs (prediction, gold, dice) with dice ≥ 0.5."""
    pred_tokens = [Counter(word_tokens(c)) for c in pred_contents]
    gold_tokens = [Counter(word_tokens(c)) for c in gold_contents]
    candidates = sorted(
        ((dice(p, g), i, j) for i, p in enumerate(pred_tokens) for j, g in enumerate(gold_tokens)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_p, used_g, pairs = set(), set(), []
    for score, i, j in candidates:
        if score < MATCH_THRESHOLD:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j, score))
    return pairs


def _content_words(name: str | None) -> set[str]:
    return set(word_tokens(name)) - _FUNCTION_WORDS


def speaker_correct(pred: dict, gold: dict) -> tuple[bool, bool | None]:
    """(speaker correct, full name correct); full name is None where gold does not resolve speakers."""
    if gold.get("speaker_match") == MENTION_OVERLAP:
        mention = pred.get("speaker_mention") or pred.get("speaker")
        return bool(_content_words(mention) & _content_words(gold.get("speaker"))), None
    predicted = fold_name(pred.get("speaker"))
    full = fold_name(gold.get("speaker"))
    names = {full} | {fold_name(a) for a in gold.get("speaker_aliases") or []}
    return bool(predicted) and predicted in names, bool(predicted) and predicted == full


def f1_by_label(truth, predicted, labels) -> dict[str, float]:
    """F1 of each of *labels* over paired true and predicted labels (0 for a label neither side holds)."""
    pairs = list(zip(truth, predicted, strict=True))
    scores = {}
    for label in labels:
        tp = sum(1 for t, p in pairs if t == label and p == label)
        wrong = sum(1 for t, p in pairs if (t == label) != (p == label))
        scores[label] = 2 * tp / (2 * tp + wrong) if tp or wrong else 0.0
    return scores


def macro_f1(truth, predicted, labels) -> float | None:
    """The mean F1 over *labels*, a set the caller names because it changes the figure: evaluate
    scores the stances either side holds, cross-validation those the truth holds. None without
    rows or labels. The one macro-F1 of the project."""
    scores = f1_by_label(truth, predicted, labels)
    return sum(scores.values()) / len(scores) if scores and len(truth) else None


def _source_key(gold: dict) -> tuple[str, int, int] | None:
    """(article, start, end) of a gold claim's source span, when the gold gives it."""
    offsets = str(gold.get("source_offsets") or "").split()
    if len(offsets) < 2 or not all(o.lstrip("-").isdigit() for o in offsets[:2]):
        return None
    return gold["article"], int(offsets[0]), int(offsets[1])


def resolved_correct(pred: dict, names: tuple[str, ...]) -> bool:
    """The predicted speaker is the gold's resolved speaker or an alias, folded; a gold
    ``unresolved`` wants the prediction to say it is unresolved."""
    if fold_name(names[0]) == UNRESOLVED:
        return pred.get("resolution") == UNRESOLVED
    predicted = fold_name(pred.get("speaker"))
    return bool(predicted) and predicted in {fold_name(n) for n in names}


def parse_spans(value: object, start: object = None, end: object = None) -> list[tuple[int, int]]:
    """Content fragments from a claims ``spans`` value ("12-40;55-80"); (start, end) when it is empty."""
    text = _none_if_missing(value)
    if text:
        return [(int(a), int(b)) for a, b in (part.split("-") for part in str(text).split(";"))]
    start, end = _none_if_missing(start), _none_if_missing(end)
    return [] if start is None or end is None else [(int(start), int(end))]


def _overlaps(fragments: list[tuple[int, int]], start: object, end: object) -> bool:
    start, end = _none_if_missing(start), _none_if_missing(end)
    if start is None or end is None or int(start) < 0 or int(end) <= int(start):
        return False
    return any(s < int(end) and int(start) < e for s, e in fragments)


def self_overlaps(claims: pd.DataFrame) -> list[dict]:
    """Claims whose content (its fragments, by offsets) overlaps its own speaker or cue span:
    content that holds its own attribution."""
    out = []
    for row in claims.to_dict("records"):
        fragments = parse_spans(row.get("spans"), row.get("start_char"), row.get("end_char"))
        parts = [name for name, lo, hi in (("speaker", row.get("speaker_start_char"), row.get("speaker_end_char")),
                                            ("cue", row.get("cue_start_char"), row.get("cue_end_char")))
                 if _overlaps(fragments, lo, hi)]
        if parts:
            out.append({"article": str(row.get("_article") or row.get("article_id")), "overlaps": "+".join(parts),
                        "content": _snippet(row.get("content")), "speaker": row.get("speaker_mention")})
    return out


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _snippet(text: object, width: int = 100) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _none_if_missing(value: object) -> object:
    return None if value is None or (isinstance(value, float) and value != value) else value


def score_claims(claims: pd.DataFrame, articles: pd.DataFrame, gold: list[dict],
                 resolved: dict[tuple[str, int, int], tuple[str, ...]] | None = None) -> dict:
    """Claims P/R/F1, recall by type, speaker, full-name and type accuracy, stance macro-F1, and with
    *resolved* (``read_resolved_speakers``) the resolved-speaker accuracy on the gold it covers."""
    stem_of = {aid: article_key(src) for aid, src in zip(articles["article_id"], articles["source"])}
    by_article: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_article[g["article"]].append(g)
    processed = set(stem_of.values())
    scored = sorted(set(by_article) & processed)
    columns = ["content", "speaker", "speaker_mention", "claim_type", "stance", "resolution"]
    preds = claims.assign(_article=claims["article_id"].map(stem_of))
    preds = preds[preds["_article"].isin(scored)]
    pred_by_article = {a: rows.reindex(columns=columns).map(_none_if_missing).to_dict("records")
                       for a, rows in preds.groupby("_article", sort=False)}
    n = Counter()
    per_article: dict[str, dict[str, int]] = {}
    type_total, type_hit = Counter(), Counter()
    stance_truth: list[str] = []
    stance_predicted: list[str] = []
    misses, wrong_speakers, false_positives, wrong_resolved = [], [], [], []
    resolved = resolved or {}
    resolved_articles = {a for a, _, _ in resolved}
    for article in scored:
        golds, pred = by_article[article], pred_by_article.get(article, [])
        pairs = match_article([p["content"] for p in pred], [g["content"] for g in golds])
        matched_pred, matched_gold = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
        for i, j, score in pairs:
            g, p = golds[j], pred[i]
            if g.get("stance") in STANCES:
                stance_truth.append(g["stance"])
                stance_predicted.append(str(p.get("stance")))
            if not g.get("required", True):
                n["matched_optional"] += 1
                continue
            n["matched"] += 1
            type_hit[g.get("type")] += 1
            ok, full = speaker_correct(p, g)
            n["speaker_ok"] += ok
            if full is not None:
                n["full_n"] += 1
                n["full_ok"] += full
            if g.get("type") in CLAIM_TYPES:
                n["type_n"] += 1
                n["type_ok"] += p.get("claim_type") == g["type"]
            names = resolved.get(_source_key(g)) if article in resolved_articles else None
            if names is not None:
                n["resolved_n"] += 1
                if resolved_correct(p, names):
                    n["resolved_ok"] += 1
                else:
                    wrong_resolved.append({"article": article, "content": _snippet(g["content"], 60),
                                           "gold_resolved": names[0], "predicted_speaker": p.get("speaker"),
                                           "predicted_mention": p.get("speaker_mention"),
                                           "resolution": p.get("resolution")})
            if not ok:
                wrong_speakers.append({"article": article, "content": _snippet(g["content"]), "dice": round(score, 2),
                                       "gold_speaker": g.get("speaker"), "predicted_speaker": p.get("speaker"),
                                       "predicted_mention": p.get("speaker_mention")})
        for j, g in enumerate(golds):
            if g.get("required", True):
                type_total[g.get("type")] += 1
                if j not in matched_gold:
                    misses.append({"article": article, "content": _snippet(g["content"]), "type": g.get("type"),
                                   "gold_speaker": g.get("speaker"), "cue": g.get("cue")})
        for i, p in enumerate(pred):
            if i not in matched_pred:
                false_positives.append({"article": article, "content": _snippet(p["content"]),
                                        "predicted_speaker": p.get("speaker"), "claim_type": p.get("claim_type")})
        per_article[article] = {
            "required": sum(1 for g in golds if g.get("required", True)), "predicted": len(pred),
            "matched": sum(1 for _, j, _ in pairs if golds[j].get("required", True)),
            "false_positives": len(pred) - len(matched_pred),
        }
    required = sum(type_total.values())
    precision = _ratio(n["matched"], n["matched"] + len(false_positives))
    recall = _ratio(n["matched"], required)
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {
        "articles": len(scored), "gold_articles_not_processed": sorted(set(by_article) - processed),
        "required": required, "optional": sum(1 for a in scored for g in by_article[a] if not g.get("required", True)),
        "predicted": len(preds), "matched": n["matched"], "matched_optional": n["matched_optional"],
        "false_positives": len(false_positives), "precision": precision, "recall": recall, "f1": f1,
        "recall_by_type": {t: _ratio(type_hit[t], type_total[t]) for t in CLAIM_TYPES if type_total[t]},
        "required_by_type": {t: type_total[t] for t in CLAIM_TYPES if type_total[t]},
        "speaker_accuracy": _ratio(n["speaker_ok"], n["matched"]),
        "full_name_accuracy": _ratio(n["full_ok"], n["full_n"]),
        "type_accuracy": _ratio(n["type_ok"], n["type_n"]),
        "resolved_speaker_accuracy": _ratio(n["resolved_ok"], n["resolved_n"]), "resolved_n": n["resolved_n"],
        "resolved_articles": len(resolved_articles & set(scored)),
        "self_overlaps": self_overlaps(preds),
        "stance_macro_f1": macro_f1(stance_truth, stance_predicted,
                                    [s for s in STANCES if s in stance_truth or s in stance_predicted]),
        "stance_n": len(stance_truth),
        "per_article": per_article,
        "misses": misses, "wrong_speakers": wrong_speakers, "false_positive_claims": false_positives,
        "wrong_resolved_speakers": wrong_resolved,
    }


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def score_entities(entities: pd.DataFrame, articles: pd.DataFrame, gold: dict) -> dict:
    """Recall of required canonical entities, alias fragmentation and forbidden hits.

    A forbidden hit is an entity row whose text, as folded words, equals a
    forbidden string or contains a forbidden string of two words or more:
    "EPA-EFE/JUSTIN LANE" hits "JUSTIN LANE", but "Business Software Alliance"
    does not hit "Business". A row counts once, however many strings it holds.
    """
    id_of = {article_key(src): aid for aid, src in zip(articles["article_id"], articles["source"])}
    found = total = 0
    missed, fragmented, forbidden = [], [], []
    for article, spec in sorted(gold.items()):
        aid = id_of.get(article)
        if aid is None:
            continue
        ents = entities[entities["article_id"] == aid]
        folded_text = [fold_name(t) for t in ents["text"]]
        folded_canon = [fold_name(c) for c in ents["canonical"]]
        canon = set(folded_canon)
        for req in spec.get("required", []):
            total += 1
            names = {fold_name(req["canonical"])} | {fold_name(a) for a in req.get("aliases", [])}
            if canon & names:
                found += 1
            else:
                missed.append({"article": article, "entity": req["canonical"]})
            got = {c for t, c in zip(folded_text, folded_canon) if t in names}
            if len(got) > 1:
                fragmented.append({"article": article, "entity": req["canonical"],
                                   "canonicals": sorted({c for t, c in zip(ents["text"], ents["canonical"])
                                                         if fold_name(t) in names})})
        bad = [(b, word_tokens(b)) for b in spec.get("forbidden", [])]
        for text in ents["text"]:
            tokens = word_tokens(text)
            hit = [b for b, b_tokens in bad
                   if tokens == b_tokens or (len(b_tokens) > 1 and _contains(tokens, b_tokens))]
            if hit:
                forbidden.append({"article": article, "entity_text": text, "forbidden": hit})
    return {"articles": sum(a in id_of for a in gold), "required": total, "found": found,
            "recall": _ratio(found, total), "fragmented": len(fragmented),
            "forbidden_hits": len(forbidden),
            "missed_entities": missed, "fragmented_entities": fragmented, "forbidden_entities": forbidden}


def read_processed(processed_dir: Path) -> dict[str, pd.DataFrame]:
    """The columns the scorer needs from the three tables; missing optional columns read as null.

    Only these columns are required, so another system's output written as
    Parquet with them can be scored the same way.
    """
    tables = {}
    for name, needed in NEEDED_COLUMNS.items():
        path = Path(processed_dir) / name  # a folder of parts; the single file of older versions below
        if not path.is_dir():
            path = path.with_name(f"{name}.parquet")
        if not path.exists():
            raise FileNotFoundError(f"{path} does not exist: run `newsclaims run <batch> --out {processed_dir}` first")
        table = pd.read_parquet(path)
        missing = [c for c in needed if c not in table.columns]
        if missing:
            raise ValueError(f"{path} lacks the column(s) {', '.join(missing)}")
        tables[name] = table.reindex(columns=list(dict.fromkeys([*needed, *OPTIONAL_COLUMNS.get(name, ())])))
    return tables


def evaluate(processed_dir: Path, gold_claims: list[dict], gold_entities: dict | None = None,
             batch: str | None = None,
             resolved: dict[tuple[str, int, int], tuple[str, ...]] | None = None) -> dict:
    """Score the tables of *processed_dir* (only *batch*'s articles, when named) against gold
    claims, gold entities and resolved-speaker gold when given."""
    tables = read_processed(Path(processed_dir))
    articles = tables["articles"]
    if batch is not None:
        articles = articles[articles["batch"] == batch]
        if articles.empty:
            known = sorted(str(b) for b in tables["articles"]["batch"].dropna().unique())
            raise ValueError(f"{processed_dir} has no article of batch {batch!r} (batches: {', '.join(known)})")
    stems = articles["source"].map(article_key)
    report = {"processed_dir": str(processed_dir), "batch": batch,
              "ambiguous_articles": sorted(set(stems[stems.duplicated()])),
              "claims": score_claims(tables["claims"], articles, gold_claims, resolved)}
    if gold_entities is not None:
        report["entities"] = score_entities(tables["entities"], articles, gold_entities)
    return report


# --- report -----------------------------------------------------------------

def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _error_lines(title: str, rows: list[dict], limit: int) -> list[str]:
    if not rows or not limit:
        return []
    lines = [f"{title} ({len(rows)}{', first ' + str(limit) if len(rows) > limit else ''}):"]
    for row in rows[:limit]:
        detail = "; ".join(f"{k}={v}" for k, v in row.items() if k != "article" and v not in (None, "", []))
        lines.append(f"  {row['article'][:40]}: {detail}")
    return lines


def format_report(report: dict, show_errors: int = 20) -> str:
    """The report as the text ``newsclaims evaluate`` prints, with up to *show_errors* cases per kind."""
    c = report["claims"]
    lines = [
        f"claims   articles {c['articles']}  required {c['required']} (+{c['optional']} optional)"
        f"  predicted {c['predicted']}  matched {c['matched']}  false positives {c['false_positives']}",
        f"         precision {_fmt(c['precision'])}  recall {_fmt(c['recall'])}  F1 {_fmt(c['f1'])}",
        "         recall by type: " + ", ".join(
            f"{t} {_fmt(v)} of {c['required_by_type'][t]}" for t, v in c["recall_by_type"].items()),
        f"         speaker accuracy {_fmt(c['speaker_accuracy'])}  full name {_fmt(c['full_name_accuracy'])}"
        f"  type accuracy {_fmt(c['type_accuracy'])}",
        f"stance   macro-F1 {_fmt(c['stance_macro_f1'])} over {c['stance_n']} matched claims with a gold stance",
        f"offsets  {len(c['self_overlaps'])} claims whose content overlaps their own speaker or cue",
    ]
    if c["resolved_n"]:
        lines.insert(4, f"         resolved speaker {_fmt(c['resolved_speaker_accuracy'])} over {c['resolved_n']}"
                        f" matched claims of {c['resolved_articles']} articles")
    if report.get("ambiguous_articles"):
        lines.append(f"warning: {len(report['ambiguous_articles'])} file stems name several processed articles "
                     "(their claims are pooled); score one batch with --batch")
    if c["gold_articles_not_processed"]:
        lines.append(f"warning: {len(c['gold_articles_not_processed'])} gold articles are not in the processed "
                     "tables and were not scored")
    if "entities" in report:
        e = report["entities"]
        lines.append(f"entities recall {_fmt(e['recall'])} ({e['found']} of {e['required']})"
                     f"  fragmented {e['fragmented']}  forbidden hits {e['forbidden_hits']}")
    lines += _error_lines("missed claims", c["misses"], show_errors)
    lines += _error_lines("wrong speakers", c["wrong_speakers"], show_errors)
    lines += _error_lines("false positives", c["false_positive_claims"], show_errors)
    lines += _error_lines("wrong resolved speakers", c["wrong_resolved_speakers"], show_errors)
    lines += _error_lines("content overlapping its own speaker or cue", c["self_overlaps"], show_errors)
    if "entities" in report:
        e = report["entities"]
        lines += _error_lines("missed entities", e["missed_entities"], show_errors)
        lines += _error_lines("fragmented entities", e["fragmented_entities"], show_errors)
        lines += _error_lines("forbidden entities", e["forbidden_entities"], show_errors)
    return "\n".join(lines)
