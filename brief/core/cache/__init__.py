"""The library cache: what each file of a pack read as, kept so reopening reads no file twice."""

from __future__ import annotations

from brief.core.cache.lazy import CachedSource
from brief.core.cache.store import (
    CACHE_ENV,
    INGEST_VERSION,
    CacheStats,
    FileKey,
    LibraryCache,
    content_digest,
    default_cache_dir,
    reader_version,
)

__all__ = [
    "CACHE_ENV",
    "INGEST_VERSION",
    "CacheStats",
    "CachedSource",
    "FileKey",
    "LibraryCache",
    "content_digest",
    "default_cache_dir",
    "reader_version",
]
