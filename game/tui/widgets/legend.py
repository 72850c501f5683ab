"""The words and marks of the table, explained once: a one-line legend under the parts
that use them, a tooltip with more, and the glossary of the help screen."""

from __future__ import annotations

from textual.content import Content

from .meters import CAP, END, FALLS, RISES


def titled(title: str, legend: str) -> Content:
    """A panel's title with its one-line legend beside it, muted."""
    return Content.assemble(title, ("  " + legend, "not bold $text-muted"))


#: Under the meters (World, Nations, Alliances): what their marks mean.
METERS = f"{RISES}{FALLS} mark · {CAP} cap · {END} ends game"
METERS_TIP = (
    f"{RISES} a named mark reached going up ({FALLS} going down): crossing it sets off what the "
    f"log then says. {CAP}cap N: the meter cannot go above N for now (the log says what lifts "
    f"the cap). {END} the mark that ends the game at once."
)
#: Under the hand: how each card can be played now.
HAND = "● play · ○ ops · ✗ not now"
HAND_TIP = (
    "● the card's event can be played now (paying its cost), or the card used for an "
    "operation instead. ○ only for an operation (the reason the event cannot be played is "
    "given). ✗ not now. Operations: instead of its event, a card's ops value buys one of "
    "the scenario's standard actions; if the card is another nation's, its event happens too."
)
LOG = "l: the whole log"
LOG_TIP = "What happened, newest last, and why: each rule's change says its reason."

#: The terms the table uses, for the help screen.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("Event", "what a card's text does; playing it for its event costs what the card says."),
    (
        "Operations (ops)",
        "instead of its event, a card's ops value buys one of the scenario's standard actions "
        "(listed when you pick the card). A card of another nation played for operations sets "
        "off that nation's event too.",
    ),
    ("Crisis card", "drawn by the game each round; it takes effect at once, for the nation it names."),
    ("Headline", "at the start of a round every nation picks a card in secret; all are revealed together."),
    (
        "Upkeep",
        "the end of a round: resources and support change, sanctions drain, ongoing effects "
        "repeat; the log gives the reason for each change.",
    ),
    (
        f"Mark {RISES} / {FALLS}",
        "a named threshold on a meter: reaching it going up (or down) sets off its effect.",
    ),
    (f"{END}", "the mark that ends the game at once (war): every nation loses."),
    (f"{CAP}cap", "the most a meter can reach for now; the log says what would lift it."),
    ("In force", "lasting situations (flags) and ongoing effects, with the rounds they have left."),
    (
        "Does nothing",
        "a sealed headline that can no longer be played when revealed has no effect (it fizzles).",
    ),
    (
        "Loses its next action",
        "a nation whose support collapsed misses its next turn (skips in the Nations panel).",
    ),
    (
        "Hand",
        "how many cards a nation holds; the cards themselves are secret unless the log put one there openly.",
    ),
    (
        "White cell",
        "the facilitator, who can adjust the game behind a PIN; every change is logged with its reason.",
    ),
)
