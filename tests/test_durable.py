"""Durability of the annotation store: SIGKILL mid-write, two writers at once, corrupt files.

Every test runs against the real store and against a naive writer (plain overwrite, no
fsync, no rename, no lock, no merge), and asserts the naive one loses data: the checks can
visibly fail. Writers are forked from the test process (fast, no re-import) and talk to it
through pipes; kills land after an acknowledgement plus a random busy spin, never a sleep.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from brief.core.annotations.fileformat import StoreFormatError, parse
from brief.core.annotations.store import AnnotationStore
from brief.core.durable import atomic_write, backup_path, locked, move_aside, signature
from brief.core.model import Block, BlockKind, Format, Source

Adder = Callable[[Path, int], str]
"""Adds annotation number n to the store at a path; returns its id."""

SOURCE = Source(
    id="abc123",
    path=Path("/briefing/a.txt"),
    format=Format.TEXT,
    title="A source",
    blocks=[Block(BlockKind.PARAGRAPH, "The minister said the budget would be balanced by 2027.")],
)


def real_add(path: Path, n: int) -> str:
    """The real store: read-merge-write under the lock, atomic replace."""
    return AnnotationStore(path).add(SOURCE, 4, 12, note=f"note {n}").id


def _naive_load(path: Path) -> list[Any]:
    try:
        doc = json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return []  # the naive writer's bug: a file it cannot read is taken as empty
    return list(doc["annotations"])


def naive_add(path: Path, n: int) -> str:
    """A naive writer: read, append, overwrite in place (no temp file, fsync, lock or merge)."""
    items = _naive_load(path)
    ident = f"naive-{os.getpid()}-{n}"
    items.append({"id": ident, "note": f"note {n}", "quote": "minister" * 8})
    with path.open("w") as handle:
        json.dump({"version": 1, "annotations": items}, handle)
    return ident


def stored_ids(path: Path, naive: bool) -> set[str]:
    """The annotation ids the file holds; StoreFormatError when it does not load."""
    if not naive:
        return {a.id for a in parse(path.read_bytes()).annotations.values()}
    try:
        doc = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise StoreFormatError(str(error)) from error
    return {item["id"] for item in doc["annotations"]}


WRITERS = {"real": real_add, "naive": naive_add}


@pytest.fixture
def store_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory for the store, in memory when /dev/shm exists: fsync there costs nothing,
    and what these tests check (a killed process leaves the old or the new file; writers
    exclude each other) does not depend on the disk."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    directory = Path(tempfile.mkdtemp(prefix="brief-test-", dir=shm))
    try:
        yield directory
    finally:
        shutil.rmtree(directory)


@contextmanager
def forked(work: Callable[[int], None]) -> Iterator[tuple[int, int]]:
    """Run `work(write_fd)` in a forked child; yield (pid, read end of its pipe)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(read_fd)
            work(write_fd)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        yield pid, read_fd
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)


def _writer_loop(adder: Adder, path: Path) -> Callable[[int], None]:
    def work(out: int) -> None:
        n = 0
        while True:
            ident = adder(path, n)
            os.write(out, (ident + "\n").encode())  # acknowledged: the change is durable
            n += 1

    return work


def _read_acks(fd: int, count: int, buffer: bytearray) -> list[str]:
    """Block until `count` complete acknowledgements arrive; return them."""
    acks: list[str] = []
    while len(acks) < count:
        if b"\n" not in buffer:
            chunk = os.read(fd, 4096)
            if not chunk:
                raise RuntimeError("the writer died")
            buffer.extend(chunk)
            continue
        line, _, rest = bytes(buffer).partition(b"\n")
        buffer[:] = rest
        acks.append(line.decode())
    return acks


def _spin(seconds: float) -> None:
    """Busy-wait to move the kill to a random instant (timing noise, not synchronisation)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def kill_rounds(adder: Adder, path: Path, rounds: int, seed: int) -> tuple[int, int]:
    """Kill a writer `rounds` times at random instants; return (rounds the store failed to
    load, acknowledged annotations missing)."""
    rng = random.Random(seed)
    acked: set[str] = set()
    broken = missing = 0
    naive = adder is naive_add
    for _ in range(rounds):
        buffer = bytearray()
        with forked(_writer_loop(adder, path)) as (pid, fd):
            acked.update(_read_acks(fd, rng.randint(1, 2), buffer))
            _spin(rng.uniform(0, 0.004))
            os.kill(pid, signal.SIGKILL)
            while chunk := os.read(fd, 4096):  # acks sent before the kill (EOF after it)
                buffer.extend(chunk)
            acked.update(line for line in buffer.decode().split("\n")[:-1])
        try:
            present = stored_ids(path, naive)
        except StoreFormatError:
            broken += 1
            if naive:
                path.unlink()  # the naive writer would start over
            continue
        missing += len(acked - present)
        acked &= present  # count each loss once
    return broken, missing


@pytest.mark.parametrize("writer", ["real", "naive"])
def test_sigkill_at_random_instants(store_dir: Path, writer: str) -> None:
    path = store_dir / "annotations.json"
    broken, missing = kill_rounds(WRITERS[writer], path, rounds=200, seed=7)
    if writer == "real":
        assert (broken, missing) == (0, 0)
        store = AnnotationStore(path)
        assert store.notices == []
        assert len(store.annotations()) >= 200
    else:
        assert broken + missing > 0, "the naive writer should have lost data"


def _adder_child(writer: str, path: Path, go: int, count: int) -> Callable[[int], None]:
    def work(out: int) -> None:
        os.read(go, 1)  # start together
        if writer == "real":  # one session, open throughout, as a user's would be
            store = AnnotationStore(path)
            for n in range(count):
                store.add(SOURCE, 4, 12, note=f"note {n}")
        else:
            for n in range(count):
                naive_add(path, n)
        os.write(out, b"done\n")

    return work


@pytest.mark.parametrize("writer", ["real", "naive"])
def test_two_writers_keep_all_changes(store_dir: Path, writer: str) -> None:
    path = store_dir / "annotations.json"
    go_read, go_write = os.pipe()
    try:
        with (
            forked(_adder_child(writer, path, go_read, 200)) as (_, first),
            forked(_adder_child(writer, path, go_read, 200)) as (_, second),
        ):
            os.write(go_write, b"gg")
            assert _read_acks(first, 1, bytearray()) == ["done"]
            assert _read_acks(second, 1, bytearray()) == ["done"]
    finally:
        os.close(go_read)
        os.close(go_write)
    try:
        count = len(stored_ids(path, writer == "naive"))
    except StoreFormatError:
        count = 0
    if writer == "real":
        assert count == 400
    else:
        assert count < 400, "the naive writer should have lost updates"


@pytest.mark.parametrize("writer", ["real", "naive"])
def test_corrupt_store_is_moved_aside_and_reported(store_dir: Path, writer: str) -> None:
    path = store_dir / "annotations.json"
    WRITERS[writer](path, 0)
    WRITERS[writer](path, 1)
    garbage = path.read_bytes()[:-40]  # truncated, as by a full disk or a bad hand edit
    path.write_bytes(garbage)
    if writer == "real":
        store = AnnotationStore(path)
        aside = [p for p in store_dir.iterdir() if ".corrupt-" in p.name]
        assert len(aside) == 1 and aside[0].read_bytes() == garbage
        assert any(str(aside[0]) in notice for notice in store.notices)
        assert len(store.annotations()) == 1  # the backup held the first change
        store.add(SOURCE, 0, 3)
        assert len(AnnotationStore(path).annotations()) == 2
    else:
        naive_add(path, 2)
        kept = [p for p in store_dir.iterdir() if p.read_bytes() == garbage]
        assert kept == [], "the naive writer overwrote the user's file"


def test_atomic_write_mode_backup_and_signature(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "state.json"
    assert signature(path) is None
    atomic_write(path, b"one")
    first = signature(path)
    atomic_write(path, b"two")
    assert path.read_bytes() == b"two"
    assert backup_path(path).read_bytes() == b"one"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_path(path).stat().st_mode) == 0o600
    assert signature(path) != first
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_lock_excludes_another_process(tmp_path: Path) -> None:
    path = tmp_path / "state.json"

    def work(out: int) -> None:
        with locked(path):
            os.write(out, b"locked\n")
            os.read(release_read, 1)
        os.write(out, b"free\n")

    release_read, release_write = os.pipe()
    try:
        with forked(work) as (_, fd):
            buffer = bytearray()
            assert _read_acks(fd, 1, buffer) == ["locked"]
            handle = os.open(path.with_name("state.json.lock"), os.O_RDWR)
            try:
                with pytest.raises(BlockingIOError):
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                os.write(release_write, b"x")
                assert _read_acks(fd, 1, buffer) == ["free"]
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            finally:
                os.close(handle)
    finally:
        os.close(release_read)
        os.close(release_write)


def test_move_aside_never_overwrites(tmp_path: Path) -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    first, second = tmp_path / "a.json", tmp_path / "a.json"
    first.write_text("1")
    moved_one = move_aside(first, now=now)
    second.write_text("2")
    moved_two = move_aside(second, now=now)
    assert moved_one != moved_two
    assert (moved_one.read_text(), moved_two.read_text()) == ("1", "2")
