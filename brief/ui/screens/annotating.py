"""The keys that mark a source: highlight, colour, note, delete, undo and the annotations panel."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from brief.core.text import shorten
from brief.ui.widgets.reader import Mark, Reader

if TYPE_CHECKING:
    from brief.core.annotations.placement import Placement
    from brief.core.annotations.session import AnnotationSession
    from brief.core.colours import Colour
    from brief.core.model import Source
    from brief.ui.screens.annotations import PanelChoice

# The annotation modules are imported when a key first needs them: the first frame of the
# reading room is drawn without them (the session is opened by the pack's load worker).

EXPORT_NAME = "brief-notes.md"
"""The file `E` writes (numbered when it exists: brief-notes-2.md, ...)."""


def _colour_binding(number: int) -> Binding:
    return Binding(str(number), f"colour({number})", f"Colour {number}", show=False,
                   tooltip=f"Colour {number} for the highlight at the cursor",
                   id=f"annotate.colour_{number}")  # fmt: skip


class AnnotatingScreen(Screen[None], inherit_bindings=False):
    """A screen with a reader whose text the user highlights and annotates.

    Subclasses provide the reader, the source on show and the session, and redraw what
    depends on annotations in `annotations_changed`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "highlight", "Highlight",
                tooltip="Highlight the selection, match or sentence",
                id="annotate.highlight"),
        *[_colour_binding(number) for number in range(1, 6)],
        Binding("a", "note", "Note", tooltip="Add or edit the note of the highlight at the cursor",
                id="annotate.note"),
        Binding("x", "delete", "Delete", show=False,
                tooltip="Delete the highlight at the cursor", id="annotate.delete"),
        Binding("u", "undo", "Undo", show=False, tooltip="Undo the last annotation change",
                id="annotate.undo"),
        Binding("A", "annotations", "Notes", tooltip="Every highlight and note: filter, jump",
                id="annotate.panel"),
        Binding("y", "copy", "Copy", show=False,
                tooltip="Copy selection, highlight or sentence, with citation",
                id="annotate.copy"),
        Binding("E", "export", "Export", show=False,
                tooltip="Export the highlights as Markdown to a new file here",
                id="annotate.export"),
    ]  # fmt: skip

    colours: Mapping[int, Colour]
    """The highlight colours and what they mean to the user."""
    current: Source | None
    """The source on show."""
    reattaching: Placement | None = None
    """An annotation waiting for a new selection (`h` re-attaches it instead of adding)."""

    @property
    def session(self) -> AnnotationSession:
        """The annotations of the loaded sources (provided by the screen)."""
        raise NotImplementedError

    @property
    def reader(self) -> Reader:
        """The reading pane."""
        return self.query_one(Reader)

    def annotations_changed(self, source_id: str | None = None) -> None:
        """Redraw highlights and counts after a change (overridden by the screen)."""
        self.show_highlights()

    def open_source(self, source_id: str, focus: bool = True) -> None:
        """Show a source (overridden by the screen)."""

    def binding_description(self, binding: Binding) -> str | None:
        """Help text for the colour keys, with the meaning the user gave each colour."""
        if binding.id and binding.id.startswith("annotate.colour_"):
            colour = self.colours[int(binding.id.rsplit("_", 1)[1])]
            return f"Colour {colour.number}: {colour.name}, {colour.meaning}"
        return None

    def show_highlights(self) -> None:
        """Draw the current source's highlights in their colours."""
        if self.current is None:
            self.reader.set_highlights([])
            return
        marks = [
            Mark(p.start, p.end, f"reader--hl-{p.annotation.color}")
            for p in self.session.on_source(self.current.id)
            if p.start is not None and p.end is not None
        ]
        self.reader.set_highlights(marks)

    def _under_cursor(self) -> Placement | None:
        """The highlight at the reading cursor (or the selection or match), if any."""
        span = self.reader.annotation_target()
        if self.current is None or span is None:
            return None
        return self.session.under(self.current.id, *span)

    def _change(self, what: str, apply: Callable[[], object]) -> bool:
        """Run a store change, telling the user when it can't be made."""
        from brief.core.annotations.store import StoreError

        try:
            apply()
        except (StoreError, ValueError) as error:
            self.notify(f"Could not save the {what}: {error}", severity="error", timeout=8)
            return False
        return True

    def _describe(self, colour: int) -> str:
        found = self.colours[colour]
        return f"{found.name}, {found.meaning}"

    def action_highlight(self) -> None:
        """Highlight the selection, else the match just jumped to, else the sentence."""
        source, span = self.current, self.reader.annotation_target()
        if source is None or span is None:
            self.notify("Nothing to highlight here.")
            return
        start, end = span
        if self.reattaching is not None:
            item = self.reattaching
            if self._change("highlight", lambda: self.session.reattach(
                    item.annotation.id, source, start, end)):  # fmt: skip
                self.reattaching = None
                self.reader.clear_selection()
                self.annotations_changed(source.id)
                self.notify("Highlight re-attached to the new passage.")
            return
        existing = self.session.under(source.id, start, end)
        if existing is not None and (existing.start, existing.end) == (start, end):
            self.notify("Already highlighted: 1-5 change its colour, a adds a note.")
            return
        if self._change("highlight", lambda: self.session.highlight(source, start, end)):
            self.reader.clear_selection()
            self.annotations_changed(source.id)
            quote = shorten(source.body[start:end], 50)
            self.notify(f"Highlighted ({self._describe(1)}): “{quote}”")

    def action_colour(self, number: int) -> None:
        """Set the colour of the highlight at the cursor (highlighting it first if needed)."""
        source = self.current
        if source is None:
            return
        found = self._under_cursor()
        if found is None:
            span = self.reader.annotation_target()
            if span is None:
                return
            ok = self._change("highlight", lambda: self.session.highlight(source, *span, number))
        else:
            ok = self._change(
                "colour", lambda: self.session.set_colour(found.annotation.id, number)
            )
        if ok:
            self.reader.clear_selection()
            self.annotations_changed(source.id)
            self.notify(f"Colour {number}: {self._describe(number)}")

    def action_note(self) -> None:
        """Add or edit the note of the highlight at the cursor, creating the highlight if needed."""
        source, span = self.current, self.reader.annotation_target()
        if source is None or span is None:
            return
        found = self._under_cursor()
        quote = found.annotation.quote.exact if found else source.body[span[0] : span[1]]
        note = found.annotation.note if found else ""
        colour = self.colours[found.annotation.color if found else 1]

        def saved(text: str | None) -> None:
            if text is None or (found is not None and text == found.annotation.note):
                return
            if found is None:
                ok = self._change("note", lambda: self.session.highlight(source, *span, note=text))
                if ok:
                    self.reader.clear_selection()
            else:
                ok = self._change("note", lambda: self.session.set_note(found.annotation.id, text))
            if ok:
                self.annotations_changed(source.id)
                self.notify("Note saved.")

        from brief.ui.screens.note import NoteScreen  # its editor is slow to import

        self.app.push_screen(NoteScreen(quote, note, colour), callback=saved)

    def action_delete(self) -> None:
        """Delete the highlight at the cursor (u brings it back)."""
        found = self._under_cursor()
        if found is None:
            self.notify("No highlight at the cursor.")
            return
        if self._change("deletion", lambda: self.session.delete(found.annotation.id)):
            self.annotations_changed(self.current.id if self.current else None)
            self.notify("Highlight deleted: u brings it back.")

    def action_undo(self) -> None:
        """Take back the last annotation change (several levels)."""
        if not self.session.can_undo:
            self.notify("Nothing to undo.")
            return
        from brief.core.annotations.store import StoreError

        try:
            undone = self.session.undo()
        except StoreError as error:
            self.notify(f"Could not undo: {error}", severity="error", timeout=8)
            return
        if undone is not None:
            self.annotations_changed(undone.source_id)
            self.notify(f"Undone: {undone.what}.")

    def action_copy(self) -> None:
        """Copy the selection (or the highlight at the cursor, or the sentence) with a citation.

        The text goes to the user's own clipboard through the terminal (OSC 52), which works
        over SSH in most terminals.
        """
        source, span = self.current, self.reader.annotation_target()
        if source is None or span is None:
            self.notify("Nothing to copy here.")
            return
        found = None if self.reader.selected else self._under_cursor()
        if found is not None and found.start is not None and found.end is not None:
            span = (found.start, found.end)
        from brief.core.export import citation

        quote = source.body[span[0] : span[1]]
        user_date = self.session.store.source_date(source.id)
        self.app.copy_to_clipboard(citation(source, quote, user_date))
        self.reader.clear_selection()
        self.notify(f"Copied with its citation: “{shorten(quote, 60)}”")

    def action_export(self) -> None:
        """Write every highlight as a Markdown briefing to a new file in the current folder."""
        placements = self.session.placements
        if not placements:
            self.notify("No highlights to export yet: h highlights the sentence at the cursor.")
            return
        from brief.core.annotations.export import to_markdown
        from brief.core.durable import write_new_file

        text = to_markdown(placements, self.colours, self.session.store.source_dates())
        try:
            path = write_new_file(Path.cwd(), EXPORT_NAME, text)
        except OSError as error:
            self.notify(f"Could not export: {error}", severity="error", timeout=10)
            return
        count = len(placements)
        self.notify(f"Exported {count} highlight{'s' if count != 1 else ''} to {path}", timeout=10)

    def action_annotations(self) -> None:
        """Open the annotations panel."""
        from brief.ui.screens.annotations import AnnotationsScreen

        current = self.current.id if self.current else None
        screen = AnnotationsScreen(self.session.placements, self.colours, current)
        self.app.push_screen(screen, callback=self.panel_closed)

    def panel_closed(self, choice: PanelChoice | None) -> None:
        """Jump to the chosen annotation, or wait for a selection to re-attach it to."""
        if choice is None:
            return
        placed = choice.placement
        if choice.reattach:
            self.reattaching = placed
            self.notify(
                "Select the new passage (v, then w ) }) and press h to re-attach it.", timeout=10
            )
            return
        if placed.source is None or placed.start is None or placed.end is None:
            return
        self.open_source(placed.source.id)
        self.reader.jump_to(placed.start, placed.end)
