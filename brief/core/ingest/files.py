"""Walking the paths a user opened and reading each file's bytes, defensively."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 8 * 1024 * 1024
"""Files larger than this are read only up to it, with a warning on the source."""


Stamp = tuple[int, int, int]
"""What tells a file's versions apart cheaply: its size, modification time and change time (ns).
The change time moves on any write, replacement or change of permissions."""


def stamp_of(info: os.stat_result) -> Stamp:
    """A file's stamp from its stat."""
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns


@dataclass(frozen=True, slots=True)
class FileBytes:
    """The bytes read from one file, or why they could not be read."""

    path: Path
    """The file, as the user named it or as found under a folder."""
    data: bytes = b""
    """The bytes read (at most MAX_BYTES)."""
    size: int = 0
    """The file's full size in bytes."""
    error: str = ""
    """A one-line reason when the file could not be read; empty on success."""

    @property
    def truncated(self) -> bool:
        """True when only the first MAX_BYTES of the file were read."""
        return self.size > len(self.data) and not self.error


def _os_reason(error: OSError, path: Path | None = None) -> str:
    """A one-line reason for an OS error met while reading a file."""
    if error.errno == errno.ENOENT and path is not None and os.path.islink(path):
        return "broken symbolic link"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        return "file vanished before it could be read"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EISDIR:
        return "is a directory"
    return error.strerror or str(error)


def read_file(path: Path, limit: int = MAX_BYTES) -> FileBytes:
    """Read up to `limit` bytes of a regular file; never raises for OS trouble."""
    try:
        info = os.stat(path)
    except OSError as error:
        return FileBytes(path, error=_os_reason(error, path))
    if not stat.S_ISREG(info.st_mode):
        return FileBytes(path, error="not a regular file (device, pipe or socket)")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return FileBytes(path, error=_os_reason(error))
    try:
        chunks: list[bytes] = []
        remaining = limit
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    except OSError as error:
        return FileBytes(path, error=_os_reason(error))
    finally:
        os.close(fd)
    return FileBytes(path, data=data, size=max(info.st_size, len(data)))


def _is_hidden(name: str) -> bool:
    """True for names a folder walk skips."""
    return name.startswith(".")


@dataclass(frozen=True, slots=True)
class Walked:
    """A file found under the paths opened, with its stat; or a path that cannot be walked."""

    path: Path
    """The file (or the path that failed)."""
    info: os.stat_result | None = None
    """What `os.stat` said of the file (links followed); None with a reason."""
    reason: str = ""
    """Why the path cannot be walked; empty for a file."""


def walk(paths: Sequence[Path]) -> Iterator[Walked]:
    """Every file under the given paths, in a stable order, each stat'ed once.

    Folders are walked recursively, hidden entries skipped, symbolic-link loops
    broken. A path that cannot be walked comes with its reason.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()

    def visit(path: Path, info: os.stat_result | None = None) -> Iterator[Walked]:
        if info is None:
            try:
                info = os.stat(path)
            except OSError as error:
                yield Walked(path, reason=_os_reason(error, path))
                return
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in seen_dirs:
                if os.path.islink(path):
                    yield Walked(path, reason="symbolic link loop (folder already read)")
                return
            seen_dirs.add(key)
            try:
                with os.scandir(path) as found:
                    entries = sorted(found, key=lambda entry: entry.name)
            except OSError as error:
                yield Walked(path, reason=_os_reason(error))
                return
            for entry in entries:
                if _is_hidden(entry.name):
                    continue
                child = path / entry.name
                try:
                    child_info = entry.stat()
                except OSError as error:
                    yield Walked(child, reason=_os_reason(error, child))
                    continue
                yield from visit(child, child_info)
            return
        name = str(path)
        if name in seen_files:
            return
        seen_files.add(name)
        yield Walked(path, info)

    for path in paths:
        yield from visit(path)


def count_files(paths: Sequence[Path]) -> int:
    """How many entries reading `paths` walks through (files, and folders it cannot read), for
    the progress shown meanwhile: from the folders' listings, without looking at each file as
    the walk does (see `walk`: hidden names skipped, link loops and files named twice once)."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()

    def visit(path: str, folder: bool | None = None) -> int:
        if folder is False:
            if path in seen_files:
                return 0
            seen_files.add(path)
            return 1
        try:
            info = os.stat(path)
        except OSError:
            return 1
        if not stat.S_ISDIR(info.st_mode):
            return visit(path, False)
        if (info.st_dev, info.st_ino) in seen_dirs:
            return 1 if os.path.islink(path) else 0
        seen_dirs.add((info.st_dev, info.st_ino))
        count = 0
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if not _is_hidden(entry.name):
                        try:
                            inner = entry.is_dir()
                        except OSError:
                            inner = False
                        count += visit(entry.path, None if inner else False)
        except OSError:
            return 1
        return count

    return sum(visit(str(path)) for path in paths)
