"""Benchmark of the timeline core on TempEval-3 platinum: span P/R/F1, value accuracy, speed.

Each article goes through brief's ordinary JSON ingest path, dated by its DCT; gold TIMEX3
spans are mapped into the cleaned body by text alignment. Run: uv run python benchmarks/timeline.py
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Indel

from brief.core.loader import load_paths
from brief.core.model import Source
from brief.core.timeline import Event, extract, find_mentions

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "timex-dev" / "te3-platinum"
CONCRETE = re.compile(
    r"\d{2,3}|\d{4}(?:-(?:\d{2}(?:-\d{2}(?:T(?:\d{2}(?::\d{2})*|MO|MI|AF|EV|NI|DT))?)?"
    r"|W\d{2}(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))?"
)
"""A TIMEX3 value that names a definite date (no X placeholders, no _REF, no duration)."""

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    """A gold TIMEX3 of an article: its span in the plain text, type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str

    @property
    def counted(self) -> bool:
        """True for a DATE or TIME with a concrete value: what a timeline should find."""
        return self.type in ("DATE", "TIME") and bool(CONCRETE.fullmatch(self.value))


@dataclass(frozen=True)
class Article:
    """A TimeML article: its plain text, publication date and gold expressions."""

    name: str
    dct: str
    title: str
    text: str
    gold: list[Gold]


def read_article(path: Path) -> Article:
    """An article from a TimeML file: tags stripped, gold TIMEX3 spans kept as offsets."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    title_match = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, int, dict[str, str]] | None = None
    last = 0
    for tag in _TAG.finditer(body):
        piece = _unescape(body[last : tag.start()])
        out.append(piece)
        length += len(piece)
        last = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            if open_timex is not None:
                start, first_piece, attrs = open_timex
                text = "".join(out[first_piece:])
                gold.append(Gold(start, length, attrs["type"], attrs["value"], text))
            open_timex = None
        else:
            open_timex = (length, len(out), dict(_ATTR.findall(tag.group(3))))
    out.append(_unescape(body[last:]))
    return Article(
        name=path.stem,
        dct=dct_match.group(1) if dct_match else "",
        title=_unescape(title_match.group(1)).strip() if title_match else path.stem,
        text="".join(out),
        gold=gold,
    )


def _unescape(text: str) -> str:
    """XML entities of TimeML text to characters."""
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def align(plain: str, body: str) -> list[int]:
    """For each offset of `plain`, the matching offset in `body` (-1 where nothing matches).

    Whitespace is ignored; other differences are bridged by an edit-distance alignment.
    """
    plain_keep = [i for i, ch in enumerate(plain) if not ch.isspace()]
    body_keep = [i for i, ch in enumerate(body) if not ch.isspace()]
    plain_chars = "".join(plain[i] for i in plain_keep)
    body_chars = "".join(body[i] for i in body_keep)
    mapping = [-1] * (len(plain) + 1)
    if plain_chars == body_chars:
        for a, b in zip(plain_keep, body_keep, strict=True):
            mapping[a] = b
    else:
        for op in Indel.opcodes(plain_chars, body_chars):
            if op.tag == "equal":
                for k in range(op.src_end - op.src_start):
                    mapping[plain_keep[op.src_start + k]] = body_keep[op.dest_start + k]
    mapping[len(plain)] = len(body)
    return mapping


def map_span(mapping: list[int], start: int, end: int) -> tuple[int, int] | None:
    """A plain-text span moved into the body, or None when its text did not come through."""
    inside = [mapping[i] for i in range(start, end) if mapping[i] >= 0]
    if not inside:
        return None
    return min(inside), max(inside) + 1


def load_sources(articles: list[Article], folder: Path) -> tuple[dict[str, Source], list[str]]:
    """Each article written as a JSON source and read back through `load_paths`."""
    notes: list[str] = []
    for article in articles:
        record = {"title": article.title, "date": article.dct, "content": article.text}
        (folder / f"{article.name}.json").write_text(json.dumps(record), encoding="utf-8")
    library = load_paths([folder])
    by_name = {source.path.stem: source for source in library.sources}
    for skipped in library.skipped:
        notes.append(f"skipped {skipped.path.name}: {skipped.reason}")
    for article in articles:
        source = by_name.get(article.name)
        if source is None:
            continue
        if source.published is None or source.published.isoformat()[:10] != article.dct[:10]:
            notes.append(f"{article.name}: JSON date came through as {source.published}")
        got, want = source.body.split(), article.text.split()
        if got != want:
            notes.append(
                f"{article.name}: body words differ from the article's ({len(got)} vs {len(want)})"
            )
    return by_name, notes


@dataclass
class Tally:
    """Counts for span and value scores."""

    gold: int = 0
    gold_found: int = 0
    system: int = 0
    system_right: int = 0
    strict: int = 0
    values_right: int = 0

    def report(self) -> dict[str, float]:
        """Relaxed span P/R/F1, strict F1 and value accuracy and F1."""
        p = self.system_right / self.system if self.system else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        sp = self.strict / self.system if self.system else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        vp = self.values_right / self.system if self.system else 0.0
        vr = self.values_right / self.gold if self.gold else 0.0
        return {
            "precision": p,
            "recall": r,
            "f1": f1,
            "strict_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0,
            "value_accuracy": self.values_right / self.gold_found if self.gold_found else 0.0,
            "value_f1": 2 * vp * vr / (vp + vr) if vp + vr else 0.0,
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _value_matches(event: Event, gold: Gold) -> bool:
    """True when an event's value is the gold one (or one end of a range covering it)."""
    if event.value is None:
        return False
    return gold.value == event.value or gold.value in event.value.split("/")


def score(article: Article, source: Source, events: list[Event], tally: Tally, log: bool) -> None:
    """Add one article's matches to the tally (printing misses when `log`)."""
    mapping = align(article.text, source.body)
    counted: list[tuple[tuple[int, int], Gold]] = []
    ignored: list[tuple[int, int]] = []
    for gold in article.gold:
        moved = map_span(mapping, gold.start, gold.end)
        if gold.counted:
            tally.gold += 1
            if moved is None:
                if log:
                    print(f"  [lost in ingest] {gold.text!r} {gold.value}")
                continue
            counted.append((moved, gold))
        elif moved is not None:
            ignored.append(moved)
    spans = [(e, (e.start or 0, e.end or 0)) for e in events if e.start is not None]
    for event, span in spans:
        hits = [g for s, g in counted if _overlaps(s, span)]
        if not hits and any(_overlaps(s, span) for s in ignored):
            continue
        tally.system += 1
        if hits:
            tally.system_right += 1
        elif log:
            print(f"  [false] {event.phrase!r} -> {event.value}  «{event.sentence[:80]}»")
    for moved, gold in counted:
        found = [e for e, s in spans if _overlaps(s, moved)]
        if not found:
            if log:
                print(f"  [missed] {gold.text!r} {gold.value}")
            continue
        tally.gold_found += 1
        if any((e.start, e.end) == moved for e in found):
            tally.strict += 1
        if any(_value_matches(e, gold) for e in found):
            tally.values_right += 1
        elif log:
            got = ", ".join(f"{e.phrase!r}={e.value}" for e in found)
            print(f"  [value] {gold.text!r} gold {gold.value}, got {got}")


def speed(bodies: list[str], target: int = 2_000_000, runs: int = 3) -> float:
    """Extraction speed in MB of text per second (best of `runs`) on the bodies repeated."""
    joined = "\n\n".join(bodies)
    text = "\n\n".join([joined] * max(1, target // max(1, len(joined))))
    best = 0.0
    for _ in range(runs):
        find_mentions.cache_clear()
        started = time.perf_counter()
        extract(text, None)
        elapsed = time.perf_counter() - started
        best = max(best, len(text.encode("utf-8")) / 1e6 / elapsed)
    return best


def pubdate_figures() -> dict[str, float] | None:
    """The HTML publication-date benchmark's figures, when `benchmarks/pubdate.py` exists."""
    path = Path(__file__).with_name("pubdate.py")
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("brief_pubdate_benchmark", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures: dict[str, float] = module.measure(limit=None)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    parser.add_argument("--no-pubdate", action="store_true", help="skip the pubdate benchmark")
    args = parser.parse_args(argv)
    articles = [read_article(path) for path in sorted(DATA.glob("*.tml"))]
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        sources, notes = load_sources(articles, Path(folder))
    for note in notes:
        print(f"note: {note}")
    bodies: list[str] = []
    for article in articles:
        source = sources.get(article.name)
        if source is None:
            print(f"note: {article.name} did not load")
            continue
        bodies.append(source.body)
        if args.verbose:
            print(f"== {article.name} (DCT {article.dct})")
        events = extract(source.body, source.published, source.id)
        score(article, source, events, tally, args.verbose)
    figures = tally.report()
    print(
        f"articles {len(articles)}, gold DATE/TIME with a value {tally.gold}, events {tally.system}"
    )
    print(
        f"relaxed span  P {figures['precision']:.3f}  R {figures['recall']:.3f}"
        f"  F1 {figures['f1']:.3f}   (strict F1 {figures['strict_f1']:.3f})"
    )
    print(
        f"value accuracy {figures['value_accuracy']:.3f} on matched spans"
        f"   (value F1 {figures['value_f1']:.3f})"
    )
    mbps = speed(bodies)
    print(f"speed {mbps:.2f} MB/s")
    if args.no_pubdate:
        print("pubdate: skipped (--no-pubdate)")
    else:
        pub = pubdate_figures()
        if pub is None:
            print("pubdate: benchmarks/pubdate.py not there yet, skipped")
        else:
            print("pubdate: " + ", ".join(f"{k} {v:.3f}" for k, v in pub.items()))
    met = figures["f1"] >= 0.90 and figures["value_accuracy"] >= 0.85 and mbps >= 1.0
    print("targets (F1 >= 0.90, value accuracy >= 0.85, >= 1 MB/s):", "met" if met else "MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
