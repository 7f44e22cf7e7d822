"""Score processed tables against gold annotations, with the rules of docs/evaluation.md.

Gold comes as our JSONL (one claim a line) or as brat standoff attribution
corpora (PARC / PolNeAR layout: ``.txt`` beside ``.ann`` with Source, Cue and
Content spans joined by an Attribution event).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from pipeline.text import fold_name, strip_accents

STANCES = ("supportive", "opposed", "neutral")
CLAIM_TYPES = ("direct", "indirect", "mixed")
MATCH_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


def word_tokens(text: str) -> Counter:
    """Casefolded, accent-stripped word tokens without punctuation, as a multiset."""
    return Counter(_WORD.findall(strip_accents(text or "").casefold().replace("_", " ")))


def dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def read_gold_jsonl(path: Path) -> list[dict]:
    gold = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                gold.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON object ({exc.msg})") from exc
    return gold


def read_gold_entities(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _ann_article(path: Path) -> str:
    """``<article>_<annotator>.ann`` → article stem (the annotator suffix has no underscore)."""
    stem = path.stem
    return stem.rsplit("_", 1)[0] if "_" in stem else stem


def read_brat(ann_dir: Path) -> list[dict]:
    """Attributions of a brat corpus as gold claims (one annotator file per article)."""
    gold: list[dict] = []
    seen: set[str] = set()
    for ann in sorted(Path(ann_dir).glob("*.ann")):
        article = _ann_article(ann)
        if article in seen:
            continue
        seen.add(article)
        spans: dict[str, tuple[str, str]] = {}
        events: list[dict[str, str]] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 3:
                spans[parts[0]] = (parts[1].split(" ")[0], parts[2])
            elif line.startswith("E") and len(parts) >= 2:
                events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
        for event in events:
            content = spans.get(event.get("Content", ""), ("", ""))[1]
            if not content:
                continue
            source = spans.get(event.get("Source", ""), ("", ""))[1]
            cue = spans.get(event.get("Cue", ""), ("", ""))[1]
            gold.append({
                "article": article, "content": content, "speaker": source, "speaker_aliases": [],
                "cue": cue, "type": None, "stance": None, "required": bool(source),
                "speaker_match": "mention_overlap",
            })
    return gold


def article_key(source: str) -> str:
    """Gold names an article by its file stem; rows of multi-article files keep ``#N``."""
    return source if "#" in source else Path(source).stem


def _speaker_ok(pred: pd.Series, gold: dict) -> tuple[bool, bool]:
    """(speaker correct, full-name correct) for one matched pair."""
    if gold.get("speaker_match") == "mention_overlap":
        words = set(word_tokens(str(pred.get("speaker_mention") or "")))
        words |= set(word_tokens(str(pred.get("speaker") or "")))
        ok = bool(words & set(word_tokens(gold.get("speaker") or "")))
        return ok, ok
    predicted = fold_name(pred.get("speaker"))
    names = {fold_name(gold.get("speaker"))} | {fold_name(a) for a in gold.get("speaker_aliases") or []}
    return predicted in names, predicted == fold_name(gold.get("speaker"))


def match_article(pred: pd.DataFrame, gold: list[dict]) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairs (pred row, gold index, dice) with dice ≥ 0.5."""
    pred_tokens = [word_tokens(c) for c in pred["content"]]
    gold_tokens = [word_tokens(g["content"]) for g in gold]
    candidates = sorted(
        ((dice(p, g), i, j) for i, p in enumerate(pred_tokens) for j, g in enumerate(gold_tokens)),
        reverse=True,
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


def macro_f1(pairs: list[tuple[str, str]], labels=STANCES) -> float | None:
    if not pairs:
        return None
    scores = []
    for label in labels:
        tp = sum(1 for p, g in pairs if p == label and g == label)
        fp = sum(1 for p, g in pairs if p == label and g != label)
        fn = sum(1 for p, g in pairs if p != label and g == label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(scores) / len(scores)


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def score_claims(claims: pd.DataFrame, articles: pd.DataFrame, gold: list[dict]) -> dict:
    """Claims P/R/F1, recall by type, speaker, full-name and type accuracy, stance macro-F1."""
    stem_of = {aid: article_key(src) for aid, src in zip(articles["article_id"], articles["source"])}
    by_article: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_article[g["article"]].append(g)
    claims = claims.assign(_article=claims["article_id"].map(stem_of))
    scored_articles = set(by_article) & set(stem_of.values())
    matched_req = unmatched = 0
    type_total, type_hit = Counter(), Counter()
    speaker_ok = full_ok = type_ok = 0
    stance_pairs: list[tuple[str, str]] = []
    misses, false_positives = [], []
    for article in sorted(scored_articles):
        pred = claims[claims["_article"] == article].reset_index(drop=True)
        golds = by_article[article]
        pairs = match_article(pred, golds)
        matched_pred = {i for i, _, _ in pairs}
        matched_gold = {j for _, j, _ in pairs}
        for i, j, _ in pairs:
            g, p = golds[j], pred.iloc[i]
            if g.get("stance") in STANCES:
                stance_pairs.append((str(p.get("stance")), g["stance"]))
            if not g.get("required", True):
                continue
            matched_req += 1
            type_hit[g.get("type")] += 1
            ok, full = _speaker_ok(p, g)
            speaker_ok += ok
            full_ok += full
            type_ok += p.get("claim_type") == g.get("type")
            if not ok:
                misses.append({"article": article, "kind": "wrong speaker", "content": g["content"][:100],
                               "gold": g.get("speaker"), "predicted": p.get("speaker")})
        for j, g in enumerate(golds):
            if g.get("required", True):
                type_total[g.get("type")] += 1
                if j not in matched_gold:
                    misses.append({"article": article, "kind": "missed", "content": g["content"][:100],
                                   "gold": g.get("speaker"), "predicted": None})
        for i in range(len(pred)):
            if i not in matched_pred:
                unmatched += 1
                false_positives.append({"article": article, "kind": "false positive",
                                        "content": str(pred.iloc[i]["content"])[:100], "gold": None,
                                        "predicted": pred.iloc[i]["speaker"]})
    n_required = sum(type_total.values())
    precision = _ratio(matched_req, matched_req + unmatched)
    recall = _ratio(matched_req, n_required)
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {
        "articles": len(scored_articles), "required": n_required, "predicted": int(claims["_article"].isin(scored_articles).sum()),
        "matched": matched_req, "precision": precision, "recall": recall, "f1": f1,
        "recall_by_type": {t: _ratio(type_hit[t], type_total[t]) for t in CLAIM_TYPES if type_total[t]},
        "speaker_accuracy": _ratio(speaker_ok, matched_req), "full_name_accuracy": _ratio(full_ok, matched_req),
        "type_accuracy": _ratio(type_ok, matched_req) if any(type_total[t] for t in CLAIM_TYPES) else None,
        "stance_macro_f1": macro_f1(stance_pairs), "stance_n": len(stance_pairs),
        "errors": misses + false_positives,
    }


def score_entities(entities: pd.DataFrame, articles: pd.DataFrame, gold: dict) -> dict:
    """Recall of required canonical entities, alias fragmentation and forbidden hits."""
    id_of = {article_key(src): aid for aid, src in zip(articles["article_id"], articles["source"])}
    found = total = fragmented = forbidden = 0
    problems = []
    for article, spec in gold.items():
        aid = id_of.get(article)
        if aid is None:
            continue
        ents = entities[entities["article_id"] == aid]
        canon = {fold_name(c) for c in ents["canonical"]}
        for req in spec.get("required", []):
            total += 1
            names = {fold_name(req["canonical"])} | {fold_name(a) for a in req.get("aliases", [])}
            if canon & names:
                found += 1
            else:
                problems.append({"article": article, "kind": "missed entity", "entity": req["canonical"]})
            forms = {fold_name(a) for a in req.get("aliases", [])} | {fold_name(req["canonical"])}
            mentions = ents[ents["text"].map(fold_name).isin(forms)]
            if mentions["canonical"].map(fold_name).nunique() > 1:
                fragmented += 1
                problems.append({"article": article, "kind": "fragmented", "entity": req["canonical"],
                                 "canonicals": sorted(set(mentions["canonical"]))})
        for bad in spec.get("forbidden", []):
            hits = ents[ents["text"].map(fold_name) == fold_name(bad)]
            forbidden += len(hits)
            if len(hits):
                problems.append({"article": article, "kind": "forbidden", "entity": bad})
    return {"required": total, "recall": _ratio(found, total), "fragmented": fragmented,
            "forbidden_hits": forbidden, "errors": problems}


def evaluate(processed_dir: Path, gold_claims: list[dict], gold_entities: dict | None = None) -> dict:
    """Score the tables of *processed_dir*; the report is plain data (JSON-able)."""
    from pipeline.store import read_table

    articles = read_table(processed_dir, "articles")
    if articles.empty:
        raise FileNotFoundError(f"{processed_dir} holds no articles table: run `newsclaims run` first")
    report = {"claims": score_claims(read_table(processed_dir, "claims"), articles, gold_claims)}
    if gold_entities is not None:
        report["entities"] = score_entities(read_table(processed_dir, "entities"), articles, gold_entities)
    return report


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def format_report(report: dict, show_errors: int = 20) -> str:
    c = report["claims"]
    lines = [
        f"claims  articles {c['articles']}  required {c['required']}  predicted {c['predicted']}  matched {c['matched']}",
        f"        precision {_fmt(c['precision'])}  recall {_fmt(c['recall'])}  F1 {_fmt(c['f1'])}",
        "        recall by type: " + ", ".join(f"{t} {_fmt(v)}" for t, v in c["recall_by_type"].items()),
        f"        speaker accuracy {_fmt(c['speaker_accuracy'])}  full name {_fmt(c['full_name_accuracy'])}"
        f"  type accuracy {_fmt(c['type_accuracy'])}",
        f"stance  macro-F1 {_fmt(c['stance_macro_f1'])} over {c['stance_n']} matched claims with a gold stance",
    ]
    errors = list(c["errors"])
    if "entities" in report:
        e = report["entities"]
        lines.append(f"entities recall {_fmt(e['recall'])} of {e['required']}  fragmented {e['fragmented']}"
                     f"  forbidden hits {e['forbidden_hits']}")
        errors += e["errors"]
    if show_errors and errors:
        lines.append(f"first {min(show_errors, len(errors))} of {len(errors)} problems:")
        for err in errors[:show_errors]:
            detail = {k: v for k, v in err.items() if k not in ("article", "kind") and v is not None}
            lines.append(f"  [{err['kind']}] {err['article'][:24]}: " + "; ".join(f"{k}={v}" for k, v in detail.items()))
    return "\n".join(lines)
