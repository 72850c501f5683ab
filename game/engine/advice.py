"""The loader's warnings: what loads and plays, but is most likely a mistake.

A warning does not stop a scenario loading; `brink validate` shows it, located like
an error, and still exits 0. They are looked for once a scenario has no errors (on a
broken one they would echo its errors). Each says why it is probably not what was
meant:

- a shift larger than its track's whole range (`shift: tension, by: 11` on 0..10);
- a card (or option, or roll row) whose `text` says a track moves by a number that its
  effects do not: `text` is all a player reads, so it must not contradict the effects;
- a card no seat can ever play (its deck is nobody's; another seat's event with no
  `ops`; a cost above the track's maximum; a `requires` that can never hold; a
  reserve card nothing brings in);
- an objective whose conditions can never hold together, within the tracks' bounds
  and the game's rounds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import model, vocab
from .checks import Checker

_SIGNED = r"([+−-])\s?(\d+)"


def every_effect(effects: Iterable[vocab.Effect]) -> Iterator[vocab.Effect]:
    """Each effect and every effect nested in it (branches, options, rows, ongoing)."""
    for e in effects:
        yield e
        match e:
            case vocab.If():
                yield from every_effect((*e.then, *e.else_))
            case vocab.Choose():
                for o in e.options:
                    yield from every_effect(o.effects)
            case vocab.Roll():
                for row in e.table:
                    yield from every_effect(row.effects)
            case vocab.Ongoing():
                yield from every_effect(e.effects)


class Advisor(Checker):
    """Adds the warnings about a scenario that has loaded (or been salvaged)."""

    def __init__(self, sc: model.Scenario, origins: dict[int, Any], problems: list[Any]) -> None:
        super().__init__(origins, problems)
        self.sc = sc
        names: dict[str, str] = {}
        for t in sc.tracks:
            words = t.name.lower().split()
            for alias in {t.id, t.id.replace("-", " "), t.name.lower(), words[0] if words else t.id}:
                if len(alias) >= 4:
                    names.setdefault(alias, t.id)
        self.track_of = names
        alts = "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True))
        # "sanctions +2", "North Korea resources −2", "Missiles launched +1"
        self.said = re.compile(rf"\b({alts})\b(?:\s+[a-z]+)?\s*{_SIGNED}", re.IGNORECASE) if names else None
        self.added = {e.card for e in self._all_effects() if isinstance(e, vocab.AddCard)}

    def run(self) -> None:
        for e in self._all_effects():
            if isinstance(e, vocab.Shift):
                self.shift(e)
        for deck in self.sc.decks:
            self.deck_play(deck)
            for card in deck.cards:
                self.says(card, card.text, card.effects)
                for e in every_effect(card.effects):
                    if isinstance(e, vocab.Choose):
                        for o in e.options:
                            self.says(o, o.text, o.effects)
                    elif isinstance(e, vocab.Roll):
                        for row in e.table:
                            self.says(row, row.text, row.effects)
        for seat in self.sc.seats:
            for obj in (*seat.objectives, *seat.secret):
                why = self.never(obj.when)
                if why:
                    self.warn(obj, ("when",), f"objective `{obj.id}` can never hold: {why}")

    def warn(self, obj: Any, path: tuple[Any, ...], message: str) -> None:
        self.error(obj, path, message)
        p = self.problems.pop()
        self.problems.append(type(p)(p.file, p.line, p.col, p.message, warning=True))

    def _all_effects(self) -> Iterator[vocab.Effect]:
        sc = self.sc
        for deck in sc.decks:
            for card in deck.cards:
                yield from every_effect(card.effects)
        for t in sc.tracks:
            for th in t.thresholds:
                yield from every_effect(th.effects)
        for op in sc.operations:
            yield from every_effect(op.effects)
        for phase in sc.round:
            if isinstance(phase, model.UpkeepPhase):
                yield from every_effect(phase.effects)

    # ------------------------------------------------------------------------- the checks

    def shift(self, e: vocab.Shift) -> None:
        t = self.sc.track_by_id.get(e.track)
        if t is not None and abs(e.by) > t.max - t.min:
            self.warn(
                e,
                ("by",),
                f"shifting `{t.id}` by {e.by:+d} is more than its whole range ({t.min}..{t.max})",
            )

    def says(self, owner: Any, text: str, effects: Iterable[vocab.Effect]) -> None:
        """`text` says "tension +1" only if an effect shifts tension by +1, and "+3"
        alone only if some effect shifts a track by 3."""
        if self.said is None or not text:
            return
        shifts: dict[str, set[int]] = {}
        for e in every_effect(effects):
            if isinstance(e, vocab.Shift):
                shifts.setdefault(e.track, set()).add(e.by)
        paired = [m.span(2) for m in self.said.finditer(text)]
        amounts = {abs(b) for bys in shifts.values() for b in bys}
        for m in re.finditer(rf"(?<![\w.]){_SIGNED}(?!\w|\.\d)", text):
            if m.span(1) not in paired and int(m.group(2)) not in amounts:
                self.warn(
                    owner,
                    ("text",),
                    f"`text` says `{m.group(0)}`, but no effect shifts a track by {m.group(2)}",
                )
        for m in self.said.finditer(text):
            track = self.track_of[m.group(1).lower()]
            by = int(m.group(3)) * (1 if m.group(2) == "+" else -1)
            said = f"`{m.group(1)} {m.group(2)}{m.group(3)}`"
            if track not in shifts:
                self.warn(owner, ("text",), f"`text` says {said}, but no effect shifts `{track}`")
            elif by not in shifts[track]:
                done = ", ".join(f"{b:+d}" for b in sorted(shifts[track]))
                self.warn(owner, ("text",), f"`text` says {said}, but the effects shift `{track}` by {done}")

    def deck_play(self, deck: model.Deck) -> None:
        """Warn of cards that can never come into play, or never be played."""
        holders = [s.id for s in self.sc.seats if (s.deck or s.id) == deck.id]
        if deck.kind == "action" and not holders:
            self.warn(deck, (), f"no seat draws from the deck `{deck.id}`: its cards can never be played")
            return
        for card in deck.cards:
            if card.start == "reserve" and card.id not in self.added:
                self.warn(card, ("start",), "this reserve card never comes into play: no `add_card` names it")
            if deck.kind != "action" or (card.ops and self.sc.operations):
                continue  # a crisis card is drawn; a card with ops can always be played for them
            why = self.event_never(card, holders)
            if why:
                self.warn(card, ("id",), f"no seat can ever play this card: {why}, and it has no `ops`")

    def event_never(self, card: model.Card, holders: list[str]) -> str | None:
        if card.side is not None and card.side not in holders:
            return f"its event is {card.side}'s, which {', '.join(holders)} cannot play"
        for tid, amount in card.cost.items():
            t = self.sc.track_by_id.get(tid)
            if t is not None and amount > t.max:
                return f"it costs {amount} {tid}, more than `{tid}` can ever hold ({t.max})"
        why = self.never(card.requires)
        return f"its `requires` can never hold ({why})" if why else None

    def never(self, conds: Iterable[vocab.Condition]) -> str | None:
        """Why these conditions can never all hold at once, or None when they might."""
        bounds: dict[tuple[str, str | None, str | None], list[int]] = {}
        flags: dict[str, set[bool]] = {}
        rounds = [1, self.sc.rounds]
        for c in _conjuncts(conds):
            match c:
                case vocab.TrackIs(track, seat, relation, lo, hi):
                    t = self.sc.track_by_id.get(track)
                    if t is None:
                        continue
                    b = bounds.setdefault((track, seat, relation), [t.min, t.max])
                    b[0], b[1] = (
                        max(b[0], lo if lo is not None else t.min),
                        min(b[1], hi if hi is not None else t.max),
                    )
                    if b[0] > b[1]:
                        return f"`{track}` cannot be at least {b[0]} and at most {b[1]} (it runs {t.min}..{t.max})"
                case vocab.FlagIs(flag):
                    flags.setdefault(flag, set()).add(True)
                case vocab.Not(vocab.FlagIs(flag)):
                    flags.setdefault(flag, set()).add(False)
                case vocab.RoundIs(lo, hi):
                    rounds = [max(rounds[0], lo or 1), min(rounds[1], hi if hi is not None else rounds[1])]
                    if rounds[0] > rounds[1]:
                        return f"no round is at least {rounds[0]} and at most {rounds[1]} (the game has {self.sc.rounds})"
            both = next((f for f, seen in flags.items() if len(seen) == 2), None)
            if both:
                return f"the flag `{both}` cannot be both set and not set"
        return None


def _conjuncts(conds: Iterable[vocab.Condition]) -> Iterator[vocab.Condition]:
    """The conditions that must all hold, `all:` groups opened."""
    for c in conds:
        if isinstance(c, vocab.All):
            yield from _conjuncts(c.conds)
        else:
            yield c
