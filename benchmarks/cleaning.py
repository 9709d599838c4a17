"""Benchmark of brief's cleaning on the article-body extraction set (AEB dev half).

Runs the same code path as `brief show` (`read_bytes`, then `source.body`) on each page in
three forms (inscriptis dumps, `w3m -dump` dumps, HTML) and prints precision, recall and F1
with the benchmark's metric (4-word shingles, precision and recall averaged over pages) and
pages per second for each form.

Captions: brief keeps a photo caption as a CAPTION block (once, even when a dump repeats it).
The benchmark's ground truth leaves captions out (the script counts its paragraphs that end in
a photo credit: 1 of 2,235 on the dev half, a bare "(Image credit: ...)"), so CAPTION blocks are
scored as not shown by default, which scores higher (F1 +0.002 on each dump form); the figure
with captions scored as body is printed alongside (`--captions keep` makes it the main one).

Pages per second: the fastest of three passes (`--repeat N`), each from a cold start (the table of
short texts shared between pages is emptied first), as the machine may be busy with other work;
printed as wall-clock time and as the process's CPU time (on a machine shared with other work the
CPU figure is the steadier one: it leaves out the time other processes held the core).

The cleaning modules run compiled with mypyc when the build could compile them (see the README);
the first line says which, and `BRIEF_PURE_PYTHON=1` measures them as plain Python.

Usage: uv run python benchmarks/cleaning.py [--form NAME] [--out DIR] [--worst N]
       [--captions drop|keep] [--limit N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from brief.core import native
from brief.core.clean.captions import is_caption
from brief.core.clean.features import forget_shared
from brief.core.ingest import read_bytes
from brief.core.model import BlockKind, blocks_text

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
    return score_counts([page_counts(t, p) for t, p in pairs])


def score_counts(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over the pages' counts and the F1 of the two means."""
    precisions = [_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "pages": float(len(counts))}


Bodies = tuple[str, str]
"""A page's body with its captions, and without them."""


def extract(data: bytes, path: Path) -> Bodies:
    """The cleaned body brief shows for a file's bytes, with and without caption blocks (empty
    when it skips the file)."""
    result = read_bytes(data, path)
    if isinstance(result, str):
        return "", ""
    full = "\n\n".join(source.body for source in result)
    bare = "\n\n".join(
        blocks_text([b for b in source.blocks if b.kind is not BlockKind.CAPTION])
        for source in result
    )
    return full, bare


def run_form(
    form: str, truth: dict[str, str], out: Path | None, captions: bool, repeat: int = 1
) -> tuple[dict[str, float], dict[str, float], tuple[float, float], list[tuple[float, str]]]:
    """Scores (captions as chosen, then the other way), pages per second by the wall clock and
    by CPU time (each the fastest of `repeat` passes, each pass from a cold start) and per-page
    F1."""
    folder, suffix = FORMS[form]
    ids = sorted(truth)
    files = [(page_id, AEB / folder / f"{page_id}{suffix}") for page_id in ids]
    blobs = [(page_id, path, path.read_bytes()) for page_id, path in files if path.exists()]
    elapsed = cpu = float("inf")
    for _ in range(max(1, repeat)):
        # Each pass starts cold: menus measured for other pages or forms are not reused.
        forget_shared()
        start, start_cpu = time.perf_counter(), time.process_time()
        both = {page_id: extract(data, path) for page_id, path, data in blobs}
        elapsed = min(elapsed, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    chosen = 0 if captions else 1
    predictions = {page_id: bodies[chosen] for page_id, bodies in both.items()}
    others = {page_id: bodies[1 - chosen] for page_id, bodies in both.items()}
    if out is not None:
        target = out / form
        target.mkdir(parents=True, exist_ok=True)
        for page_id, text in predictions.items():
            (target / f"{page_id}.txt").write_text(text, encoding="utf-8")
    counts = [page_counts(truth[page_id], predictions.get(page_id, "")) for page_id in ids]
    per_page = sorted(
        (score_counts([page])["f1"], page_id) for page, page_id in zip(counts, ids, strict=True)
    )
    rate = len(blobs) / elapsed if elapsed > 0 else float("inf")
    cpu_rate = len(blobs) / cpu if cpu > 0 else float("inf")
    other = score([(truth[page_id], others.get(page_id, "")) for page_id in ids])
    return score_counts(counts), other, (rate, cpu_rate), per_page


def credited_paragraphs(truth: dict[str, str]) -> tuple[int, int]:
    """Paragraphs of the ground truth that end in a photo credit (captions), and all of them."""
    paragraphs = [p.strip() for body in truth.values() for p in body.split("\n") if p.strip()]
    return sum(1 for p in paragraphs if is_caption(p)), len(paragraphs)


def main() -> None:
    """Print the scores of every form (or the chosen ones)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form", action="append", choices=sorted(FORMS), help="forms to run")
    parser.add_argument("--out", type=Path, help="write each page's body to OUT/FORM/ID.txt")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per form")
    parser.add_argument(
        "--captions",
        choices=("drop", "keep"),
        default="drop",
        help="score CAPTION blocks as not shown (drop, the default) or as body (keep)",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument(
        "--repeat", type=int, default=3, help="time N passes, report the fastest (default 3)"
    )
    args = parser.parse_args()
    ground = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {page_id: item["articleBody"] for page_id, item in ground.items()}
    if args.limit:
        truth = dict(sorted(truth.items())[: args.limit])
    forms = args.form or list(FORMS)
    credited, paragraphs = credited_paragraphs(truth)
    keep = args.captions == "keep"
    print(f"AEB dev: {len(truth)} pages; the cleaning runs {native.status}")
    print(
        f"captions {'scored as body' if keep else 'left out of the body'}: the ground truth has"
        f" {credited} of {paragraphs} paragraphs ending in a photo credit, so it leaves captions"
        " out"
    )
    for form in forms:
        scores, other, (rate, cpu_rate), per_page = run_form(
            form, truth, args.out, keep, args.repeat
        )
        print(
            f"{form:<11} precision {scores['precision']:.3f}  recall {scores['recall']:.3f}"
            f"  F1 {scores['f1']:.3f}  {rate:7.1f} pages/s ({cpu_rate:.1f} by CPU time)"
            f"   (captions {'left out' if keep else 'as body'}: F1 {other['f1']:.3f})"
        )
        for f1, page_id in per_page[: args.worst]:
            print(f"    {f1:.3f}  {page_id}")


if __name__ == "__main__":
    main()
