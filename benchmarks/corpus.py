"""Deterministic briefing packs of any size for the scale benchmarks, written as real files.

Built from the pages of the shared evaluation sets (read in place from `../shared/eval/`,
never copied into the project) and the seeds. Every file is a distinct variant (its own
content, so none is dropped as a duplicate), in one of the forms brief reads:

- HTML pages (AEB and pubdate-dev pages as saved, each marked with its copy number);
- text dumps (the AEB pages' w3m and inscriptis dumps and the seed dumps, a few words of
  their long lines substituted);
- plain text, Markdown with front matter, and news-API JSON, written from article bodies
  (AEB ground truth, TempEval-3 texts, the seeds' bodies): paragraphs dropped and shuffled,
  ~3% of the words substituted, a number inserted; dates, outlets and authors varied.

Every file gets the same fixed modification time, so packs are byte- and stat-identical
between runs (and old enough for the cache to trust their stat).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SEEDS = ROOT / "seeds"
MTIME = 1_600_000_000
"""The modification time of every generated file (September 2020)."""
PER_FOLDER = 1000
"""Files per sub-folder of a pack."""
MIX: list[tuple[str, int]] = [
    ("html", 10),
    ("dump", 25),
    ("text", 25),
    ("markdown", 20),
    ("json", 20),
]
"""The forms of a pack and their shares in percent."""
TEXT_FORMS = ("dump", "text", "markdown", "json")
"""Forms counted as text sources (everything but HTML)."""
HTML_UNTIL = 10_000
"""Files after this many are never HTML (they are plain text instead): a 100,000-file pack
stays quick to put in the cache once (extracting 10,000 more pages would take minutes), and
a warm open does not depend on the form a cached source was read from."""

_FIRST = ["Kim", "Lee", "Park", "Anna", "James", "Maria", "Chen", "Sofia", "David", "Yuki"]
_LAST = ["Smith", "Choi", "Jung", "Garcia", "Rossi", "Tanaka", "Novak", "Silva", "Brown", "Wang"]
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Article:
    """A body to write variants of: paragraphs, with the outlet and date it came with."""

    paragraphs: list[str]
    outlet: str | None
    published: str | None


@dataclass
class Material:
    """Everything variants are made from."""

    html: list[bytes]
    dumps: list[str]
    articles: list[Article]
    pool: list[str]
    outlets: list[str]


def _domain(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def material() -> Material:
    """The base pages, read from the evaluation sets and the seeds."""
    truth = json.loads((EVAL / "aeb-dev" / "ground-truth.json").read_text())
    gold = json.loads((EVAL / "pubdate-dev" / "gold.json").read_text())
    html: list[bytes] = []
    dumps: list[str] = []
    articles: list[Article] = []
    for key, entry in sorted(truth.items()):
        paragraphs = [p.strip() for p in entry["articleBody"].split("\n\n") if p.strip()]
        if len(paragraphs) >= 2:
            articles.append(Article(paragraphs, _domain(entry["url"]), None))
        page = EVAL / "aeb-dev" / "html" / f"{key}.html"
        if page.exists():
            html.append(page.read_bytes())
        for folder in ("dumps-w3m", "dumps-inscriptis"):
            dump = EVAL / "aeb-dev" / folder / f"{key}.txt"
            if dump.exists():
                dumps.append(dump.read_text(errors="replace"))
    for name in sorted(gold):
        page = EVAL / "pubdate-dev" / "html" / name
        if page.exists():
            html.append(page.read_bytes())
    for path in sorted((EVAL / "timex-dev" / "te3-platinum").glob("*.tml")):
        xml = path.read_text()
        dct = re.search(r'<DCT>.*?value="([\d-]+)"', xml, re.S)
        body = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
        if body:
            text = _TAGS.sub("", body.group(1))
            paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
            articles.append(Article(paragraphs, None, dct.group(1) if dct else None))
    for path in sorted(SEEDS.iterdir()):
        text = path.read_text(errors="replace")
        if text.lstrip().startswith("{"):
            continue
        dumps.append(text)
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
        paragraphs = [p for p in paragraphs if len(p.split()) >= 12]
        if len(paragraphs) >= 2:
            articles.append(Article(paragraphs, None, None))
    pool = sorted({w for a in articles for p in a.paragraphs for w in p.split() if w.isalpha()})
    outlets = sorted({a.outlet for a in articles if a.outlet})
    return Material(html, dumps, articles, pool, outlets)


def _vary(paragraph: str, rng: random.Random, pool: list[str], share: float = 0.03) -> str:
    words = paragraph.split()
    for _ in range(int(len(words) * share + rng.random())):
        words[rng.randrange(len(words))] = rng.choice(pool)
    return " ".join(words)


def _paragraphs(article: Article, rng: random.Random, pool: list[str], number: int) -> list[str]:
    kept = [p for p in article.paragraphs if rng.random() > 0.15] or article.paragraphs[:2]
    head, rest = kept[0], kept[1:]
    if rng.random() < 0.5:
        rng.shuffle(rest)
    paragraphs = [_vary(p, rng, pool) for p in [head, *rest]]
    at = rng.randrange(len(paragraphs))
    paragraphs[at] = f"{paragraphs[at]} The figure was {number:,} in total."
    return paragraphs


def _title(paragraphs: list[str], rng: random.Random, pool: list[str]) -> str:
    words = paragraphs[0].split()[: rng.randrange(6, 12)]
    words[rng.randrange(len(words))] = rng.choice(pool)
    return " ".join(words).rstrip(".,;:") or "Untitled"


def _when(article: Article, rng: random.Random) -> datetime:
    if article.published and rng.random() < 0.5:
        return datetime.fromisoformat(article.published)
    start = datetime(2015, 1, 1)
    return start + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))


def _author(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def variant(base: Material, form: str, number: int) -> tuple[str, bytes]:
    """File suffix and bytes of variant `number` in `form` (the same on every run)."""
    rng = random.Random(f"{form}:{number}")
    if form == "html":
        page = base.html[number % len(base.html)]
        mark = f"<!-- brief benchmark copy {number} -->\n".encode()
        return ".html", mark + page
    if form == "dump":
        lines = base.dumps[number % len(base.dumps)].split("\n")
        long = [i for i, line in enumerate(lines) if len(line.split()) >= 8]
        for index in rng.sample(long, min(3, len(long))):
            lines[index] = _vary(lines[index], rng, base.pool, 0.1)
        if long:
            index = rng.choice(long)
            lines[index] = f"{lines[index]} ({number})"
        return ".txt", "\n".join(lines).encode()
    article = base.articles[number % len(base.articles)]
    paragraphs = _paragraphs(article, rng, base.pool, number)
    title = _title(paragraphs, rng, base.pool)
    when = _when(article, rng)
    outlet = article.outlet or rng.choice(base.outlets)
    author = _author(rng)
    url = f"https://{outlet}/{when:%Y/%m}/{number}"
    if form == "text":
        return ".txt", (title + "\n\n" + "\n\n".join(paragraphs) + "\n").encode()
    if form == "markdown":
        lines = ["---", f'title: "{title}"', f"date: {when.isoformat()}", f"author: {author}",
                 f"url: {url}", "---", "", f"# {title}", ""]  # fmt: skip
        for index, paragraph in enumerate(paragraphs):
            if index and index % 4 == 0:
                lines += [f"## {_title([paragraph], rng, base.pool)}", ""]
            lines += [paragraph, ""]
        return ".md", "\n".join(lines).encode()
    content = "".join(f"<p>{p}</p>" for p in paragraphs)
    row: dict[str, object] = {
        "title": title,
        "author": author,
        "publishedAt": when.isoformat() + "Z",
        "url": url,
        "source": {"name": outlet},
        "content": content,
    }
    return ".json", json.dumps(row, ensure_ascii=False).encode()


def forms(size: int) -> list[str]:
    """The form of each file of a pack of `size`, interleaved in the MIX shares."""
    slots = [form for form, share in MIX for _ in range(share)]
    picked = [slots[(number * 37) % 100] for number in range(size)]
    return [f if f != "html" or n < HTML_UNTIL else "text" for n, f in enumerate(picked)]


def write_pack(folder: Path, size: int, base: Material | None = None) -> dict[str, list[Path]]:
    """Write a pack of `size` files (once: an existing complete pack is reused); paths by form."""
    done = folder / ".complete"
    if not done.exists() and base is None:
        base = material()
    by_form: dict[str, list[Path]] = {form: [] for form, _ in MIX}
    counters = dict.fromkeys(by_form, 0)
    for number, form in enumerate(forms(size)):
        sub = folder / f"{number // PER_FOLDER:03d}"
        index = counters[form]
        counters[form] += 1
        stem = sub / f"{number:06d}-{form}"
        if done.exists():
            suffix = {"html": ".html", "dump": ".txt", "text": ".txt", "markdown": ".md"}
            by_form[form].append(stem.with_suffix(suffix.get(form, ".json")))
            continue
        assert base is not None
        suffix, data = variant(base, form, index)
        path = stem.with_suffix(suffix)
        sub.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.utime(path, (MTIME, MTIME))
        by_form[form].append(path)
    done.write_text(str(size))
    return by_form


def long_source(folder: Path, size: int = 1 << 20) -> Path:
    """A plain-text report of about `size` bytes (headings and paragraphs), with one seed."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long-report.txt"
    if not path.exists():
        base = material()
        rng = random.Random("long")
        parts = ["A long report on semiconductors, trade and industrial policy", ""]
        total = 0
        number = 0
        while total < size:
            article = base.articles[number % len(base.articles)]
            for paragraph in _paragraphs(article, rng, base.pool, number):
                parts += [paragraph, ""]
                total += len(paragraph) + 2
            parts += [f"Part {number + 2}: {_title(article.paragraphs, rng, base.pool)}", ""]
            number += 1
        path.write_text("\n".join(parts))
        os.utime(path, (MTIME, MTIME))
        seed = sorted(SEEDS.iterdir())[0]
        (folder / seed.name).write_bytes(seed.read_bytes())
        os.utime(folder / seed.name, (MTIME, MTIME))
    return path


def fingerprint() -> str:
    """Changes when this generator or the evaluation data changes (packs are then rebuilt)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for folder in (EVAL, SEEDS):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:12]
