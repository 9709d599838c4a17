"""What a date phrase says, before it is placed against a publication date."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from brief.core.timeline.values import Precision


class Relation(StrEnum):
    """How a name without a year ("May", "Friday", "summer") relates to the time of writing."""

    NEAREST = ""
    """No word says: the tense of the clause decides."""
    LAST = "last"
    """The latest one before the time of writing ("last May")."""
    NEXT = "next"
    """The first one after the time of writing ("next Friday")."""
    THIS = "this"
    """The one in the current year or week ("this Wednesday")."""


@dataclass(frozen=True, slots=True)
class Expr:
    """The parts of a date phrase: explicit fields, or shifts from the publication date."""

    precision: Precision
    """The unit of the value the phrase names."""
    year: int | None = None
    """The year, when the phrase gives it."""
    month: int | None = None
    """The month (1-12), when named."""
    day: int | None = None
    """The day of the month, when given."""
    part: str = ""
    """A part of a year ("H2", "Q3", season "SU") or the digits of a decade or century."""
    weekday: int | None = None
    """A named weekday (0 is Monday)."""
    shift: int | None = None
    """A count of `shift_unit` from the publication date ("last week" -1, "two years ago" -2)."""
    shift_unit: Precision | None = None
    """The unit `shift` counts in (a year for "the second half of this year")."""
    relation: Relation = Relation.NEAREST
    """For a name without a year, which one is meant."""
    clock: str = ""
    """A time of day: "15:00" or a TIMEX3 part of the day ("AF")."""
    edge: str = ""
    """For "the end of the year": which part of the unit is named ("start", "middle", "end")."""
    holiday: str = ""
    """A holiday's key ("christmas", "easter"), placed within a year by its own rule."""
    weekend: bool = False
    """True for a weekend rather than a whole week."""
    end: Expr | None = None
    """The other end of a range ("May or June", "2009-2010")."""

    @property
    def relative(self) -> bool:
        """True when the phrase needs the publication date to be placed."""
        if self.end is not None and self.end.relative:
            return True
        if self.precision in (Precision.DECADE, Precision.CENTURY):
            return False
        return self.year is None
