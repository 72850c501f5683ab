"""The loader's last pass: references, ranges and sources, each problem located.

Structuring (see `loader`) proves that every value has the right shape; this pass
proves that the values make sense together: every track, seat, relation, flag, card,
deck and outcome a card names exists; `self` and `target` name somebody where they are
used; numbers sit inside their tracks' bounds; dice and roll tables add up; each card
quotes its source article verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, assert_never

import attrs
from attrs import frozen

from . import model, vocab
from .forms import nearest, yaml_key
from .yamlsrc import Problem, locate

ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
DICE_RE = re.compile(r"^(\d*)d(\d+)$")
MIN_SOURCE = 12
URL_RE = re.compile(r"^https?://\S+$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def normalize(text: str) -> str:
    """Text as compared for sources: straight quotes, plain dashes, single spaces."""
    return " ".join(text.translate(_QUOTES).split()).lower()


class Gaps:
    """What failed to load: items left out of a list, whole fields, unreadable decks.

    A reference to something in a gap is not reported as unknown: the failure itself
    already was, and one mistake should give one message, not twenty."""

    def __init__(self) -> None:
        self.ids: dict[type, set[str]] = {}
        self.whole: set[Any] = set()

    def add(self, kind: type, ident: object) -> None:
        if isinstance(ident, str):
            self.ids.setdefault(kind, set()).add(ident)

    def covers(self, kind: Any, ident: str) -> bool:
        return kind in self.whole or ident in self.ids.get(kind, ())

    def lost(self, kind: Any) -> bool:
        """Whether anything of this kind failed to load."""
        return kind in self.whole or bool(self.ids.get(kind))


@frozen
class Where:
    """What `self` and `target` mean where an effect or condition is written."""

    what: str
    has_self: bool = True
    has_target: bool = False
    card: model.Card | None = None
    in_ongoing: bool = False


class Checker:
    """Walks structured definitions and reports problems at their YAML positions."""

    def __init__(self, origins: dict[int, Any], problems: list[Problem]) -> None:
        self.origins = origins
        self.problems = problems

    def error(self, obj: Any, path: tuple[Any, ...], message: str, at_key: bool = False) -> None:
        base = self.origins.get(id(obj))
        p = locate(base, path, at_key) if base is not None else Problem("?", 1, 1, "")
        self.problems.append(attrs.evolve(p, message=message))

    def ids(self, items: Iterable[Any], what: str) -> None:
        """Ids are lowercase words and unique within their kind."""
        seen: dict[str, Any] = {}
        for item in items:
            if not ID_RE.match(item.id):
                self.error(
                    item,
                    (_id_key(item),),
                    f"`{item.id}`: a {what} id is a lowercase word (a-z, 0-9, _ and -)",
                )
            if item.id in seen:
                first, here = self.origins.get(id(seen[item.id])), self.origins.get(id(item))
                at = ""
                if first is not None:
                    same_file = here is not None and here.file == first.file
                    at = (
                        f" (first at line {first.pos[0]})"
                        if same_file
                        else f" (first in {first.file}:{first.pos[0]})"
                    )
                self.error(item, (_id_key(item),), f"duplicate {what} id `{item.id}`{at}")
            else:
                seen[item.id] = item

    # ------------------------------------------------------------------------- a whole deck

    def deck(self, deck: model.Deck) -> None:
        """What can be checked in a deck without its scenario."""
        self.ids([deck], "deck")
        self.ids(deck.cards, "card")
        for card in deck.cards:
            if not card.name.strip():
                self.error(card, ("name",), "a card needs a name")
            if not card.text.strip():
                self.error(card, ("text",), "a card needs player-facing text")
            self.credit(card)
            if card.ops < 0:
                self.error(card, ("ops",), "`ops` cannot be negative")
            for key, amount in card.cost.items():
                if amount < 0:
                    self.error(card, ("cost", key), "a cost cannot be negative")
            if deck.kind == "crisis":
                for key in ("cost", "targets", "ops", "requires"):
                    if getattr(card, key):
                        hint = "; test conditions with `if` in its effects" if key == "requires" else ""
                        self.error(
                            card,
                            (key,),
                            f"crisis cards are drawn by the engine, not played: remove `{key}`{hint}",
                            True,
                        )
                if not card.headline:
                    self.error(
                        card, ("headline",), "a crisis card is never a headline: remove `headline`", True
                    )
            self.local_effects(card.effects, card)

    def credit(self, card: model.Card) -> None:
        """A card says where it comes from: a quote (`source`), a citation (`cite`), or both."""
        if not card.source.strip() and card.cite is None:
            self.error(
                card,
                ("source",),
                "a card needs a `source` (a quote of the article) or a `cite` (title, url, date), or both",
            )
        elif card.source and len(card.source.strip()) < MIN_SOURCE:
            self.error(card, ("source",), f"a `source` quote needs at least {MIN_SOURCE} characters")
        if card.cite is not None:
            if not card.cite.title.strip():
                self.error(card.cite, ("title",), "a citation needs a `title`: the work the card comes from")
            if card.cite.url and not URL_RE.match(card.cite.url):
                self.error(card.cite, ("url",), "`url` is a web address starting with https:// or http://")

    def local_effects(self, effects: Iterable[vocab.Effect], owner: Any) -> None:
        """Checks of dice, tables and counts, which need no scenario."""
        for e in effects:
            for key in ("count", "rounds"):
                if getattr(e, key, 1) < 1:
                    self.error(e, (key,), f"`{key}` must be at least 1")
            match e:
                case vocab.Roll():
                    self.roll(e)
                    for row in e.table:
                        self.local_effects(row.effects, row)
                case vocab.If():
                    self.local_effects((*e.then, *e.else_), e)
                case vocab.Choose():
                    if len(e.options) < 2:
                        self.error(e, ("options",), "`choose` needs at least two options")
                    for o in e.options:
                        self.local_effects(o.effects, o)
                case vocab.Ongoing():
                    self.local_effects(e.effects, e)

    def roll(self, e: vocab.Roll) -> None:
        m = DICE_RE.match(e.dice.lower())
        count, sides = (int(m.group(1) or 1), int(m.group(2))) if m else (0, 0)
        if not m or not (1 <= count <= 20 and 2 <= sides <= 100):
            self.error(
                e, ("roll",), f"`{e.dice}`: dice are written like `1d6` or `2d6` (1-20 dice of 2-100 sides)"
            )
        if not e.table:
            self.error(e, ("table",), "a roll needs a `table` of results")
            return
        for i, row in enumerate(e.table):
            if row.lo > row.hi:
                self.error(e, ("table", i, "roll"), f"the range {row.lo}-{row.hi} runs backwards")
            if i and row.lo != e.table[i - 1].hi + 1:
                self.error(
                    e,
                    ("table", i, "roll"),
                    f"the table skips or repeats results: this row starts at {row.lo}, the last ended at {e.table[i - 1].hi}",
                )
        if m and not (e.plus or e.minus) and (e.table[0].lo > count or e.table[-1].hi < count * sides):
            self.error(
                e,
                ("table",),
                f"the table covers {e.table[0].lo}-{e.table[-1].hi} but {e.dice} rolls {count}-{count * sides}",
            )


class ScenarioChecker(Checker):
    """Everything about a scenario, its decks included."""

    def __init__(
        self, sc: model.Scenario, origins: dict[int, Any], problems: list[Problem], gaps: Gaps
    ) -> None:
        super().__init__(origins, problems)
        self.sc = sc
        self.gaps = gaps
        self.flags = {f.id for f in sc.flags}
        self.seats = set(sc.seat_ids)
        self.relations = {r.id for r in sc.relations}
        self.outcomes = {o.id for o in sc.outcomes}
        self.defined = {
            model.Seat: self.seats,
            model.Relation: self.relations,
            model.Flag: self.flags,
            model.Outcome: self.outcomes,
        }

    def run(self, article: str | None) -> None:
        sc = self.sc
        if not 1 <= sc.rounds <= model.MAX_ROUNDS:
            self.error(sc, ("rounds",), f"`rounds` must be from 1 to {model.MAX_ROUNDS}")
        if not 0 <= sc.hand_size <= 20:
            self.error(sc, ("hand_size",), "`hand_size` must be between 0 and 20")
        if not sc.seats and not self.gaps.lost(model.Seat):
            self.error(sc, ("seats",), "a scenario needs at least one seat")
        for collection, what in (
            (sc.seats, "seat"),
            (sc.tracks, "track"),
            (sc.relations, "relation"),
            (sc.flags, "flag"),
            (sc.decks, "deck"),
            (sc.outcomes, "outcome"),
            (sc.operations, "operation"),
        ):
            self.ids(collection, what)
        self.ids([c for d in sc.decks for c in d.cards], "card")
        for seat in sc.seats:
            if seat.id in vocab.SEAT_WORDS:
                self.error(seat, ("id",), f"`{seat.id}` is a reserved word and cannot be a seat id")
            self.seat(seat)
        for rel in sc.relations:
            self.relation(rel)
        for track in sc.tracks:
            self.track(track)
        plain = normalize(article) if article is not None else None
        for deck in sc.decks:
            self.deck_in_scenario(deck, plain)
        for op in sc.operations:
            if op.ops < 1:
                self.error(op, ("ops",), "an operation costs at least 1 operations point")
            w = Where(f"operation {op.id}")
            self.conds(op.requires, op, ("requires",), w)
            self.effects(op.effects, w)
        self.phases()
        self.outcomes_ok()

    # ------------------------------------------------------------------------ definitions

    def seat(self, seat: model.Seat) -> None:
        sc = self.sc
        if seat.deck is not None:
            deck = next((d for d in sc.decks if d.id == seat.deck), None)
            if deck is None and not self.gaps.covers(model.Deck, seat.deck):
                self.error(seat, ("deck",), f"`{seat.deck}`: no such deck{nearest(seat.deck, sc.deck_index)}")
            elif deck is not None and deck.kind != "action":
                self.error(
                    seat, ("deck",), f"`{seat.deck}` is a {deck.kind} deck; a seat draws from an action deck"
                )
        self.starts(seat, seat.start, "seat")
        self.ids([*seat.objectives, *seat.secret], "objective")
        self.conds(seat.bot.aims, seat.bot, ("aims",), Where(f"seat {seat.id} bot aims"))
        if not 0 <= seat.bot.caution <= 10:
            self.error(seat.bot, ("caution",), "`caution` must be between 0 and 10")
        for obj in (*seat.objectives, *seat.secret):
            self.conds(obj.when, obj, ("when",), Where(f"objective {obj.id}"))
            if not obj.when:
                self.error(obj, ("when",), "an objective needs at least one condition in `when`")

    def starts(self, owner: Any, start: Mapping[str, int], scope: str) -> None:
        for tid, value in start.items():
            track = self.sc.track_by_id.get(tid)
            if track is None and self.gaps.covers(model.Track, tid):
                continue
            if track is None or track.scope != scope:
                names = [t.id for t in self.sc.tracks if t.scope == scope]
                self.error(
                    owner,
                    ("start", tid),
                    f"`{tid}`: no {scope} track of that name{nearest(tid, names)}",
                    True,
                )
            elif not track.min <= value <= track.max:
                self.error(
                    owner,
                    ("start", tid),
                    f"{value} is outside the bounds of `{track.id}` ({track.min}..{track.max})",
                )

    def relation(self, rel: model.Relation) -> None:
        a, b = rel.seats
        for i, s in enumerate(rel.seats):
            if not self.known(model.Seat, s):
                self.error(rel, ("seats", i), f"`{s}`: no such seat{nearest(s, self.seats)}")
        if a == b:
            self.error(rel, ("seats",), "a relation joins two different seats")
        self.starts(rel, rel.start, "relation")

    def track(self, t: model.Track) -> None:
        if t.min >= t.max:
            self.error(t, ("max",), f"`max` ({t.max}) must be above `min` ({t.min})")
        if not t.min <= t.start <= t.max:
            self.error(t, ("start",), f"start {t.start} is outside the bounds {t.min}..{t.max}")
        if t.scope == "relation" and not self.sc.relations and not self.gaps.lost(model.Relation):
            self.error(t, ("scope",), "a relation track needs `relations` in the scenario")
        if t.cap is not None:
            if not t.min <= t.cap.at <= t.max:
                self.error(t.cap, ("at",), f"the cap {t.cap.at} is outside the bounds {t.min}..{t.max}")
            self.cond(t.cap.unless, t.cap, ("unless",), Where(f"track {t.id}", has_self=False))
        for th in t.thresholds:
            if not t.min <= th.at <= t.max:
                self.error(th, ("at",), f"threshold {th.at} is outside the bounds {t.min}..{t.max}")
            if th.end is not None and not self.known(model.Outcome, th.end):
                self.error(th, ("end",), f"`{th.end}`: no such outcome{nearest(th.end, self.outcomes)}")
            on_relation = t.scope == "relation"  # self and target: the relation's two seats
            self.effects(
                th.effects,
                Where(
                    f"threshold {th.name}", has_self=t.scope == "seat" or on_relation, has_target=on_relation
                ),
            )

    def deck_in_scenario(self, deck: model.Deck, plain: str | None) -> None:
        """A deck's checks that need its scenario; `plain` is the article, normalized."""
        self.deck(deck)
        if deck.owner is not None and not self.known(model.Seat, deck.owner):
            self.error(deck, ("owner",), f"`{deck.owner}`: no such seat{nearest(deck.owner, self.seats)}")
        if deck.kind == "crisis" and deck.owner is not None:
            self.error(deck, ("owner",), "a crisis deck belongs to no seat: remove `owner`", True)
        elif deck.owner in self.seats:
            draws = self.sc.seat(deck.owner).deck or deck.owner
            if draws != deck.id:
                self.error(
                    deck,
                    ("owner",),
                    f"`{deck.owner}` draws from the deck `{draws}`, not this one: "
                    f"give the seat `deck: {deck.id}` or change `owner`",
                )
        kinds = self.sc.card_kinds
        for card in deck.cards:
            if kinds and card.kind not in kinds:
                self.error(
                    card,
                    ("kind",),
                    f"`{card.kind}`: not one of the scenario's card_kinds{nearest(card.kind, kinds)}",
                )
            if self.sc.sources == "citations" and card.cite is None:
                self.error(
                    card,
                    ("source",) if card.source else ("id",),
                    "this scenario's cards cite their sources (`sources: citations`): "
                    "give the card a `cite` with a `title` (and a `url`, a `date`)",
                )
            elif (
                plain is not None
                and card.cite is None
                and len(card.source.strip()) >= MIN_SOURCE
                and normalize(card.source) not in plain
            ):
                self.error(
                    card,
                    ("source",),
                    f"`source` is not a verbatim phrase of {self.sc.article}; "
                    "quote it exactly, or name the work it comes from with `cite`",
                )
            if card.side is not None and not self.known(model.Seat, card.side):
                self.error(card, ("side",), f"`{card.side}`: no such seat{nearest(card.side, self.seats)}")
            for i, t in enumerate(card.targets):
                if t != vocab.OTHERS and not self.known(model.Seat, t):
                    self.error(
                        card, ("targets", i), f"`{t}`: no such seat (or `others`){nearest(t, self.seats)}"
                    )
            for tid in card.cost:
                track = self.sc.track_by_id.get(tid)
                if track is None and self.gaps.covers(model.Track, tid):
                    continue
                if track is None or track.scope != "seat":
                    names = [t.id for t in self.sc.tracks if t.scope == "seat"]
                    self.error(
                        card,
                        ("cost", tid),
                        f"`{tid}`: a cost is paid from a seat track{nearest(tid, names)}",
                        True,
                    )
            if card.ops and not self.sc.operations:
                self.error(card, ("ops",), "this card has `ops` but the scenario defines no `operations`")
            has_self = deck.kind == "action" or card.side is not None
            w = Where(f"card {card.id}", has_self=has_self, has_target=bool(card.targets), card=card)
            self.conds(card.requires, card, ("requires",), w)
            self.effects(card.effects, w)

    def phases(self) -> None:
        sc = self.sc
        if model.Phase in self.gaps.whole:
            return
        if not any(isinstance(p, model.ActionPhase | model.SealedPhase) for p in sc.round):
            self.error(sc, ("round",), "a round needs an `actions` or `sealed` phase, where seats decide")
        for phase in sc.round:
            w = Where(f"phase {phase.name}", has_self=False)
            self.conds(phase.when, phase, ("when",), w)
            match phase:
                case model.CrisisPhase(deck=deck_id, draw=draw):
                    deck = next((d for d in sc.decks if d.id == deck_id), None)
                    if deck is None and not self.gaps.covers(model.Deck, deck_id):
                        self.error(
                            phase, ("deck",), f"`{deck_id}`: no such deck{nearest(deck_id, sc.deck_index)}"
                        )
                    elif deck is not None and deck.kind != "crisis":
                        self.error(
                            phase,
                            ("deck",),
                            f"`{deck_id}` is an action deck; the crisis phase draws a crisis deck",
                        )
                    if draw < 1:
                        self.error(phase, ("draw",), "`draw` must be at least 1")
                case model.ActionPhase(turns=turns):
                    if not 1 <= turns <= 5:
                        self.error(phase, ("turns",), "`turns` must be between 1 and 5")
                case model.UpkeepPhase(effects=effects):
                    self.effects(effects, w)

    def outcomes_ok(self) -> None:
        if model.Outcome in self.gaps.whole:
            return
        finals = [o for o in self.sc.outcomes if not o.catastrophe]
        if not finals or finals[-1].when:
            self.error(
                self.sc,
                ("outcomes",),
                "the last outcome that is not a catastrophe must have no `when`: it is the result when nothing else holds",
            )
        for o in self.sc.outcomes:
            self.conds(o.when, o, ("when",), Where(f"outcome {o.id}", has_self=False))
            for seat in o.points:
                if seat not in self.seats and not self.gaps.covers(model.Seat, seat):
                    self.error(
                        o, ("points", seat), f"`{seat}`: no such seat{nearest(seat, self.seats)}", True
                    )
            if o.catastrophe and o.when:
                self.error(
                    o,
                    ("when",),
                    "a catastrophe ends the game through a threshold or `end_game`, not `when`",
                    True,
                )

    # -------------------------------------------------------------------------- references

    def known(self, kind: type, ident: str) -> bool:
        """Defined in the scenario, or lost to a problem already reported."""
        return ident in self.defined[kind] or self.gaps.covers(kind, ident)

    def seat_ref(self, obj: Any, key: str, word: str, w: Where) -> None:
        if word == vocab.SELF and not w.has_self:
            self.error(
                obj,
                (key,),
                f"`self` names no seat in {w.what}" + (": give the card a `side`" if w.card else ""),
            )
        elif word == vocab.TARGET and not w.has_target:
            self.error(obj, (key,), f"`target` names no seat in {w.what}: give the card `targets`")
        elif word not in vocab.SEAT_WORDS and not self.known(model.Seat, word):
            self.error(
                obj, (key,), f"`{word}`: no such seat{nearest(word, [*self.seats, *vocab.SEAT_WORDS])}"
            )

    def track_ref(
        self, obj: Any, track_key: str, track_id: str, seat: str | None, relation: str | None, w: Where
    ) -> model.Track | None:
        track = self.sc.track_by_id.get(track_id)
        if track is None:
            if self.gaps.covers(model.Track, track_id):
                return None
            self.error(
                obj, (track_key,), f"`{track_id}`: no such track{nearest(track_id, self.sc.track_by_id)}"
            )
            return None
        if track.scope != "seat" and seat is not None:
            self.error(obj, ("seat",), f"`{track_id}` is a {track.scope} track; it takes no `seat`", True)
        if track.scope != "relation" and relation is not None:
            self.error(
                obj, ("relation",), f"`{track_id}` is a {track.scope} track; it takes no `relation`", True
            )
        if track.scope == "seat":
            self.seat_ref(obj, "seat" if seat is not None else track_key, seat or vocab.SELF, w)
        if track.scope == "relation":
            if relation is None or relation == vocab.TARGET:
                if not (w.has_self and w.has_target):
                    self.error(
                        obj,
                        (track_key,),
                        f"`{track_id}` is a relation track: name the `relation` (one of {', '.join(sorted(self.relations))})",
                    )
            elif not self.known(model.Relation, relation):
                self.error(
                    obj, ("relation",), f"`{relation}`: no such relation{nearest(relation, self.relations)}"
                )
        return track

    def flag(self, obj: Any, key: str, flag: str) -> None:
        if not self.known(model.Flag, flag):
            self.error(
                obj, (key,), f"`{flag}`: no such flag{nearest(flag, self.flags)} (declare it under `flags`)"
            )

    def card_ref(self, obj: Any, key: str, card_id: str, w: Where) -> None:
        if card_id == "self":
            if w.card is None:
                self.error(obj, (key,), f"`self` names no card in {w.what}")
        elif card_id not in self.sc.cards and not self.gaps.covers(model.Card, card_id):
            self.error(obj, (key,), f"`{card_id}`: no such card{nearest(card_id, self.sc.cards)}")

    # ------------------------------------------------------------------ effects, conditions

    def effects(self, effects: Iterable[vocab.Effect], w: Where) -> None:
        for e in effects:
            self.effect(e, w)

    def effect(self, e: vocab.Effect, w: Where) -> None:
        match e:
            case vocab.Shift(track, _, seat, relation):
                self.track_ref(e, "shift", track, seat, relation, w)
            case vocab.SetTrack(track, to, seat, relation):
                t = self.track_ref(e, "set", track, seat, relation, w)
                if t is not None and not t.min <= to <= t.max:
                    self.error(e, ("to",), f"{to} is outside the bounds of `{t.id}` ({t.min}..{t.max})")
            case vocab.SetFlag(flag):
                self.flag(e, "set_flag", flag)
            case vocab.ClearFlag(flag):
                self.flag(e, "clear_flag", flag)
            case vocab.Draw(seat) | vocab.Discard(seat) | vocab.Skip(seat):
                self.seat_ref(e, vocab.YAML_KEYS[type(e)][0], seat, w)
            case vocab.Roll():
                for ref in (*e.plus, *e.minus):
                    self.track_ref(ref, "track", ref.track, ref.seat, ref.relation, w)
                for row in e.table:
                    self.effects(row.effects, w)
            case vocab.If(cond, then, else_):
                self.cond(cond, e, ("if",), w)
                self.effects((*then, *else_), w)
            case vocab.Choose(seat, _, options):
                self.seat_ref(e, "choose", seat, w)
                chooser = attrs.evolve(w, has_self=True)
                for o in options:
                    self.conds(o.requires, o, ("requires",), chooser)
                    self.effects(o.effects, chooser)
            case vocab.AddCard(card, into):
                self.card_ref(e, "add_card", card, w)
                target = self.sc.cards.get(card)
                if target is not None and into == "hand":
                    deck = self.sc.decks[self.sc.deck_index[_deck_of(self.sc, target)]]
                    if deck.owner is None:
                        self.error(
                            e, ("into",), f"`{card}` is in the {deck.name}, which no seat holds in hand"
                        )
            case vocab.RemoveCard(card):
                self.card_ref(e, "remove_card", card, w)
            case vocab.Ongoing(_, _, effects):
                if w.in_ongoing:
                    self.error(e, ("ongoing",), "an ongoing effect cannot start another", True)
                self.effects(effects, attrs.evolve(w, in_ongoing=True))
            case vocab.EndGame(outcome):
                if not self.known(model.Outcome, outcome):
                    self.error(
                        e, ("end_game",), f"`{outcome}`: no such outcome{nearest(outcome, self.outcomes)}"
                    )
            case vocab.Say(text):
                if not text.strip():
                    self.error(e, ("say",), "`say` needs some text")
            case _:
                assert_never(e)

    def conds(self, conds: Iterable[vocab.Condition], owner: Any, path: tuple[Any, ...], w: Where) -> None:
        for i, c in enumerate(conds):
            self.cond(c, owner, (*path, i), w)

    def cond(self, c: vocab.Condition, owner: Any, path: tuple[Any, ...], w: Where) -> None:
        match c:
            case vocab.TrackIs(track, seat, relation, lo, hi):
                t = self.track_ref(c, "track", track, seat, relation, w)
                if lo is None and hi is None:
                    self.error(c, ("track",), "give `at_least`, `at_most` or both")
                elif t is not None and ((lo is not None and lo > t.max) or (hi is not None and hi < t.min)):
                    self.error(c, ("track",), f"can never hold: {t.id} stays within {t.min}..{t.max}")
            case vocab.FlagIs(flag):
                self.flag(c, "flag", flag)
            case vocab.RoundIs(lo, hi):
                if lo is None and hi is None:
                    self.error(owner, path, "`round` needs `at_least`, `at_most` or both")
            case vocab.SeatIs(seats):
                for i, s in enumerate(seats):
                    if not self.known(model.Seat, s):
                        self.error(c, ("seat", i), f"`{s}`: no such seat{nearest(s, self.seats)}")
            case vocab.Not(inner):
                self.cond(inner, c, ("not",), w)
            case vocab.All(conds) | vocab.Any(conds):
                key = vocab.YAML_KEYS[type(c)][0]
                if not conds:
                    self.error(c, (key,), f"`{key}` needs at least one condition")
                self.conds(conds, c, (key,), w)
            case _:
                assert_never(c)


def _id_key(item: Any) -> str:
    return yaml_key(type(item), "id")


def _deck_of(sc: model.Scenario, card: model.Card) -> str:
    return next(d.id for d in sc.decks if card in d.cards)
