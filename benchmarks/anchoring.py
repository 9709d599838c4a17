"""Anchoring figures: re-attachment rates over random cases, and re-anchoring time on 1 MB."""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_annotations_cases import (  # type: ignore[import-not-found, unused-ignore]
    KINDS,
    SHOULD_ATTACH,
    cases,
    make_text,
    sentence,
    tally,
)

from brief.core.annotations.anchoring import anchor, selectors_for
from brief.core.annotations.model import AnchorStatus

SEED = 20240501
PER_KIND = 600
"""Cases of each kind: 3,000 in all."""


def rates() -> None:
    """Print the outcome of every kind of change, over a deterministic random set."""
    started = time.perf_counter()
    results = tally(cases(SEED, PER_KIND, chars=3000))
    elapsed = time.perf_counter() - started
    total_cases = sum(sum(c.values()) for c in results.values())
    print(f"Re-attachment over {total_cases} cases (seed {SEED}, texts of ~3,000 characters)")
    print(f"{'change':<20}{'right':>9}{'ambiguous':>11}{'orphan':>9}{'WRONG':>8}")
    for kind in KINDS:
        counts = results[kind]
        n = sum(counts.values())
        row = [counts[k] / n for k in ("right", "unsure", "orphan", "wrong")]
        print(
            f"{kind:<20}" + "".join(f"{v:>{w}.1%}" for v, w in zip(row, (9, 11, 9, 8), strict=True))
        )
    attach = sum(results[k]["right"] for k in SHOULD_ATTACH)
    attach_n = sum(sum(results[k].values()) for k in SHOULD_ATTACH)
    wrong = sum(results[k]["wrong"] for k in KINDS)
    gone = results["deleted"]
    print(f"should re-attach: {attach / attach_n:.2%} right ({attach}/{attach_n})")
    print(f"passage deleted: {gone['orphan'] / sum(gone.values()):.2%} orphan")
    print(f"confidently attached to a wrong passage: {wrong} of {total_cases}")
    print(f"({elapsed:.1f} s for all cases, {1000 * elapsed / total_cases:.2f} ms each)")


def big_text_timing() -> None:
    """Time re-anchoring 1,000 annotations on a 1 MB text after it was edited throughout."""
    rng = random.Random(SEED)
    old = make_text(rng, 1_000_000)
    selectors = []
    for _ in range(1000):
        start = rng.randrange(0, len(old) - 400)
        start = old.find(" ", start) + 1
        end = old.find(" ", start + rng.randint(20, 300))
        selectors.append(selectors_for(old, start, end))
    paragraphs = old.split("\n\n")
    edited: list[str] = []
    for paragraph in paragraphs:
        roll = rng.random()
        if roll < 0.02:
            continue  # paragraph cut: its highlights become orphans
        if roll < 0.10:
            edited.append(" ".join(sentence(rng) for _ in range(3)))  # paragraph added before
        if roll < 0.20:  # a few typos in the paragraph
            chars = list(paragraph)
            for _ in range(rng.randint(1, 3)):
                chars[rng.randrange(len(chars))] = rng.choice("abcdefghij")
            paragraph = "".join(chars)
        edited.append(paragraph)
    new = "\n\n".join(edited)
    for label, text in (("unchanged", old), ("edited throughout", new)):
        started = time.perf_counter()
        statuses = Counter(anchor(text, q, p, len(old)).status for q, p in selectors)
        elapsed = time.perf_counter() - started
        shown = ", ".join(f"{statuses[s]} {s.value}" for s in AnchorStatus if statuses[s])
        print(f"1,000 annotations on {len(text) / 1e6:.2f} MB, {label}: {elapsed:.2f} s ({shown})")


if __name__ == "__main__":
    rates()
    print()
    big_text_timing()
