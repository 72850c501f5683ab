"""Reading YAML safely, remembering where every value came from.

Decks are written by hand, so every problem must be reported as `file:line:col`. This
module turns YAML text into plain dicts, lists and scalars (`YDict`, `YList` remember the
positions of their keys and items) and refuses, with a located `Problem`, everything a
deck should never contain: Python object tags, merge keys, duplicate keys, tabs used for
indentation, alias bombs, oversize files and bytes that are not UTF-8. Nothing here
constructs anything but plain data: no tag can ever run code.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from attrs import field, frozen

from .files import read_limited

MAX_BYTES = 1 << 20
MAX_NODES = 100_000
MAX_DEPTH = 64
MAX_MESSAGE = 300
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_CONTAINER_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
#: What YAML counts as a line break (and so what its line numbers count).
_LINES = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """Text safe to print on one line of a terminal: control characters escaped."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode(), text)


def _message(text: str) -> str:
    """One line, and short enough to read however long the values it quotes."""
    parts = one_line(text).split("`")
    for i in range(1, len(parts) - 1, 2):  # the `quoted` values
        if len(parts[i]) > 40:
            parts[i] = parts[i][:39] + "…"
    text = "`".join(parts)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


@frozen(order=True)
class Problem:
    """One thing wrong with a deck, located for a human and an editor. The message is
    kept to one line, so a report is one problem per line whatever the deck holds.
    A `warning` is likely a mistake but loads: `brink validate` shows it and exits 0."""

    file: str = field(converter=one_line)
    line: int
    col: int
    message: str = field(converter=_message)
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {'warning: ' if self.warning else ''}{self.message}"


class LoadError(Exception):
    """A scenario or deck did not load. `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


Pos = tuple[int, int]


class YDict(dict[Any, Any]):
    """A mapping read from YAML: `pos` is where it starts, `keypos`/`valpos` per key."""

    __slots__ = ("file", "keypos", "pos", "valpos")

    def __init__(self, file: str, pos: Pos) -> None:
        super().__init__()
        self.file, self.pos = file, pos
        self.keypos: dict[Any, Pos] = {}
        self.valpos: dict[Any, Pos] = {}


class YList(list[Any]):
    """A sequence read from YAML: `pos` is where it starts, `itempos` per item."""

    __slots__ = ("file", "itempos", "pos")

    def __init__(self, file: str, pos: Pos) -> None:
        super().__init__()
        self.file, self.pos = file, pos
        self.itempos: list[Pos] = []


def locate(base: Any, path: tuple[Any, ...], at_key: bool = False, file: str = "") -> Problem:
    """Where `path` (keys and indexes) leads from `base`: as deep as it exists."""
    node = base
    where: Pos = getattr(base, "pos", (1, 1))
    file = getattr(base, "file", file)
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, YDict) and step in node:
            where = node.keypos[step] if (last and at_key) else node.valpos[step]
            node = node[step]
        elif isinstance(node, YList) and isinstance(step, int) and 0 <= step < len(node):
            where = node.itempos[step]
            node = node[step]
        else:
            break
        if getattr(node, "file", file) != file:  # into a deck file named in scenario.yaml
            file, where = node.file, node.pos
    return Problem(file, where[0], where[1], "")


def kind_of(value: Any) -> str:
    """A value's YAML kind in words, for messages."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if value is None:
        return "nothing (null)"
    if isinstance(value, int):
        return f"a number ({value})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, str):
        return f"text ({value[:30]!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def shown(value: Any) -> str:
    """A scalar as YAML spells it: `null`, `true`, `3`, `effects`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text from bytes, or the problems that stop it being read."""
    refused = _size_problem(len(data), file)
    if refused is not None:
        return None, [refused]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = _position(data, e.start)
        return None, [
            Problem(
                file,
                line,
                col,
                f"not UTF-8 text: byte 0x{data[e.start]:02x} cannot be read; save the file as UTF-8",
            )
        ]
    return text, []


#: Control characters a deck's text may not hold (an escaped `"\e"` makes one): all of
#: C0 but newline and tab, DEL and C1. Printed, they can retitle, clear or hijack a terminal.
_DECK_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _Builder:
    """Walks a composed YAML node tree into YDict/YList/scalars, collecting problems."""

    def __init__(self, loader: Any, file: str) -> None:
        self.loader, self.file = loader, file
        self.nodes = 0
        self.problems: list[Problem] = []

    def problem(self, node: Any, message: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, message))

    def scalar(self, node: Any) -> Any:
        """A plain scalar's value; None, with a problem, when it cannot be read (Python
        refuses to turn a number of thousands of digits into an int)."""
        if node.tag == _STR:  # most values: no constructor needed
            control = _DECK_CONTROL.search(node.value)
            if control is not None:
                self.problem(
                    node,
                    f"this text holds the control character {one_line(control.group())} (position "
                    f"{control.start() + 1}), which could take over the players' terminal; remove it",
                )
                return None
            return node.value
        try:
            return self.loader.construct_object(node)
        except (ValueError, ArithmeticError):
            self.problem(node, f"`{node.value[:20]}…` is too long a number to read")
            return None

    def build(self, node: Any, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(node)
        if depth > MAX_DEPTH:
            raise _TooDeep(node)
        pos = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag not in _PLAIN_TAGS:
                self.problem(node, _tag_message(tag))
                return None
            return self.scalar(node)
        if tag not in _CONTAINER_TAGS:
            self.problem(node, _tag_message(tag))
            return None
        if isinstance(node, yaml.SequenceNode):
            out = YList(self.file, pos)
            for item in node.value:
                out.itempos.append((item.start_mark.line + 1, item.start_mark.column + 1))
                out.append(self.build(item, depth + 1))
            return out
        mapping = YDict(self.file, pos)
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                self.problem(knode, "merge keys (<<) are not supported; write the keys out")
                continue
            if not isinstance(knode, yaml.ScalarNode) or knode.tag not in _PLAIN_TAGS:
                self.problem(knode, "a key must be a plain word")
                continue
            key = self.scalar(knode)
            kpos = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            if key in mapping:
                first = mapping.keypos[key]
                self.problem(knode, f"duplicate key `{shown(key)}` (first at line {first[0]})")
                continue
            mapping.keypos[key] = kpos
            mapping.valpos[key] = (vnode.start_mark.line + 1, vnode.start_mark.column + 1)
            mapping[key] = self.build(vnode, depth + 1)
        return mapping


class _TooBig(Exception):
    def __init__(self, node: Any) -> None:
        self.node = node


class _TooDeep(_TooBig):
    pass


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    if "python" in tag:
        return f"tag `{short}` is not allowed: decks are plain data and never run code"
    if short == "!!timestamp":
        return "a date is not allowed here; put it in quotes to make it text"
    return f"tag `{short}` is not allowed: use plain text, numbers, lists and mappings"


#: Plain words added to the YAML library's syntax messages, keyed by a phrase of them.
_SYNTAX_HINTS = {
    "mapping values are not allowed": "a `:` inside a value? put the value in quotes, or check the indentation",
    "expected '-' indicator": "check this line's indentation against the list items above it",
    "did not find expected key": "check this line's indentation against the keys above it",
    "cannot start any token": "a value starting with @, ` or %? put it in quotes",
    "found unexpected end of stream": "a quote or bracket is never closed",
    "expected ',' or ']'": "a `[` list is never closed with `]`",
    "expected ',' or '}'": "a `{` mapping is never closed with `}`",
    "found undefined alias": "an `*alias` must name an `&anchor` defined above it",
    "expected a single document": "a deck file holds one document: remove the `---` line",
    "could not find expected ':'": "a key must be followed by `:`",
    "found duplicate anchor": "each `&anchor` name may be used once",
}


def _position(text: str | bytes, index: int) -> Pos:
    """Line and column (from 1) of a character (or byte) index, counting lines as YAML
    does, so they agree with the parser's own marks."""
    if isinstance(text, bytes):
        text = text[:index].decode("utf-8", errors="replace")
        index = len(text)
    lines = _LINES.split(text[: max(0, index)])
    return len(lines), len(lines[-1]) + 1


def _tab_problems(text: str, file: str) -> list[Problem]:
    """Tabs used for indentation, which YAML forbids but editors insert unseen."""
    if "\t" not in text:
        return []
    out = []
    for n, line in enumerate(_LINES.split(text), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            out.append(
                Problem(
                    file, n, indent.index("\t") + 1, "tab character in indentation; YAML indents with spaces"
                )
            )
    return out[:20]


#: Characters an editor does not show that change what YAML reads: line and paragraph
#: separators and NEL (YAML breaks the line there), zero-width spaces, a byte-order mark
#: inside the file, and the bidirectional overrides that reorder what is shown.
_INVISIBLE = re.compile("[\x85\u2028\u2029\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def _invisible_problems(text: str, file: str) -> list[Problem]:
    """Each invisible character, named and placed as an editor counts lines."""
    out = []
    for m in _INVISIBLE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        code = ord(m.group())
        name = unicodedata.name(m.group(), "") or ("NEXT LINE" if code == 0x85 else "")
        out.append(Problem(file, line, col, f"invisible character U+{code:04X} {name} here; delete it"))
        if len(out) == 20:
            break
    return out


def _size_problem(size: int, file: str) -> Problem | None:
    if size <= MAX_BYTES:
        return None
    return Problem(file, 1, 1, f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")


def _too_large(text: str, file: str) -> Problem | None:
    """Refuse text that is oversize or holds characters no file can (lone surrogates)."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as e:
        line, col = _position(text, e.start)
        return Problem(file, line, col, "a character here is not valid text (a lone surrogate)")
    return _size_problem(size, file)


def _syntax_problem(e: yaml.YAMLError, text: str, file: str) -> Problem:
    if isinstance(e, yaml.reader.ReaderError):
        # libyaml counts the position in bytes of UTF-8, the pure-Python reader in characters.
        at = text.encode("utf-8") if _Loader is not yaml.SafeLoader else text
        line, col = _position(at, e.position)
        code = e.character if isinstance(e.character, int) else ord(e.character)
        return Problem(
            file, line, col, f"character U+{code:04X} is not allowed in YAML ({e.reason}); remove it"
        )
    if isinstance(e, yaml.MarkedYAMLError):
        # A key without its `:` is found only on a later line; the key's own line is the one to fix.
        simple_key = e.context == "while scanning a simple key" and e.context_mark is not None
        mark = e.context_mark if simple_key else (e.problem_mark or e.context_mark)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (e.context, e.problem) if x)
        hint = next((h for phrase, h in _SYNTAX_HINTS.items() if phrase in what), "")
        return Problem(file, line, col, f"YAML syntax error: {what}" + (f"; {hint}" if hint else ""))
    return Problem(file, 1, 1, f"YAML error: {str(e).splitlines()[0] if str(e) else type(e).__name__}")


def parse(text: str, file: str) -> tuple[Any, list[Problem]]:
    """YAML text as positioned plain data, with the problems found (data is None when
    the text cannot be read at all)."""
    refused = _too_large(text, file)
    if refused is not None:
        return None, [refused]
    tabs = _tab_problems(text, file) or _invisible_problems(text, file)
    if tabs:
        return None, tabs
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(file, 1, 1, "file is empty")]
        builder = _Builder(loader, file)
        try:
            data = builder.build(node)
        except _TooDeep as e:
            m = e.node.start_mark
            return None, [
                Problem(file, m.line + 1, m.column + 1, f"nested more than {MAX_DEPTH} levels deep")
            ]
        except _TooBig as e:
            m = e.node.start_mark
            msg = f"expands to more than {MAX_NODES:,} values (too many aliases?)"
            return None, [Problem(file, m.line + 1, m.column + 1, msg)]
        return data, builder.problems
    except yaml.YAMLError as e:
        return None, [_syntax_problem(e, text, file)]
    except RecursionError:
        return None, [Problem(file, 1, 1, "nested too deeply to read")]
    finally:
        loader.dispose()


def read_file(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or why not. A file too large to be a deck is refused having read
    no more than the limit, whatever its size; what is not a regular file is refused."""
    try:
        data = read_limited(path, MAX_BYTES)
        size = len(data) if len(data) <= MAX_BYTES else max(len(data), path.stat().st_size)
    except (OSError, ValueError) as e:  # ValueError: a name holding a NUL character
        return None, [Problem(shown, 1, 1, f"cannot read the file: {getattr(e, 'strerror', None) or e}")]
    refused = _size_problem(size, shown)
    return (None, [refused]) if refused is not None else (data, [])


def read(path: Path, shown: str) -> tuple[Any, list[Problem], bytes]:
    """Read and parse one YAML file; `shown` is the name used in messages. Returns the
    data (None when it cannot be read at all), the problems, and the file's bytes."""
    data, problems = read_file(path, shown)
    if data is None:
        return None, problems, b""
    text, problems = decode(data, shown)
    if text is None:
        return None, problems, data
    return (*parse(text, shown), data)
