"""How many of the everyday requests of tests/data/chat_phrasings.tsv the bot reads as meant.

Each line is a message a subscriber types in a private chat, the request it is, and the regions it
names. A line is read as meant when :func:`bot.handlers.text_commands.split_verb` (for a private chat)
gives that kind ("none" for no request) and, where regions are given, the rest of the message (or the
whole message, for "none") names them (:func:`subscriptions.parse_regions`). Prints one line
per miss, then the count per kind and in all. Runs on any checkout (one whose ``split_verb`` takes no
``private`` reads every message as from a group would):

    python benchmarks/chat_phrasings.py
"""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.handlers.text_commands import split_verb
from subscriptions import parse_regions

PHRASINGS = Path(__file__).resolve().parent.parent / "tests" / "data" / "chat_phrasings.tsv"


def read_as_meant(message: str, kind: str, regions: str) -> bool:
    """Whether the message is read as the request ``kind`` naming ``regions`` ("-": none to check)."""
    private = "private" in inspect.signature(split_verb).parameters
    found = split_verb(message, private=True) if private else split_verb(message)
    if (found[0] if found else "none") != kind:
        return False
    if regions == "-":
        return True
    named = parse_regions(found[1] if found else message)
    # A name shared by regions (الإسكندرية: Egypt's and Iraq's) counts when the meant one is among its
    # choices: unsubscribing settles it by what the chat follows, an offer by a button.
    choices = {code for term in named.ambiguous for code in named.suggestions.get(term, ())}
    unsettled = set(named.unknown) - set(named.ambiguous)
    return set(regions.split(",")) <= set(named.codes) | choices and not unsettled


def main() -> None:
    lines = [line.split("\t") for line in PHRASINGS.read_text(encoding="utf-8").splitlines()]
    cases = [(m, k, r) for m, k, r in (line for line in lines if len(line) == 3) if not m.startswith("#")]
    meant: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for message, kind, regions in cases:
        total[kind] += 1
        if read_as_meant(message, kind, regions):
            meant[kind] += 1
        else:
            print(f"missed: {message} (meant {kind} {regions})")
    for kind in total:
        print(f"{kind}: {meant[kind]}/{total[kind]}")
    print(f"all: {sum(meant.values())}/{sum(total.values())}")


if __name__ == "__main__":
    main()
