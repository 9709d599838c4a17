"""Publication-date accuracy of the HTML reader on the pubdate-dev set, and its speed."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from brief.core.ingest import read_bytes
from brief.core.model import as_date

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "pubdate-dev"
"""The development half of htmldate's evaluation set (read in place, never copied)."""


def _gold_day(entry: object) -> str | None:
    """The gold date of a page as YYYY-MM-DD, or None when the set gives none ("nan")."""
    if not isinstance(entry, dict):
        return None
    value = entry.get("date")
    if not isinstance(value, str) or len(value) < 10 or not value[:4].isdigit():
        return None
    return value[:10]


def measure(limit: int | None = None, root: Path = EVAL, verbose: bool = False) -> dict[str, float]:
    """Accuracy (right / all) and pages per second of `read_bytes` on the pubdate set.

    A page is right when the published day equals the gold day; no date counts as wrong,
    except on the few pages whose gold has no date, where giving none is right.
    """
    gold: dict[str, object] = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    names = sorted(gold)[:limit] if limit else sorted(gold)
    pages = [(name, (root / "html" / name).read_bytes()) for name in names]
    right = dated = 0
    started = time.perf_counter()
    results: list[tuple[str, str | None]] = []
    for name, data in pages:
        got = read_bytes(data, root / "html" / name)
        published = None if isinstance(got, str) else got[0].published
        results.append((name, None if published is None else as_date(published).isoformat()))
    elapsed = time.perf_counter() - started
    for name, day in results:
        want = _gold_day(gold[name])
        dated += day is not None
        if day == want:
            right += 1
        elif verbose:
            print(f"  {name}: gold {want}, got {day}")
    count = len(pages)
    return {
        "pages": float(count),
        "accuracy": right / count if count else 0.0,
        "dated": dated / count if count else 0.0,
        "pages_per_s": count / elapsed if elapsed else 0.0,
    }


def main() -> None:
    """Print the accuracy and speed on the pubdate-dev set."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="read only the first N pages")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the wrong pages")
    args = parser.parse_args()
    result = measure(args.limit, verbose=args.verbose)
    print(
        f"pubdate-dev: pages {result['pages']:.0f}  accuracy {result['accuracy']:.3f}"
        f"  dated {result['dated']:.3f}  {result['pages_per_s']:.1f} pages/s"
    )


if __name__ == "__main__":
    main()
