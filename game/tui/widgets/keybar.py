"""The keys that work now, on the bottom line.

Textual's `Footer` builds a widget per key and rebuilds them every time the screen
changes, which made each pass of the keyboard noticeably slower; this bar draws the
same bindings as one line of text. A click on a key presses it.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        bindings = self.screen.active_bindings
        items: list[tuple[Content, str, bool, str]] = []
        seen: set[str] = set()
        for _, binding, enabled, _ in bindings.values():
            action = binding.action.removeprefix("app.")
            if not binding.show or not binding.description or action in seen:
                continue
            seen.add(action)
            item = Content.assemble(
                (self.app.get_key_display(binding), "bold $accent" if enabled else "$text-muted"),
                (f" {binding.description}", "" if enabled else "$text-muted"),
            )
            items.append((item, binding.key.split(",")[0], enabled, action))
        items = fitted(items, width)
        self.spans = []
        parts: list[Content] = []
        x = 1
        for item, key, _, _ in items:
            self.spans.append((x, x + item.cell_length, key))
            parts.append(item)
            x += item.cell_length + 2
        line = Content(" ") + Content("  ").join(parts)
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            tail = Content.assemble((self.app.get_key_display(palette.binding), "bold $accent"), " commands ")
            if line.cell_length + tail.cell_length < width:
                line = line + Content(" " * (width - line.cell_length - tail.cell_length)) + tail
                self.spans.append((width - tail.cell_length, width, palette.binding.key))
        return line.truncate(width, ellipsis=True)

    def on_click(self, event: events.Click) -> None:
        key = next((k for start, end, k in self.spans if start <= event.x < end), None)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)


def room(items: list[tuple[Content, str, bool, str]]) -> int:
    return 1 + sum(i[0].cell_length + 2 for i in items)


def fitted(items: list[tuple[Content, str, bool, str]], width: int) -> list[tuple[Content, str, bool, str]]:
    """The keys the bar has room for, never cut in the middle: all of them if they fit;
    else those that work now; else, in the screen's order, as many of those as fit
    before Help, which is always kept (it lists every key)."""
    if room(items) <= width:
        return items
    items = [i for i in items if i[2]]
    if room(items) <= width:
        return items
    helps = [i for i in items if i[3] == "help"]
    kept: list[tuple[Content, str, bool, str]] = []
    for item in items:
        if item not in helps and room([*kept, item, *helps]) <= width:
            kept.append(item)
    return kept + helps
