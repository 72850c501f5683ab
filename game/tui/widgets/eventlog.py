"""The event log in plain words, as the seat shown may see it.

The panel shows the latest lines that fit, wrapped to its width with a hanging indent
(so it stays right when the terminal is resized); the whole log is one key away.
Lines come from the view, so the cards a seat drew are named only in its own view.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ...engine.view import LogLine, SeatView

STYLES = {
    "round": "bold reverse",
    "phase": "bold",
    "crisis": "bold",
    "reveal": "bold",
    "threshold": "bold $warning",
}


def line_content(line: LogLine) -> Content:
    """One log line: round and phase headings flush left, events indented."""
    if line.kind == "round":
        return Content.styled(f" {line.text} ", STYLES["round"])
    indent = "" if line.kind == "phase" else "  "
    return Content.styled(indent + line.text, STYLES.get(line.kind, ""))


def log_content(lines: tuple[LogLine, ...]) -> Content:
    return Content("\n").join(line_content(line) for line in lines)


class EventLog(Widget):
    """The tail of the log of the view shown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: tuple[LogLine, ...] = ()

    def show(self, seen: SeatView) -> None:
        self.lines = seen.log
        self.refresh()

    def render(self) -> Content:
        width, height = self.content_size.width, self.content_size.height
        if width < 8 or height < 1:
            return Content("")
        out: list[Content] = []
        for line in reversed(self.lines):
            hang = "    " if line.kind not in ("round", "phase") else "  "
            first, *rest = line_content(line).wrap(width - len(hang))
            rows = [first, *(Content(hang) + row for row in rest)]
            out[:0] = rows
            if len(out) >= height:
                break
        return Content("\n").join(out[-height:])
