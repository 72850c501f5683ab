"""The table's panels: each draws one part of a `SeatView` and nothing else.

A panel is given a view with `show(view)` and redraws itself at its own width, so the
same panel serves the 80-column and the 120-column layouts.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ...engine.model import Objective
from ...engine.view import CardView, SeatView, TrackView
from .meters import glyph, meter_lines, reached

WIDE = 50  # a panel at least this wide spells things out


def hang(prefix: Content | str, body: Content, width: int) -> list[Content]:
    """`body` wrapped after `prefix`, its further lines indented as far as the prefix."""
    prefix = Content(prefix) if isinstance(prefix, str) else prefix
    indent = " " * prefix.cell_length
    first, *rest = body.wrap(max(8, width - prefix.cell_length)) or [Content("")]
    return [prefix + first, *(Content(indent) + line for line in rest)]


class Panel(Widget):
    """A titled part of the table that draws the view it was last shown."""

    DEFAULT_CSS = "Panel { height: auto; }"

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.seen: SeatView | None = None
        self.drawn: Content | None = None

    def show(self, seen: SeatView) -> None:
        """Redraw if what the panel shows has changed (a bot's move often changes
        little), and lay the screen out again only if its height changed."""
        self.seen = seen
        before = self.drawn
        self.drawn = self.draw(seen, self.content_size.width or 40)
        if before is None or not self.drawn.is_same(before):
            lines = self.drawn.plain.count("\n")
            self.refresh(layout=before is None or lines != before.plain.count("\n"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height of what the panel draws at the width the layout offers: after a
        resize that is not yet the panel's own width, which `render` draws at."""
        if self.seen is None or not width:
            return super().get_content_height(container, viewport, width)
        return len(self.draw(self.seen, width).wrap(width))

    #: The last line of a panel too short for what it draws: which key shows all of it.
    MORE: Content | None = None

    def render(self) -> Content:
        if self.seen is None:
            return Content("")
        width = self.content_size.width or 40
        self.drawn = self.draw(self.seen, width)
        if self.MORE is None:
            return self.drawn
        lines = self.drawn.wrap(width)
        height = self.content_size.height
        if 0 < height < len(lines):
            return Content("\n").join([*lines[: height - 1], self.MORE])
        return self.drawn

    def draw(self, seen: SeatView, width: int) -> Content:
        raise NotImplementedError


class StatusBar(Widget):
    """The top line: where in the game we are, on the left; who must act, on the right."""

    DEFAULT_CSS = "StatusBar { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.where = Content("")
        self.who = Content("")

    def set(self, where: Content | str, who: Content | str) -> None:
        self.where = Content(where) if isinstance(where, str) else where
        self.who = Content(who) if isinstance(who, str) else who
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        gap = max(1, width - self.where.cell_length - self.who.cell_length)
        return Content.assemble(self.where, " " * gap, self.who).truncate(width, ellipsis=True)


class WorldPanel(Panel):
    """The global tracks as meters."""

    def draw(self, seen: SeatView, width: int) -> Content:
        label = self.label_width(seen, width)
        wide = width >= WIDE + 10
        return Content("\n").join(line for t in seen.tracks for line in meter_lines(t, label, width, wide))

    @staticmethod
    def label_width(seen: SeatView, width: int) -> int:
        """The meters' labels: as long as the longest name (up to 22) when the panel is
        wide; else as long as the longest name that leaves room for the bar, the value
        and a game-ending mark with one more ("✖10 WAR ▲7"): no longer, so that a mark
        reached is named beside its meter where it can, not on a line of its own. A
        longer name pushes its own bar right (`meter_lines`)."""
        if width >= WIDE:
            return min(max(len(t.name) for t in seen.tracks), 22)
        most = max(16, width - 25)
        return max((len(t.name) for t in seen.tracks if len(t.name) <= most), default=most)


def _cell(track: TrackView) -> Content:
    """A seat or relation value, with a glyph once one of its marks is reached."""
    hit = [m for m in track.marks if reached(m, track.value)]
    text = f"{track.value:>2}" + (glyph(hit[0]) if hit else " ")
    return Content.styled(text, "bold $warning" if hit else "")


class NationsPanel(Panel):
    """One row per seat: its own tracks, cards in hand and who plays it."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(title, id=id)
        self.players: Mapping[str, str] = {}

    def draw(self, seen: SeatView, width: int) -> Content:
        wide = width >= WIDE
        names = [t.name for t in seen.seats[0].tracks] if seen.seats else []
        name_w = max(len(s.name if wide else s.short) for s in seen.seats)
        fixed = 2 + name_w + 6 + len("search bot")  # marker, nation, hand, a bot's word whole
        whole = [max(4, len(n) + 1) for n in names]  # a column as wide as its name, and a space
        cols = whole if wide and fixed + sum(whole) <= width else [4] * len(names)
        head = Content.assemble(
            "  ",
            " " * name_w,
            *(f"{n if len(n) < c else n[:3]:>{c}}" for n, c in zip(names, cols, strict=True)),
            " Hand ",
            "Player",
        )
        rows = [head.stylize("$text-muted").truncate(width)]
        legend = self.legend(seen.seats[0].tracks if seen.seats else (), cols)
        to_act = seen.prompt.seat if seen.prompt else None
        for s in seen.seats:
            marker = ("▶", "bold $accent") if s.id == to_act else ("✓", "") if s.committed else (" ", "")
            who = self.players.get(s.id, "")
            if s.skips:
                who = f"skips {s.skips} · {who}"
            row = Content.assemble(
                marker,
                " ",
                ((s.name if wide else s.short).ljust(name_w), "bold" if s.id == to_act else ""),
                *(Content.assemble(" " * (c - 3), _cell(t)) for t, c in zip(s.tracks, cols, strict=True)),
                f" {s.hand_size:>4} ",
                (who, "$text-muted"),
            )
            rows.append(row.truncate(width, ellipsis=True))
        if legend.cell_length:
            rows += legend.wrap(width)
        return Content("\n").join(rows)

    @staticmethod
    def legend(tracks: tuple[TrackView, ...], cols: list[int]) -> Content:
        """What the columns stand for: the full name of each cut to three letters (its
        first letters, so the name alone says it), and each column's marks
        ("Support ▼0")."""
        items = []
        for t, c in zip(tracks, cols, strict=True):
            marks = "".join(f" {glyph(m)}{m.at}" for m in t.marks)
            if len(t.name) >= c or marks:
                items.append(f"{t.name}{marks}")
        return Content.styled(" · ".join(items), "$text-muted")


class AlliancesPanel(Panel):
    """The relations between seats (alliance cohesion, credibility): a row each, with
    the marks it has reached in words on the row where they fit, else on a line of
    their own under the rows."""

    def draw(self, seen: SeatView, width: int) -> Content:
        if not seen.relations:
            return Content.styled("none", "$text-muted")
        name_w = max(len(r.name) for r in seen.relations)
        tracks = seen.relations[0].tracks
        marks = [" ".join(f"{glyph(m)}{m.at}" for m in t.marks) for t in tracks]
        heads = [[f"{t.name} {m}".rstrip() for t, m in zip(tracks, marks, strict=True)]]
        if name_w + sum(len(h) + 2 for h in heads[0]) > width:  # too narrow: the marks go below
            heads = [[t.name for t in tracks], marks]
        cols = [max(4, *(len(h[i]) for h in heads)) + 2 for i in range(len(tracks))]
        lines = [
            Content.assemble(" " * name_w, *(f"{n:>{c}}" for n, c in zip(h, cols, strict=True)))
            .stylize("$text-muted")
            .truncate(width)
            for h in heads
        ]
        notes = []
        for r in seen.relations:
            cells = [Content.assemble(" " * (c - 3), _cell(t)) for t, c in zip(r.tracks, cols, strict=False)]
            row = Content.assemble((r.name.ljust(name_w), "bold"), *cells).truncate(width)
            hit = " · ".join(
                f"{glyph(m)} {m.name.upper()}" for t in r.tracks for m in t.marks if reached(m, t.value)
            )
            if hit and row.cell_length + 1 + len(hit) <= width:
                row += Content.styled(f" {hit}", "bold $warning")
            elif hit:
                notes += Content.styled(f"{r.name}: {hit}", "bold $warning").wrap(width)
            lines.append(row)
        return Content("\n").join(lines + notes)


def in_force_text(seen: SeatView) -> Content:
    """Flags in force, ongoing effects with the rounds they have left, and the cards a
    seat is known to hold (put into its hand in the open)."""
    items = [Content.styled(f.name, "bold") for f in seen.flags]
    items += [
        Content.assemble(
            (o.name, "bold"), f" ({o.rounds_left} round{'s' if o.rounds_left != 1 else ''} left)"
        )
        for o in seen.ongoing
    ]
    items += [  # public: an effect put these cards into the seat's hand in the open
        Content.assemble((s.name, "bold"), " holds ", ", ".join(s.known)) for s in seen.seats if s.known
    ]
    return Content(" · ").join(items) if items else Content.styled("nothing in force", "$text-muted")


class InForcePanel(Panel):
    """What is in force (`in_force_text`); when the panel is too short for all of it,
    its last line says which key shows all of it (with the crisis card)."""

    MORE = Content.styled("… c: all that is in force", "bold $accent")

    def draw(self, seen: SeatView, width: int) -> Content:
        return in_force_text(seen)


def card_meta(card: CardView) -> str:
    """ "diplomacy · cost 1 resources · ops 2" """
    cost = ", ".join(f"{n} {what}" for what, n in card.cost.items())
    parts = [card.kind, f"cost {cost}" if cost else "free"]
    if card.ops:
        parts.append(f"ops {card.ops}")
    return " · ".join(parts)


def crisis_text(seen: SeatView) -> Content:
    """The crisis card of the round in full: name, kind and side, text, quote."""
    card = seen.crisis
    if card is None:
        return Content.styled("No crisis card this round yet.", "$text-muted")
    side = next((s.name for s in seen.seats if s.id == card.side), None)
    return Content.assemble(
        (card.name, "bold"),
        (f"  {card.kind}" + (f" · {side}" if side else ""), "$text-muted"),
        "\n",
        card.text,
        "\n",
        (card.source, "italic $text-muted"),
    )


class CrisisPanel(Panel):
    """The crisis card of the round; when the panel is too short for all of it, its
    last line says which key shows the whole card."""

    MORE = Content.styled("… c: the whole card", "bold $accent")

    def draw(self, seen: SeatView, width: int) -> Content:
        return crisis_text(seen)


class ObjectivesPanel(Panel):
    """The deciding seat's objectives, its secret one included (private)."""

    def draw(self, seen: SeatView, width: int) -> Content:
        me = next((s for s in seen.seats if s.id == seen.viewer), None)
        if me is None:
            return Content.styled("Hands and secret objectives are hidden.", "$text-muted")
        return objectives_text(me.objectives, me.secret)


def objectives_text(public: tuple[Objective, ...], secret: tuple[Objective, ...]) -> Content:
    """Objectives as a list: public ones, then secret ones marked as such."""
    lines = [Content.assemble(("◆ ", "bold"), (o.name, "bold"), f" — {o.text}") for o in public]
    lines += [
        Content.assemble(("◇ ", "bold"), (o.name, "bold"), (" (secret)", "italic"), f" — {o.text}")
        for o in secret
    ]
    return Content("\n").join(lines)
