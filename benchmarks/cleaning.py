"""Benchmark of brief's cleaning on the article-body extraction set (AEB dev half).

Runs the same code path as `brief show` (`read_bytes`, then `source.body`) on each page in
three forms (inscriptis dumps, `w3m -dump` dumps, HTML) and prints precision, recall and F1
with the benchmark's metric (4-word shingles, precision and recall averaged over pages) and
pages per second for each form.

Usage: uv run python benchmarks/cleaning.py [--form NAME] [--out DIR] [--worst N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from brief.core.ingest import read_bytes

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
AEB = EVAL / "aeb-dev"
FORMS: dict[str, tuple[str, str]] = {
    "inscriptis": ("dumps-inscriptis", ".txt"),
    "w3m": ("dumps-w3m", ".txt"),
    "html": ("html", ".html"),
}
"""Each form's folder under the set and the files' suffix."""

_TOKEN = re.compile(r"\w+", re.UNICODE)

Shingle = tuple[str, ...]


def shingles(text: str, n: int = 4) -> Counter[Shingle]:
    """The multiset of n-token shingles of a text (the benchmark's tokens: runs of `\\w`)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def page_counts(truth: str, pred: str) -> tuple[float, float, float]:
    """True positives, false positives and false negatives of one page, summing to 1."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(a: float, b: float, same: float) -> float:
    """a / (a + b), 1 when both b and the other error are zero, 0 when undefined."""
    if b == same == 0:
        return 1.0
    return a / (a + b) if a + b else 0.0


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Precision and recall averaged over pages and the F1 of the two means."""
    counts = [page_counts(t, p) for t, p in pairs]
    precisions = [_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "pages": float(len(pairs))}


def extract(data: bytes, path: Path) -> str:
    """The cleaned body brief shows for a file's bytes (empty when it skips the file)."""
    result = read_bytes(data, path)
    if isinstance(result, str):
        return ""
    return "\n\n".join(source.body for source in result)


def run_form(
    form: str, truth: dict[str, str], out: Path | None
) -> tuple[dict[str, float], float, list[tuple[float, str]]]:
    """Scores, pages per second and per-page F1 of one form."""
    folder, suffix = FORMS[form]
    files = [(page_id, AEB / folder / f"{page_id}{suffix}") for page_id in sorted(truth)]
    blobs = [(page_id, path, path.read_bytes()) for page_id, path in files if path.exists()]
    start = time.perf_counter()
    predictions = {page_id: extract(data, path) for page_id, path, data in blobs}
    elapsed = time.perf_counter() - start
    if out is not None:
        target = out / form
        target.mkdir(parents=True, exist_ok=True)
        for page_id, text in predictions.items():
            (target / f"{page_id}.txt").write_text(text, encoding="utf-8")
    pairs = [(truth[page_id], predictions.get(page_id, "")) for page_id in sorted(truth)]
    per_page: list[tuple[float, str]] = []
    for page_id, (t, p) in zip(sorted(truth), pairs, strict=True):
        per_page.append((score([(t, p)])["f1"], page_id))
    rate = len(blobs) / elapsed if elapsed > 0 else float("inf")
    return score(pairs), rate, sorted(per_page)


def main() -> None:
    """Print the scores of every form (or the chosen ones)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form", action="append", choices=sorted(FORMS), help="forms to run")
    parser.add_argument("--out", type=Path, help="write each page's body to OUT/FORM/ID.txt")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per form")
    args = parser.parse_args()
    ground = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {page_id: item["articleBody"] for page_id, item in ground.items()}
    forms = args.form or list(FORMS)
    print(f"AEB dev: {len(truth)} pages")
    for form in forms:
        scores, rate, per_page = run_form(form, truth, args.out)
        print(
            f"{form:<11} precision {scores['precision']:.3f}  recall {scores['recall']:.3f}"
            f"  F1 {scores['f1']:.3f}  {rate:8.1f} pages/s"
        )
        for f1, page_id in per_page[: args.worst]:
            print(f"    {f1:.3f}  {page_id}")


if __name__ == "__main__":
    main()
