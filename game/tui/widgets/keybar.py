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
        parts: list[Content] = []
        self.spans = []
        seen: set[str] = set()
        x = 1
        bindings = self.screen.active_bindings
        shown = [(b, enabled) for _, b, enabled, _ in bindings.values() if b.show and b.description]
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        for binding, enabled in shown:
            action = binding.action.removeprefix("app.")
            if action in seen:
                continue
            seen.add(action)
            key = self.app.get_key_display(binding)
            item = Content.assemble(
                (key, "bold $accent" if enabled else "$text-muted"),
                (f" {binding.description}", "" if enabled else "$text-muted"),
            )
            self.spans.append((x, x + item.cell_length, binding.key.split(",")[0]))
            parts.append(item)
            x += item.cell_length + 2
        line = Content(" ") + Content("  ").join(parts)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            tail = Content.assemble(
                (f" {self.app.get_key_display(palette.binding)} ", "bold reverse"), " commands "
            )
            width = self.content_size.width
            if line.cell_length + tail.cell_length < width:
                line = line + Content(" " * (width - line.cell_length - tail.cell_length)) + tail
                self.spans.append((width - tail.cell_length, width, palette.binding.key))
        return line

    def on_click(self, event: events.Click) -> None:
        key = next((k for start, end, k in self.spans if start <= event.x < end), None)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
