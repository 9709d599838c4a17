"""Search benchmark: index build time, index memory and query latency on large corpora.

Builds deterministic corpora of 10,000 and 100,000 sources from the pages of the shared
evaluation sets (AEB HTML, its w3m and inscriptis dumps and ground truth, pubdate-dev HTML,
TempEval-3 articles; read in place, never copied) and the seeds. The ~570 base pages go
through brief's ingest once (cached under /tmp); the big corpora are built as `Source`
objects directly from them (running full ingest 100,000 times would take far too long), each
a seeded variant: paragraphs dropped and shuffled, ~4% of words substituted by corpus words,
one word in two paragraphs misspelt and one in five replaced by a number (so the vocabulary
grows with the corpus, as real ones do: names, figures, typos), dates, outlets
and authors varied.

Prints, per size: corpus text size, index build time, index memory (tracemalloc: bytes
allocated by the build and still live, the sources' own text excluded; and the process RSS
growth), then per-query latency (p50/p95) of a fixed query set, each query run cold (look-up
cache cleared):
- first 50 hits: `Searcher.search` streaming its first screenful (what the UI waits for);
- all hits: `Searcher.results`, the complete ranked list of every hit with its count, and
  the first 50 hits built (the rest are built as the user pages to them);
- every hit built: `Searcher.search` run to its last hit (every passage cut and
  highlighted), for comparison;
with the process's CPU time to all hits beside (wall-clock latency grows with whatever else
the machine runs: the load average is printed too). The floor is a plain lower-case
substring scan of the same text (pre-lowered, one `in` per source).

Usage: uv run python benchmarks/search.py [--sizes 10000 100000] [--reps 3] [--no-trace]
(`--sizes 100000` runs one size only)
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import pickle
import random
import re
import statistics
import time
import tracemalloc
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

from brief.core.collector import settle
from brief.core.ingest import read_bytes
from brief.core.model import Block, BlockKind, Format, PubDate, Source
from brief.core.search import Query, Searcher, SearchIndex, parse_query

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SEEDS = ROOT / "seeds"
CACHE = Path("/tmp/brief-search-bench")
SCREEN = 50
"""Hits on a first screen: the latency the UI waits for."""

QUERIES: list[tuple[str, str]] = [
    ("one word", "semiconductor"),
    ("one word", "government"),
    ("one word", "hynix"),
    ("several words", "tax credits investment"),
    ("several words", "south korea exports"),
    ("several words", "prime minister said"),
    ("typos", "semiconducter clustr"),
    ("typos", "goverment polcy"),
    ("typos", "Ahn Duk geun"),
    ("phrase", '"300 trillion won"'),
    ("phrase", '"according to the"'),
    ("filter", "chip outlet:times after:2019"),
    ("filter", "before:March 2020 election"),
    ("typing", "semic"),
    ("typing", "semiconducter clu"),
]
"""The fixed query set: (kind, query)."""
TYPED = ["semiconducter clustr", "Ahn Duk geun tax credits", "goverment polcy after:2020"]
"""Queries also timed key by key, as typed in the search screen."""


@dataclass
class Base:
    """A page read once through ingest (or from ground truth), the seed of many variants."""

    form: str
    title: str
    outlet: str | None
    author: str | None
    published: PubDate | None
    blocks: list[tuple[BlockKind, list[str]]]


def _domain(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def _ingest(
    path: Path, form: str, fallback_date: PubDate | None, outlet: str | None
) -> Base | None:
    result = read_bytes(path.read_bytes(), path)
    if isinstance(result, str) or not result:
        return None
    source = result[0]
    if not source.blocks:
        return None
    return Base(
        form,
        source.title,
        source.outlet or outlet,
        source.author,
        source.published or fallback_date,
        [(block.kind, block.text.split(" ")) for block in source.blocks],
    )


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for folder in (EVAL, SEEDS, ROOT / "brief" / "core"):
        for path in sorted(folder.rglob("*")):
            if "search" in path.parts or "__pycache__" in path.parts:
                continue
            if path.is_file() and path.suffix in (".py", ".html", ".txt", ".tml", ".json", ""):
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def load_bases() -> list[Base]:
    """The base pages, read through ingest once and cached under /tmp."""
    cached = CACHE / f"bases-{_fingerprint()}.pickle"
    if cached.exists():
        with cached.open("rb") as handle:
            bases: list[Base] = pickle.load(handle)
        return bases
    bases = []
    truth = json.loads((EVAL / "aeb-dev" / "ground-truth.json").read_text())
    gold = json.loads((EVAL / "pubdate-dev" / "gold.json").read_text())
    for key, entry in sorted(truth.items()):
        paragraphs = [p.strip() for p in entry["articleBody"].split("\n\n") if p.strip()]
        title = paragraphs[0][:90] if paragraphs else key
        blocks = [(BlockKind.PARAGRAPH, p.split(" ")) for p in paragraphs]
        bases.append(Base("truth", title, _domain(entry["url"]), None, None, blocks))
        for form, folder, suffix in (
            ("html", "html", ".html"),
            ("w3m", "dumps-w3m", ".txt"),
            ("inscriptis", "dumps-inscriptis", ".txt"),
        ):
            path = EVAL / "aeb-dev" / folder / f"{key}{suffix}"
            if path.exists() and (base := _ingest(path, form, None, _domain(entry["url"]))):
                bases.append(base)
    for name, entry in sorted(gold.items()):
        day = str(entry.get("date", ""))
        when = date.fromisoformat(day[:10]) if day[:4].isdigit() else None
        path = EVAL / "pubdate-dev" / "html" / name
        if path.exists() and (base := _ingest(path, "html", when, _domain(entry["url"]))):
            bases.append(base)
    for path in sorted((EVAL / "timex-dev" / "te3-platinum").glob("*.tml")):
        if base := _ingest(path, "timeml", None, None):
            bases.append(base)
    for path in sorted(SEEDS.iterdir()):
        if base := _ingest(path, "seed", None, None):
            bases.append(base)
    CACHE.mkdir(parents=True, exist_ok=True)
    with cached.open("wb") as handle:
        pickle.dump(bases, handle)
    return bases


_FIRST = ["Kim", "Lee", "Park", "Anna", "James", "Maria", "Chen", "Sofia", "David", "Yuki"]
_LAST = ["Smith", "Choi", "Jung", "Garcia", "Rossi", "Tanaka", "Novak", "Silva", "Brown", "Wang"]


_CORE = re.compile(r"^(\W*)([^\W\d_]{5,})(\W*)$")


def _misspell(word: str, rng: random.Random) -> str:
    """One typing error in a word: a letter dropped, doubled, swapped or replaced."""
    found = _CORE.match(word)
    if found is None:
        return word
    lead, core, tail = found.groups()
    at = rng.randrange(1, len(core) - 1)
    how = rng.randrange(4)
    if how == 0:
        core = core[:at] + core[at + 1 :]
    elif how == 1:
        core = core[:at] + core[at] + core[at:]
    elif how == 2:
        core = core[: at - 1] + core[at] + core[at - 1] + core[at + 1 :]
    else:
        core = core[:at] + rng.choice("etaoinshrdlu") + core[at + 1 :]
    return lead + core + tail


def make_corpus(bases: list[Base], size: int, seed: int = 7) -> list[Source]:
    """`size` deterministic variants of the base pages, as Source objects."""
    rng = random.Random(seed)
    pool = [word for base in bases for _, words in base.blocks for word in words if word]
    outlets = sorted({base.outlet for base in bases if base.outlet})
    authors = sorted({base.author for base in bases if base.author})
    authors += [f"{first} {last}" for first in _FIRST for last in _LAST]
    start = datetime(2015, 1, 1)
    sources: list[Source] = []
    for number in range(size):
        base = bases[number % len(bases)] if number < len(bases) else rng.choice(bases)
        blocks: list[Block] = []
        for kind, words in base.blocks:
            if number >= len(bases) and len(base.blocks) > 3 and rng.random() < 0.15:
                continue
            words = list(words)
            for _ in range(int(len(words) * 0.04 + rng.random())):
                words[rng.randrange(len(words))] = rng.choice(pool)
            if rng.random() < 0.5:
                at = rng.randrange(len(words))
                words[at] = _misspell(words[at], rng)
            if rng.random() < 0.2:
                words[rng.randrange(len(words))] = str(rng.randrange(100_000))
            blocks.append(Block(kind, " ".join(words)))
        if number >= len(bases) and len(blocks) > 2 and rng.random() < 0.5:
            head, rest = blocks[0], blocks[1:]
            rng.shuffle(rest)
            blocks = [head, *rest]
        if base.published is not None and rng.random() < 0.5:
            published: PubDate | None = base.published
        elif rng.random() < 0.05:
            published = None
        else:
            published = start + timedelta(minutes=rng.randrange(11 * 365 * 24 * 60))
        title_words = base.title.split(" ")
        if number >= len(bases) and len(title_words) > 3:
            title_words[rng.randrange(len(title_words))] = rng.choice(pool)
        sources.append(
            Source(
                id=f"bench{number:06d}",
                path=Path(f"/bench/{number:06d}.txt"),
                format=Format.TEXT,
                title=" ".join(title_words),
                blocks=blocks,
                outlet=base.outlet if rng.random() < 0.7 else rng.choice(outlets),
                author=base.author if base.author and rng.random() < 0.5 else rng.choice(authors),
                published=published,
            )
        )
    return sources


def _rss() -> int:
    """The process's resident set size in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _load() -> str:
    """The machine's load averages over 1, 5 and 15 minutes, and its CPU count."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} CPUs"


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _needle(query: Query) -> str:
    """What a plain substring scan looks for: the query's words, without filters or quotes."""
    return " ".join(query.words)


def bench(bases: list[Base], size: int, reps: int, trace: bool) -> None:
    """Build a corpus of `size`, index it, and print the figures."""
    t0 = time.perf_counter()
    sources = make_corpus(bases, size)
    for source in sources:
        _ = source.body
    made = time.perf_counter() - t0
    text_bytes = sum(
        len(t.encode()) for s in sources for t in (s.title, s.outlet or "", s.author or "", s.body)
    )
    forms: dict[str, int] = {}
    for number in range(min(size, len(bases))):
        forms[bases[number].form] = forms.get(bases[number].form, 0) + 1
    print(f"\n=== {size:,} sources (corpus made in {made:.1f} s, built directly as Source objects)")
    print(f"  base pages by form: {forms}")
    print(f"  corpus text (title, outlet, author, body; UTF-8): {text_bytes / 1e6:.1f} MB")

    gc.collect()
    rss0 = _rss()
    t0 = time.perf_counter()
    index = SearchIndex(sources)
    build = time.perf_counter() - t0
    gc.collect()
    rss = _rss() - rss0
    print(
        f"  index build: {build:.2f} s ({size / build:,.0f} sources/s),"
        f" vocabulary {index.vocabulary_size:,} words"
    )
    print(f"  index memory, RSS growth: {rss / 1e6:.1f} MB = {rss / text_bytes:.2f}x the text")
    if trace:
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        traced = SearchIndex(sources)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        live = current - before
        print(
            f"  index memory, tracemalloc: {live / 1e6:.1f} MB live"
            f" = {live / text_bytes:.2f}x the text (target <= 3x);"
            f" peak {(peak - before) / 1e6:.1f} MB"
        )
        del traced
        gc.collect()

    settle()  # as the app does once the library is indexed
    searcher = Searcher(index)
    lowered = [f"{s.title}\n{s.outlet or ''}\n{s.author or ''}\n{s.body}".lower() for s in sources]
    pauses = _GcPauses()
    gc.callbacks.append(pauses)
    screen_times: list[float] = []
    full_times: list[float] = []
    full_cpu: list[float] = []
    built_times: list[float] = []
    floor_times: list[float] = []
    print(
        f"  {'kind':13} {'query':32} {'hits':>7} {'first 50':>9} {'all':>9} {'every':>9}"
        f" {'floor':>8} {'floor n':>7}"
    )
    for kind, query in QUERIES:
        parsed = parse_query(query)
        needle = _needle(parsed)
        screens, fulls, builts, floors = [], [], [], []
        count = 0
        for _ in range(reps):
            searcher.clear_cache()
            t0 = time.perf_counter()
            for _hit in searcher.search(parsed, limit=SCREEN):
                pass
            screens.append(time.perf_counter() - t0)
            searcher.clear_cache()
            t0, c0 = time.perf_counter(), time.process_time()
            results = searcher.results(parsed)
            shown = results[:SCREEN]
            count = len(results)
            fulls.append(time.perf_counter() - t0)
            full_cpu.append(time.process_time() - c0)
            searcher.clear_cache()
            t0 = time.perf_counter()
            built = sum(1 for _ in searcher.search(parsed))
            builts.append(time.perf_counter() - t0)
            assert built == count and len(shown) == min(count, SCREEN)
            t0 = time.perf_counter()
            found = [i for i, text in enumerate(lowered) if needle in text]
            floors.append(time.perf_counter() - t0)
        screen_times += screens
        full_times += fulls
        built_times += builts
        floor_times += floors
        print(
            f"  {kind:13} {query:32} {count:7,} {statistics.median(screens) * 1e3:7.1f}ms"
            f" {statistics.median(fulls) * 1e3:7.1f}ms {statistics.median(builts) * 1e3:7.1f}ms"
            f" {statistics.median(floors) * 1e3:6.1f}ms {len(found):7,}"
        )
    keystrokes: list[float] = []
    for typed in TYPED:
        searcher.clear_cache()
        for end in range(1, len(typed) + 1):
            t0 = time.perf_counter()
            for _hit in searcher.search(typed[:end], limit=SCREEN):
                pass
            keystrokes.append(time.perf_counter() - t0)
    print(
        f"  typing {len(TYPED)} queries key by key ({len(keystrokes)} keystrokes, cache warm as"
        f" in the UI), first 50 hits: p50 {_pct(keystrokes, 50) * 1e3:.1f} ms,"
        f" p95 {_pct(keystrokes, 95) * 1e3:.1f} ms, max {max(keystrokes) * 1e3:.1f} ms"
    )
    target = 30 if size <= 10_000 else 200
    floor95 = _pct(floor_times, 95)
    for label, times in (
        ("first 50 hits", screen_times),
        ("all hits", full_times),
        ("every hit built", built_times),
    ):
        p50, p95 = _pct(times, 50) * 1e3, _pct(times, 95) * 1e3
        goal = "no target: for comparison" if times is built_times else f"target p95 <= {target} ms"
        print(
            f"  latency to {label:15}: p50 {p50:6.1f} ms, p95 {p95:6.1f} ms"
            f" ({goal}); p95 / floor p95 = {p95 / (floor95 * 1e3):.2f}"
        )
    print(
        f"  CPU time to all hits      : p50 {_pct(full_cpu, 50) * 1e3:6.1f} ms,"
        f" p95 {_pct(full_cpu, 95) * 1e3:6.1f} ms (this process's, whatever else runs)"
    )
    print(
        f"  floor, lower-case substring scan: p50 {_pct(floor_times, 50) * 1e3:.1f} ms,"
        f" p95 {floor95 * 1e3:.1f} ms"
    )
    gc.callbacks.remove(pauses)
    print(
        f"  garbage collection while querying: {pauses.count} runs, {pauses.total * 1e3:.0f} ms"
        f" in all, longest {pauses.longest * 1e3:.1f} ms (generation 2: {pauses.full} runs)"
    )
    print(f"  load average now: {_load()}")


class _GcPauses:
    """Counts the garbage collector's runs and the time they take (a `gc.callbacks` entry)."""

    def __init__(self) -> None:
        self.count = self.full = 0
        self.total = self.longest = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
            return
        took = time.perf_counter() - self._start
        self.count += 1
        self.full += info["generation"] == 2
        self.total += took
        self.longest = max(self.longest, took)


def main() -> None:
    """Run the benchmark for each size asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc build")
    args = parser.parse_args()
    t0 = time.perf_counter()
    bases = load_bases()
    print(f"{len(bases)} base pages ({time.perf_counter() - t0:.1f} s, cache in {CACHE})")
    print(f"load average at start: {_load()} (latencies are wall-clock: a busy machine adds)")
    for size in args.sizes:
        bench(bases, size, args.reps, not args.no_trace)


if __name__ == "__main__":
    main()
