"""The white cell's PIN: what a PIN may be, and how a record keeps it (salted and
hashed, never in clear, so a glance at a save file does not give it away)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

PIN_RULE = re.compile(r"\d{4,8}")
PIN_HELP = "a PIN is 4 to 8 digits"
_ROUNDS = 20_000  # PBKDF2 rounds: a few milliseconds


def hash_pin(pin: str, salt: str | None = None) -> str:
    """A PIN as the record keeps it: `salt$digest`."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), _ROUNDS).hex()
    return f"{salt}${digest}"


def pin_matches(stored: str, pin: str) -> bool:
    salt, _, _ = stored.partition("$")
    try:
        return hmac.compare_digest(hash_pin(pin, salt), stored)
    except ValueError:  # a record edited by hand: no PIN opens it
        return False
