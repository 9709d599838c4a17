"""The pack read in workers, indexed for search and watched for changes, behind a screen."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.widgets import Static
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from brief.core.annotations.notefield import NoteField
    from brief.core.annotations.session import AnnotationSession
    from brief.core.cache import LibraryCache
    from brief.core.search import Searcher
    from brief.core.state import PackState
    from brief.core.watch import PackChanges, PackWatcher

# The pack's reading (loader, watch, cache), the annotations and search are imported in the
# workers that use them: the first frame is drawn without them.
from brief.core import collector
from brief.core.model import Library, PubDate, Source
from brief.core.text import shorten
from brief.ui.screens.annotating import AnnotatingScreen

BATCH_SECONDS = 0.25
"""How often the sidebar shows the sources read so far while a pack is being read."""

UI_SHARE = 4.0
"""While a pack is read, the next batch is shown no sooner than this many times as long as
showing the last one took (so redrawing a large sidebar takes at most a fifth of the time)."""

NEAR_END_SECONDS = 0.5
"""A batch is not shown when, at the pace so far, the rest of the pack is read sooner than
this: the whole list follows at once (a pack read from the cache is one redraw, not three)."""

WATCH_SECONDS = 3.0
"""How often the pack's files are looked at for changes (at least; large packs less often)."""


class PackLoadingScreen(AnnotatingScreen):
    """A screen whose pack and annotation store are read in workers, so that it paints at once.

    The library is shown as it is read, then indexed for search and watched for changed files.
    The screen lists and opens the sources: it provides `refresh_sidebar`, `refresh_title`,
    `remember_position`, `forget_read_flags` and `action_search`, and keeps `ordered` and
    `reading`.
    """

    ordered: list[Source]
    """The sources in the sidebar's order."""

    def __init__(self, paths: list[Path], store_path: Path | None, *, cache: bool = True) -> None:
        super().__init__()
        self.paths = paths
        """The pack's files and folders, as given."""
        self.use_cache = cache
        """Whether the pack is read through the library cache (``--no-cache`` turns it off)."""
        self.library_cache: LibraryCache | None = None
        """The library cache, once the load worker opened it (None without one)."""
        self.store_path = store_path
        """The annotation store given (``--store``), else None: ``$BRIEF_STORE`` or the data dir."""
        self._annotations: tuple[AnnotationSession, NoteField] | None = None
        self._annotations_lock = threading.Lock()
        self.library = Library()
        """The sources read so far (the whole pack once `finish_load` ran)."""
        self.watcher: PackWatcher | None = None
        """Notices files added, changed or removed once the pack is read."""
        self._next_check = 0.0
        self.checking = False
        """True while a pack shown as it was last listed is checked against its files."""
        self.searcher: Searcher | None = None
        """Search over the whole pack, once it is indexed."""
        self._search_wanted = False
        """The user asked for search before the index was ready."""

    def refresh_sidebar(self) -> None:
        """Re-sort and redraw the sidebar (provided by the screen)."""
        raise NotImplementedError

    def refresh_title(self, read: int | None = None) -> None:
        """Redraw the sidebar's title (provided by the screen)."""
        raise NotImplementedError

    def remember_position(self) -> None:
        """Note where the reader is in the source on show (provided by the screen)."""
        raise NotImplementedError

    def forget_read_flags(self) -> None:
        """Look the read flags up again: the pack changed (provided by the screen)."""
        raise NotImplementedError

    def action_search(self) -> None:
        """Open search (provided by the screen)."""
        raise NotImplementedError

    @property
    def session(self) -> AnnotationSession:
        """The annotations of the loaded sources (the store is read on first use)."""
        return self._open_annotations()[0]

    @property
    def notes(self) -> NoteField:
        """The user's notes as a search field, kept in step by `sync_notes`."""
        return self._open_annotations()[1]

    def _open_annotations(self) -> tuple[AnnotationSession, NoteField]:
        """Read the annotation store, once (any thread: the load worker does it first, off the
        UI thread, unless a key needs it sooner); its notices are shown by `store_notices`."""
        opened = self._annotations
        if opened is None:
            with self._annotations_lock:
                opened = self._annotations
                if opened is None:
                    from brief.core.annotations.notefield import NoteField
                    from brief.core.annotations.session import AnnotationSession
                    from brief.core.annotations.store import AnnotationStore

                    store = AnnotationStore.open(self.store_path)
                    opened = self._annotations = (AnnotationSession(store), NoteField())
        return opened

    def store_notices(self) -> None:
        """Show what the annotation store had to say (a file moved aside, read-only)."""
        notices = self.session.store.notices
        for notice in notices:
            self.notify(notice, severity="warning", timeout=15)
        notices.clear()

    @property
    def reading(self) -> PackState:
        """Where this pack was left: the open source, positions and read flags (the screen
        that keeps the reading state provides it)."""
        raise NotImplementedError

    @property
    def user_dates(self) -> dict[str, PubDate]:
        """Dates the user set on undated sources (from the annotation store)."""
        return self.session.store.source_dates()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> Library:
        """Read the pack off the UI thread, showing sources as they come, then index it.

        A pack read before is shown at once as it was then (its listing kept in the cache),
        and its files are then checked for changes since (see `watch_pack`)."""
        from brief.core.cache import LibraryCache
        from brief.core.ingest.files import count_files
        from brief.core.loader import iter_load, recall
        from brief.core.watch import PackWatcher

        if self.session.store.notices:  # the store is read here, off the UI thread
            self.app.call_from_thread(self.store_notices)
        cache = self.library_cache = LibraryCache() if self.use_cache else None
        recalled = recall(self.paths, cache) if cache is not None else None
        if recalled is not None:
            collector.settle()
            watcher = PackWatcher(self.paths, recalled.stamps)
            self.app.call_from_thread(self.finish_load, recalled.library, watcher)
            return recalled.library
        total = count_files(self.paths)
        library = Library()
        shown = cost = 0.0
        began = time.monotonic()
        for batch in iter_load(self.paths, cache=cache, interval=BATCH_SECONDS):
            library.sources += batch.sources
            library.skipped += batch.skipped
            done = len(library.sources) + len(library.skipped)
            now = time.monotonic()
            rest = (now - began) / max(done, 1) * (total - done)
            waiting = rest < NEAR_END_SECONDS or now - shown < UI_SHARE * cost
            if not waiting:
                self._show_progress(library, total)
                shown = time.monotonic()
                cost = shown - now
        self._cache_notices()
        collector.settle()
        self.app.call_from_thread(self.finish_load, library)
        self.watcher = PackWatcher(self.paths)  # once the list is shown: it looks at every file
        return library

    def finish_load(self, library: Library, watcher: PackWatcher | None = None) -> None:
        """The whole pack is read: list it (unless the last batch shown was the end), open a
        source, start indexing it for search. `watcher`: the pack was listed as it was last
        read; its files are then checked for changes since.

        The watcher is kept from here, on the UI thread: set by the worker, the periodic check
        (`check_pack`) could start a look at every file before the list was even shown."""
        shown = len(self.library.sources), len(self.library.skipped)
        self.library = library
        with collector.held():  # rows for every source: lasting objects, no garbage
            if shown != (len(library.sources), len(library.skipped)) or not library.sources:
                self.session.set_sources(library.sources)
                self.refresh_sidebar()
            self._open_first(loading=False)
            self.sync_notes()
        if watcher is not None:
            self.watcher = watcher
            self.checking = True
            self.refresh_title()
            self.watch_pack()  # indexes the pack once it is known to be as listed
        else:
            self.index()

    @work(thread=True, exclusive=True, group="index", description="search index")
    def index(self) -> None:
        """Build the search index off the UI thread, once the sidebar lists every source."""
        from brief.core.cache.lazy import releasing

        library = self.library
        searcher = self.new_searcher(releasing(library.sources))
        self.app.call_from_thread(self.indexed, library, searcher)

    def new_searcher(self, sources: Iterable[Source]) -> Searcher:
        """A searcher over the sources and the user's notes on them (any thread)."""
        from brief.core.search import DEFAULT_FIELDS, Searcher, SearchIndex

        searcher = Searcher(SearchIndex(sources, (*DEFAULT_FIELDS, self.notes.field)))
        collector.settle()  # no multi-second collector pauses over the index while reading
        return searcher

    def sync_notes(self) -> None:
        """Re-index the notes of the sources whose notes changed (only those), so that search
        finds what the user wrote a moment ago, here or in another session."""
        placements = self.session.placements
        if self.searcher is None:
            self.notes.update(placements)
        else:
            self.notes.sync(self.searcher.index, placements)

    def indexed(self, library: Library, searcher: Searcher) -> None:
        """Search is ready; open it if the user asked for it while the index was built."""
        if library is not self.library:
            return  # the pack changed meanwhile; its own index comes with the change
        self.searcher = searcher
        self.sync_notes()  # notes written while the index was built
        if self._search_wanted:
            self._search_wanted = False
            if self.app.screen is self:
                self.action_search()

    def _show_progress(self, library: Library, total: int) -> None:
        """From the load worker: show what is read so far (a copy: reading goes on)."""
        snapshot = Library(list(library.sources), list(library.skipped))
        done = len(library.sources) + len(library.skipped)
        self.app.call_from_thread(self.show_progress, snapshot, done, total)

    def show_progress(self, library: Library, done: int, total: int) -> None:
        """Show the sources read so far; the first (or the one left open) can be read at once."""
        self.library = library
        self.session.set_sources(library.sources)
        self.refresh_sidebar()
        if done < total:
            title = self.query_one("#sidebar-title", Static)
            title.update(Text(f"Reading the briefing… {done:,} of {total:,} files"))
        self._open_first()

    def _open_first(self, loading: bool = True) -> None:
        """Open the source left open last time as soon as it is read; else, once the whole
        pack is read, the first in the sidebar (meanwhile any row can be opened by hand)."""
        if self.current is not None or not self.ordered:
            return
        resumed = self.reading.open_source(self.library.sources)  # (in memory order: faster)
        if resumed is None and loading:
            return  # the newest (or the one left open) may come in a later batch
        self.open_source((resumed or self.ordered[0]).id, focus=False)

    @on(Worker.StateChanged)
    def loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.query_one("#sidebar-title", Static).update(Text(f"Could not read: {error}"))
            self.notify(f"Could not read the briefing: {error}", severity="error", timeout=10)

    def check_pack(self) -> None:
        """Look for files added, changed or removed (in a worker; slow packs less often)."""
        now = time.monotonic()
        if self.watcher is None or now < self._next_check or self._watching():
            return
        self._next_check = now + WATCH_SECONDS
        self.watch_pack()

    def _watching(self) -> bool:
        """True while the files are being checked (a large pack's check may take seconds)."""
        return any(worker.group == "watch" and not worker.is_finished for worker in self.workers)

    @work(thread=True, exclusive=True, group="watch")
    def watch_pack(self) -> None:
        """Re-read the pack when its files changed (the cache makes unchanged files free)."""
        from brief.core.loader import load_paths
        from brief.core.watch import library_changes

        watcher = self.watcher
        if watcher is None:
            return
        started = time.monotonic()
        changes = watcher.poll()
        self._next_check = time.monotonic() + max(WATCH_SECONDS, 20 * (time.monotonic() - started))
        if changes:
            library = load_paths(self.paths, cache=self.library_cache)
            self._cache_notices()
            changes = library_changes(self.library, library)  # what reads otherwise
            if changes:
                self.app.call_from_thread(self.pack_changed, library, changes)
                return
        if self.checking:
            self.app.call_from_thread(self.pack_checked)

    def _cache_notices(self) -> None:
        """Show what the library cache had to say since last asked (from a worker thread)."""
        cache = self.library_cache
        if cache is None:
            return
        while cache.notices:  # one at a time: another worker may add one meanwhile
            notice = cache.notices.pop(0)
            self.app.call_from_thread(self.notify, notice, severity="warning", timeout=10)

    def pack_checked(self) -> None:
        """The pack shown from its listing is as it was listed: index it for search."""
        self.checking = False
        self.refresh_title()
        self.index()

    def pack_changed(self, library: Library, changes: PackChanges) -> None:
        """Show the pack as it is now, keeping the source being read at its passage, and index
        it again (search goes on meanwhile in the index of the pack as it was)."""
        old = self.current
        self.remember_position()
        self.library = library
        self.checking = False
        self.forget_read_flags()
        self.session.set_sources(library.sources)
        self.sync_notes()
        self.refresh_sidebar()
        self.index()
        self.notify(f"The briefing changed: {changes.summary()}.", timeout=6)
        if old is None:
            self._open_first(loading=False)
            return
        same = next((s for s in self.ordered if s.id == old.id), None)
        if same is None:
            same = next((s for s in self.ordered if s.path == old.path), None)
        if same is None:
            self.current = None
            self.notify(f"“{shorten(old.title, 40)}” is no longer in the briefing.", timeout=8)
            self._open_first(loading=False)
        elif same is not old:
            self.current = None
            self.open_source(same.id, focus=self.reader.has_focus)
        else:
            self.show_highlights()
