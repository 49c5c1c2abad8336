"""How a digest's item cap is shared among the regions a chat follows.

A digest holds at most ``delivery.max_items_per_digest`` items (or the chat's own smaller cap). Filled
newest first across all its regions, one busy region could take every place and a quieter region the
chat follows would be missing altogether, with nothing saying so. The cap is shared instead as water
is poured into glasses: every region with a story gets one before any region gets a second, and so on;
a region with fewer stories than its share leaves the rest to the others. Within a region the newest
stories come first, and where a round does not fit in what is left of the cap, the regions whose next
story is newest take the places.
"""

from __future__ import annotations

from collections.abc import Sequence


def fair_shares(heads: Sequence[Sequence[int]], cap: int) -> list[int]:
    """How many stories of each region a digest of at most ``cap`` items keeps.

    ``heads`` holds each region's story numbers, newest first (a lower number is a newer story), no
    story in two regions; the result has one count per head, each kept story being a prefix of its
    head, and the counts sum to ``min(cap, all the stories)``."""
    cap = max(cap, 0)
    lengths = [len(head) for head in heads]
    if sum(lengths) <= cap:
        return lengths
    # The rounds every region with stories left takes whole: the deepest level the cap fills for all,
    # found from the lengths in order (one pass, not one pass per round).
    order = sorted(lengths)
    left, reached, level = cap, 0, order[-1]
    for k, length in enumerate(order):
        need = (length - reached) * (len(order) - k)
        if need > left:
            level = reached + left // (len(order) - k)
            break
        left -= need
        reached = length
    counts = [min(length, level) for length in lengths]
    # The round that does not fit: its places go to the regions whose next story is newest.
    left = cap - sum(counts)
    if left:
        offers = sorted((head[level], i) for i, head in enumerate(heads) if len(head) > level)
        for _, i in offers[:left]:
            counts[i] += 1
    return counts


def fair_pick(heads: Sequence[Sequence[int]], cap: int) -> list[int]:
    """The story numbers (ascending) a digest of at most ``cap`` items keeps when a story may be in
    several of ``heads`` (each region's story numbers, newest first): round by round as
    :func:`fair_shares`, each region offering its newest story not kept yet, a story offered by two
    regions in one round counting once. So a story shared by two regions fills one place and the other
    region still offers its own next story in that round: ``fair_pick([[0, 1, 2], [0, 3, 4]], 2)`` is
    ``[0, 3]``, a place under each region's heading, not the two newest."""
    kept: set[int] = set()
    places = [0] * len(heads)
    while len(kept) < cap:
        offers: set[int] = set()
        for i, head in enumerate(heads):
            at = places[i]
            while at < len(head) and (head[at] in kept or head[at] in offers):
                at += 1
            places[i] = at + 1
            if at < len(head):
                offers.add(head[at])
        if not offers:
            break
        kept.update(sorted(offers)[: cap - len(kept)])
    return sorted(kept)
