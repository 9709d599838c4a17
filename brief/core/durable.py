"""Crash-safe small files: atomic replace with a backup, a lock file, moving bad files aside."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from brief.core.text import utf8

FILE_MODE = 0o600
"""Permissions of every file written here: the user's notes are private."""


@dataclass(frozen=True, slots=True)
class Signature:
    """What identifies one version of a file cheaply, without reading it."""

    inode: int
    """The file's inode: a new one after every atomic replace."""
    size: int
    """The size in bytes."""
    mtime_ns: int
    """The modification time in nanoseconds."""


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept (``NAME.bak`` beside it)."""
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    """The lock file guarding `path` (``NAME.lock`` beside it; never deleted)."""
    return path.with_name(path.name + ".lock")


def signature(path: Path) -> Signature | None:
    """The file's current signature, or None when it does not exist."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return Signature(st.st_ino, st.st_size, st.st_mtime_ns)


def fsync_dir(directory: Path) -> None:
    """Flush a directory's entries (renames, new names) to disk."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock for `path` (blocking) for the duration of the block.

    The lock is a separate file so that replacing `path` does not lose it; the kernel
    releases it when the process dies, so a killed writer never leaves it held.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _keep_backup(path: Path) -> None:
    """Make ``NAME.bak`` the current version of `path`, atomically (hard link, else a copy)."""
    bak = backup_path(path)
    tmp = bak.with_name(f".{bak.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(path, tmp)
    except FileNotFoundError:
        return  # nothing to back up yet
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
            raise
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        _write_synced(fd, path.read_bytes())
    os.replace(tmp, bak)


def _write_synced(fd: int, data: bytes) -> None:
    """Give the new file open at `fd` mode 0600, write `data`, fsync it and close `fd`."""
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Replace `path` by `data` so that a crash at any instant leaves the old or the new file.

    The recipe: a temporary file in the same directory, written, flushed and fsynced with
    mode 0600; the previous version kept as ``NAME.bak``; an atomic rename over `path`; the
    directory fsynced. Call it under `locked(path)` when several processes write.
    """
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(name)
    try:
        _write_synced(fd, data)
        if backup:
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(directory)


def move_aside(path: Path, label: str = "corrupt", now: datetime | None = None) -> Path:
    """Rename a file that must not be overwritten to ``NAME.LABEL-TIMESTAMP``; return the name."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    os.replace(path, target)
    fsync_dir(path.parent)
    return target


def write_new_file(directory: Path, name: str, text: str) -> Path:
    """Write `text` to a file that did not exist: `name`, else `stem-2.suffix`, `stem-3...`.

    Never overwrites anything; returns the path written.
    """
    stem, suffix = Path(name).stem, Path(name).suffix
    for number in range(1, 10_000):
        path = directory / (name if number == 1 else f"{stem}-{number}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(utf8(text))
            handle.flush()
            os.fsync(handle.fileno())
        return path
    raise FileExistsError(errno.EEXIST, "no free file name", str(directory / name))
