"""The Brinkmanship engine: generic rules, with the world supplied as YAML data.

    from game.engine import load_scenario, new_game, legal_actions, step, view

    scenario = load_scenario("decks/nea2017")
    state = new_game(scenario, seed=1)
    state = step(state, legal_actions(state)[0])
    view(state, "usa").hand

Nothing here knows about Korea: seats, tracks, cards and their effects all come from
the scenario folder. Nothing here imports a user interface either.
"""

from .loader import load_deck, load_deck_text, load_scenario, validate
from .model import (
    Action,
    DiscardCard,
    GameState,
    Pass,
    PickOption,
    PlayCard,
    Scenario,
)
from .narrate import describe
from .rules import IllegalAction, SeatScore, legal_actions, new_game, score, step, why_illegal
from .view import SeatView, view
from .yamlsrc import LoadError, Problem

__all__ = [
    "Action",
    "DiscardCard",
    "GameState",
    "IllegalAction",
    "LoadError",
    "Pass",
    "PickOption",
    "PlayCard",
    "Problem",
    "Scenario",
    "SeatScore",
    "SeatView",
    "describe",
    "legal_actions",
    "load_deck",
    "load_deck_text",
    "load_scenario",
    "new_game",
    "score",
    "step",
    "validate",
    "view",
    "why_illegal",
]
