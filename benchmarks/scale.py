"""Scale benchmark: brief on packs of 10,000 and 100,000 files and on a 1 MB source.

Packs are written once under the work folder (see corpus.py: HTML, text dumps, plain text,
Markdown and JSON made from the shared evaluation pages and the seeds; deterministic). The
app is timed in a pseudo-terminal exactly as a user starts it (`brief PACK`), by paint.py:
first paint, then "full" (the sidebar lists every source), "checked" (a warm open lists the
pack as it was last read, from the listing kept in the cache, then checks its files for changes:
this is when that check is done), "ready" (every worker done: the search index built) and the
peak RSS then. "Cold" runs start from an empty library cache;
"warm" ones from the cache the cold run left. The files themselves are in the OS page cache
both times (what a second open of a large pack meets in practice).

Printed, each figure the median of --reps runs (--cold-reps for cold opens):
- cold ingest rates in this process on one core (no cache), text and HTML separately and
  per form (the median of the rates of three thirds of the files); and, for reference, brief's
  rate and `trafilatura.extract`'s on the same 150 HTML pages, taken in turn page by page;
- 10k pack, cold and warm: first paint, full sidebar, files checked (warm), ready, sources/s,
  peak RSS; the warm first paint and full sidebar again with Python's bytecode cached (as it is
  for a user: every other figure is taken with this machine's PYTHONDONTWRITEBYTECODE=1, each
  start compiling every module); and the core alone: the pack recalled from its kept listing
  (what a warm open shows first), a warm `iter_load` (every file looked at: what a changed pack
  is read again with) and the search index build;
- 100k pack (the 10k plus 90,000 text files), warm: the same;
- for both: search latency and the timeline of every source, made the first time and then
  read from the cache;
- 1 MB source: opening it in the reader and one scroll step (a line, `j`; a page, `space`),
  from the call or key to the frame written.

Usage: uv run python benchmarks/scale.py [--sizes 10000 100000] [--reps 3] [--cold-reps 2]
       [--work /tmp/brief-scale-bench] [--jobs 2]
`--sizes` with no size runs the 1 MB source part alone (a minute; no packs are built).
Runs in about 10 minutes on a 2-core machine the first time (most of it filling the 100k
cache, kept for later runs until brief's reading code changes).
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from paint import measure

from brief.core.cache import LibraryCache
from brief.core.loader import iter_load, load_paths, recall

Row = tuple[str, str, str]
"""A line of the final table: what, figure, target."""


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def env_for(work: Path, cache: Path) -> dict[str, str]:
    """The app's environment: its own cache folder, annotation store, reading state and
    (absent) config, so that the user's own files neither change nor sway the figures."""
    return {
        "BRIEF_CACHE": str(cache),
        "BRIEF_STORE": str(work / "store.json"),
        "BRIEF_STATE": str(work / "state.json"),
        "BRIEF_CONFIG": str(work / "config.toml"),
    }


def bytecode_cached(env: dict[str, str], work: Path) -> dict[str, str]:
    """`env` with Python caching the bytecode it compiles (in a folder of the work folder),
    as it does for a user; the machine this was written on sets PYTHONDONTWRITEBYTECODE, so
    its every start compiles Textual's and brief's modules (about 0.3 s more)."""
    pyc = work / "pycache"
    shutil.rmtree(pyc, ignore_errors=True)  # compiled by this run's first open (untimed)
    return {**env, "PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(pyc)}


def app_runs(
    label: str,
    pack: Path,
    sources: int,
    reps: int,
    env: Callable[[int], dict[str, str]],
    *,
    ready: bool = True,
) -> dict[str, float]:
    """Median figures of `reps` opens of `pack` in the app; `ready`: each waits for every
    worker (the search index built), else only until the files are checked, after one untimed
    open (which compiles the bytecode a `bytecode_cached` environment keeps)."""
    runs: list[dict[str, Any]] = []
    if not ready:
        measure("brief", [str(pack)], env(0), sources=sources)
    for rep in range(reps):
        marks = measure("brief", [str(pack)], env(rep), sources=sources, ready=ready)
        runs.append(marks)
        shown = ", ".join(f"{k} {v:.2f}" for k, v in marks.items() if isinstance(v, float))
        print(f"  {label} run {rep + 1}: {shown}", flush=True)
    return {
        key: median([run.get(key, float("nan")) for run in runs])
        for key in ("paint", "full", "checked", "ready", "rss_mib")
    }


REFERENCE_PAGES = 150
"""HTML pages read both by brief and by trafilatura alone, for the reference rate."""


def trafilatura_reference(paths: list[Path]) -> tuple[float, float]:
    """Pages per second of brief (no cache) and of `trafilatura.extract` with its defaults on
    the same pages, page by page in turn (so both meet the machine in the same state).

    The HTML target was set at trafilatura's own speed on this machine ("about 30 ms a page");
    this shows how fast trafilatura is in this run.
    """
    from trafilatura import extract

    from brief.core.ingest import read_bytes

    pages = [(path, path.read_bytes()) for path in paths[:REFERENCE_PAGES]]
    took = {"brief": 0.0, "trafilatura": 0.0}
    for index, (path, data) in enumerate(pages):
        for name in ("brief", "trafilatura") if index % 2 else ("trafilatura", "brief"):
            began = time.perf_counter()
            if name == "brief":
                read_bytes(data, path)
            else:
                extract(data)
            took[name] += time.perf_counter() - began
    ours, theirs = took["brief"], took["trafilatura"]
    return len(pages) / ours, len(pages) / theirs


def fixed(env: dict[str, str]) -> Callable[[int], dict[str, str]]:
    """The same environment for every run."""
    return lambda _rep: env


def ingest_rates(by_form: dict[str, list[Path]]) -> tuple[dict[str, float], int]:
    """Files read per second (no cache) by form, and for all text forms together ("text");
    each the median over three thirds of the files. Also the number of sources read."""
    times: dict[str, list[float]] = {}
    sizes: dict[str, list[int]] = {}
    count = 0
    for form, paths in by_form.items():
        times[form], sizes[form] = [], []
        for part in range(3):
            chunk = paths[part::3]
            began = time.perf_counter()
            count += len(load_paths(chunk).sources)
            times[form].append(time.perf_counter() - began)
            sizes[form].append(len(chunk))
    rates = {
        form: median([n / t for n, t in zip(sizes[form], times[form], strict=True)])
        for form in by_form
    }
    rates["text"] = median(
        [
            sum(sizes[f][part] for f in corpus.TEXT_FORMS)
            / sum(times[f][part] for f in corpus.TEXT_FORMS)
            for part in range(3)
        ]
    )
    return rates, count


def core_warm(pack: Path, cache_dir: Path, reps: int) -> dict[str, float]:
    """A warm open in this process: the pack recalled from its kept listing; a warm `iter_load`
    (first batch, all sources); and the search index."""
    from brief.core.search import SearchIndex

    firsts, fulls, index, recalls = [], [], [], []
    count = 0
    for _ in range(reps):
        cache = LibraryCache(cache_dir)
        began = time.perf_counter()
        recalled = recall([pack], cache)
        recalls.append(time.perf_counter() - began)
        assert recalled is not None, "no listing kept"
        del recalled
        cache.close()
        cache = LibraryCache(cache_dir)
        began = time.perf_counter()
        first = None
        sources = []
        for batch in iter_load([pack], cache=cache):
            first = first or time.perf_counter() - began
            sources.extend(batch.sources)
        fulls.append(time.perf_counter() - began)
        firsts.append(first or 0.0)
        count = len(sources)
        assert cache.stats.misses == 0, cache.stats
        began = time.perf_counter()
        SearchIndex(sources)
        index.append(time.perf_counter() - began)
        cache.close()
    return {
        "recall": median(recalls),
        "first": median(firsts),
        "full": median(fulls),
        "index": median(index),
        "n": count,
    }


def _fill(args: tuple[list[str], str]) -> int:
    """Put a share of a pack's folders in the cache (one process of the parallel fill)."""
    folders, cache_dir = args
    cache = LibraryCache(Path(cache_dir))
    library = load_paths([Path(f) for f in folders], cache=cache)
    cache.close()
    return len(library.sources)


def fill_cache(pack: Path, cache_dir: Path, jobs: int) -> None:
    """Read a whole pack into the cache, `jobs` processes at once (done once, not timed)."""
    folders = sorted(str(p) for p in pack.iterdir() if p.is_dir())
    shares = [(folders[job::jobs], str(cache_dir)) for job in range(jobs)]
    began = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pool.map(_fill, shares)
    cache = LibraryCache(cache_dir)
    load_paths([pack], cache=cache)
    cache.close()
    print(f"  cache filled in {time.perf_counter() - began:.0f} s ({cache.stats})", flush=True)


def search_and_timeline(pack: Path, cache_dir: Path) -> dict[str, float]:
    """Search latency (median over queries, to the first 50 hits), the timeline built the
    first time (its rows made and kept in the cache) and again (read from the cache)."""
    from brief.core.search import Searcher, SearchIndex, parse_query
    from brief.core.timeline import timeline

    cache = LibraryCache(cache_dir)
    library = load_paths([pack], cache=cache)
    searcher = Searcher(SearchIndex(library.sources))
    times = []
    for text in ("semiconductor", "south korea exports", "goverment polcy", '"according to the"'):
        query = parse_query(text)
        began = time.perf_counter()
        hits = list(searcher.search(query, limit=50))
        times.append(time.perf_counter() - began)
        assert hits, text
    figures = {"search": median(times)}
    for name in ("timeline", "timeline again"):
        began = time.perf_counter()
        events = timeline(library.sources, store=cache)
        figures[name] = time.perf_counter() - began
    figures["events"] = len(events)
    cache.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--cold-reps", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/brief-scale-bench"))
    args = parser.parse_args()
    work = args.work / corpus.fingerprint()
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    base = None

    for size in args.sizes:
        label = f"{size // 1000}k"
        pack = work / f"pack-{label}"
        began = time.perf_counter()
        if not (pack / ".complete").exists():
            base = base or corpus.material()
        by_form = corpus.write_pack(pack, size, base)
        print(f"{label} pack: {pack} ({time.perf_counter() - began:.0f} s)", flush=True)
        warm_cache = work / f"cache-{label}"

        if size <= 10_000:
            print("cold ingest rates (one core, no cache)", flush=True)
            rates, count = ingest_rates(by_form)
            rows.append((f"{label} cold ingest, HTML pages/s", f"{rates['html']:.0f}", ">= 30"))
            ours, theirs = trafilatura_reference(by_form["html"])
            rows.append((f"  the first {REFERENCE_PAGES} of them, brief", f"{ours:.0f}/s", ""))
            rows.append(("  the same, trafilatura.extract alone", f"{theirs:.0f}/s", ""))
            rows.append((f"{label} cold ingest, text sources/s", f"{rates['text']:.0f}", ">= 300"))
            for form in corpus.TEXT_FORMS:
                rows.append((f"  of which {form}", f"{rates[form]:.0f}/s", ""))
            print(f"cold open of the {label} pack in the app ({count} sources)", flush=True)

            def cold_env(rep: int, label: str = label) -> dict[str, str]:
                folder = work / f"cold-{label}-{rep}"
                shutil.rmtree(folder, ignore_errors=True)
                return env_for(work, folder)

            cold = app_runs("cold", pack, count, args.cold_reps, cold_env)
            last = work / f"cold-{label}-{args.cold_reps - 1}"
            shutil.rmtree(warm_cache, ignore_errors=True)
            shutil.move(last, warm_cache)
            rows += [
                (f"{label} cold: first paint", f"{cold['paint']:.2f} s", "<= 1.0 s"),
                (f"{label} cold: all ingested (app)", f"{cold['full']:.1f} s", ""),
                (f"{label} cold: sources/s (app)", f"{count / cold['full']:.0f}", ""),
                (f"{label} cold: peak RSS", f"{cold['rss_mib']:.0f} MiB", "<= 400 MiB"),
            ]
        else:
            small = work / f"cache-{args.sizes[0] // 1000}k"
            if not warm_cache.exists() and small.exists():
                shutil.copytree(small, warm_cache)
            print(f"filling the cache for the {label} pack ({args.jobs} processes)", flush=True)
            fill_cache(pack, warm_cache, args.jobs)

        print(f"warm open of the {label} pack, core alone", flush=True)
        core = core_warm(pack, warm_cache, args.reps)
        count = int(core["n"])
        print(f"warm open of the {label} pack in the app ({count} sources)", flush=True)
        warm = app_runs("warm", pack, count, args.reps, fixed(env_for(work, warm_cache)))
        print(f"warm open of the {label} pack in the app, bytecode cached", flush=True)
        cached = app_runs("warm, bytecode cached", pack, count, args.reps,
                          fixed(bytecode_cached(env_for(work, warm_cache), work)), ready=False)  # fmt: skip
        rows += [
            (f"{label} warm: first paint", f"{warm['paint']:.2f} s", "<= 1.0 s"),
            (f"{label} warm: full sidebar (app)", f"{warm['full']:.2f} s",
             "<= 1.0 s" if size <= 10_000 else "<= 3 s"),
            (f"{label} warm, bytecode cached: first paint", f"{cached['paint']:.2f} s",
             "<= 1.0 s"),
            (f"{label} warm, bytecode cached: full sidebar", f"{cached['full']:.2f} s",
             "<= 1.0 s" if size <= 10_000 else "<= 3 s"),
            (f"{label} warm: files checked for changes (app)", f"{warm['checked']:.2f} s", ""),
            (f"{label} warm: ready, search index built (app)", f"{warm['ready']:.2f} s", ""),
            (f"{label} warm: pack recalled from its listing (core)", f"{core['recall']:.2f} s", ""),
            (f"{label} warm: every file looked at (core iter_load)", f"{core['full']:.2f} s", ""),
            (f"{label} warm: first batch (core iter_load)", f"{core['first']:.3f} s", ""),
            (f"{label} warm: search index build (core)", f"{core['index']:.2f} s", ""),
            (f"{label} warm: peak RSS", f"{warm['rss_mib']:.0f} MiB",
             "<= 400 MiB" if size <= 10_000 else ""),
        ]  # fmt: skip
        usable = search_and_timeline(pack, warm_cache)
        rows += [
            (f"{label}: search, median to 50 hits", f"{usable['search'] * 1000:.0f} ms", ""),
            (f"{label}: timeline, rows made (first time)", f"{usable['timeline']:.1f} s",
             f"({usable['events']:.0f} rows)"),
            (f"{label}: timeline, rows from the cache", f"{usable['timeline again']:.1f} s", ""),
        ]  # fmt: skip

    print("1 MB source", flush=True)
    long_folder = work / "long"
    long_path = corpus.long_source(long_folder)
    began = time.perf_counter()
    read = load_paths([long_path])
    ingest = time.perf_counter() - began
    opens, lines, pages = [], [], []
    for rep in range(args.reps):
        env = env_for(work, work / "cache-long")
        env["BRIEF_STATE"] = str(work / "state-long.json")
        Path(env["BRIEF_STATE"]).unlink(missing_ok=True)  # each run opens at the top
        marks = measure("brief", [str(long_folder)], env, sources=2, scroll=30)
        opens.append(marks["open"])
        lines.append(median(marks.get("line_steps", [])))
        pages.append(median(marks.get("page_steps", [])))
        print(f"  run {rep + 1}: open {marks['open']:.3f} s, {marks['big_chars']:,} chars, "
              f"line step {lines[-1] * 1000:.1f} ms, page step {pages[-1] * 1000:.1f} ms",
              flush=True)  # fmt: skip
    size_mb = long_path.stat().st_size / 1e6
    rows += [
        (f"1 MB source ({size_mb:.2f} MB): read (cold, core)", f"{ingest:.2f} s", ""),
        ("1 MB source: open in the reader", f"{median(opens) * 1000:.0f} ms", "<= 300 ms"),
        ("1 MB source: scroll step, a line", f"{median(lines) * 1000:.1f} ms", "<= 16 ms"),
        ("1 MB source: scroll step, a page", f"{median(pages) * 1000:.1f} ms", "<= 16 ms"),
    ]
    del read

    width = max(len(row[0]) for row in rows)
    print()
    print(f"{'figure':{width}}  {'measured':>12}  target")
    for what, figure, target in rows:
        print(f"{what:{width}}  {figure:>12}  {target}")


if __name__ == "__main__":
    main()
