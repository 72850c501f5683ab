"""Tracks drawn as text: meters with their thresholds, and sparklines.

Colour is never the only signal (projectors wash colours out; some players are
colour-blind): each threshold is a glyph in the bar and a word beside it, and the mark
that ends the game is a red ✖ with its outcome in capitals.
"""

from __future__ import annotations

from textual.content import Content

from ...common import sparkline
from ...engine.view import Mark, TrackView

RISES, FALLS, END, CAP = "▲", "▼", "✖", "┤"
FULL, EMPTY = "█", "·"
BAR_CELLS = 10


def glyph(mark: Mark) -> str:
    return END if mark.end else (RISES if mark.when == "rises" else FALLS)


def reached(mark: Mark, value: int) -> bool:
    return value >= mark.at if mark.when == "rises" else value <= mark.at


def end_word(mark: Mark) -> str:
    """The word a game-ending mark is known by: its outcome id in capitals ("WAR")."""
    return (mark.end or "").replace("-", " ").upper()


def danger(track: TrackView) -> str:
    """The style of a meter's fill: how close it is to its catastrophe or a mark."""
    end = next((m for m in track.marks if m.end), None)
    if end is not None and abs(end.at - track.value) <= 3:
        return "$error"
    if any(reached(m, track.value) for m in track.marks):
        return "$warning"
    return "$success" if end is not None else "$accent"


def _cell_values(track: TrackView) -> list[int]:
    """The value each cell of the bar stands for, lowest first."""
    span = track.max - track.min
    if span <= 2 * BAR_CELLS:
        return list(range(track.min + 1, track.max + 1))
    return [track.min + round(span * (k + 1) / BAR_CELLS) for k in range(BAR_CELLS)]


def bar(track: TrackView) -> Content:
    """The meter itself: filled cells up to the value, marks drawn as glyphs at their
    cell (in reverse video once filled, so the fill still shows through)."""
    fill = danger(track)
    marks = {m.at: m for m in track.marks}
    parts: list[tuple[str, str]] = []
    for v in _cell_values(track):
        filled = track.value >= v
        mark = marks.get(v)
        if mark is not None:
            style = "$error bold" if mark.end else "bold"
            parts.append((glyph(mark), f"{style} reverse" if filled else style))
        elif track.cap is not None and v == track.cap:
            parts.append((CAP, "bold reverse" if filled else "bold"))
        else:
            parts.append((FULL, fill) if filled else (EMPTY, "$text-muted"))
    return Content.assemble(*parts)


def notes(track: TrackView, wide: bool) -> list[Content]:
    """The words beside a meter, one item a mark: the mark that ends the game first (it
    must always show), then marks reached (in capitals), then marks ahead, then a cap."""
    items: list[Content] = []
    for m in track.marks:
        if m.end:
            items.append(Content.styled(f"{END}{m.at} {end_word(m)}", "bold $error"))
    for m in track.marks:
        if reached(m, track.value) and not m.end:
            items.append(Content.styled(f"{glyph(m)} {m.name.upper()}", "bold $warning"))
    for m in track.marks:
        if not m.end and not reached(m, track.value):
            items.append(Content.styled(f"{glyph(m)}{m.at}" + (f" {m.name}" if wide else ""), "$text-muted"))
    if track.cap is not None:
        items.append(Content.styled(f"{CAP}cap {track.cap}", "$text-muted"))
    return items


def meter_lines(track: TrackView, label_width: int, width: int, wide: bool = False) -> list[Content]:
    """A meter in `width` cells: label, bar, value and the notes that fit on the first
    line; what does not fit (the rest of a long label, further notes) on lines under it,
    indented, so that nothing is cut."""
    counter = track.style == "counter"
    cells = 0 if counter else len(_cell_values(track))
    room = label_width + (1 + BAR_CELLS if counter else 0)  # a counter's label may use the bar's place
    if not counter and len(track.name) > room:  # a short bar lends its unused cells to a long name
        room += BAR_CELLS - cells
    if len(track.name) > room:  # rather than wrap, a long name pushes the value right, if the line allows
        room = max(room, min(len(track.name), width - cells - 4))
    head = (Content(track.name).wrap(room) or [Content("")])[0]
    rest = track.name[len(head.plain) :].strip()
    line = Content.assemble(head.truncate(room, pad=True), " ")
    if counter:
        line += Content.styled(f"{track.value:>3}", "bold")
        items: list[Content] = []
    else:
        line += Content.assemble(bar(track), (f"{track.value:>3}", "bold"))
        items = notes(track, wide)
    while items and line.cell_length + 1 + items[0].cell_length <= width:
        line += Content(" ") + items.pop(0)
    more = Content(" ").join(([Content(rest)] if rest else []) + items)
    under = more.wrap(max(8, width - 2)) if more.cell_length else []
    return [line, *(Content("  ") + u for u in under)]


def spark(track: TrackView, values: tuple[int, ...]) -> str:
    """A track's path over the game as a sparkline, scaled to the track's bounds
    (counters, which have no useful bounds, to their own range)."""
    lo, hi = (min(values), max(values)) if track.style == "counter" else (track.min, track.max)
    return sparkline(list(values), lo, hi)
