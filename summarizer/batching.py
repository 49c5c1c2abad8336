"""Grouping of sections into generation batches under a token budget.

Batches are formed from inputs sorted by token length, so each batch pads to a similar length and a
batch's padded size (items x longest input) stays under the budget, which bounds memory per call.
"""

from __future__ import annotations


def plan_batches(lengths: list[int], token_budget: int) -> list[list[int]]:
    """Indices of ``lengths`` grouped into batches, longest inputs first; every index appears once.

    An input longer than the budget still gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for index in order:
        size = max(lengths[index], 1)
        width = max(longest, size)
        if current and width * (len(current) + 1) > token_budget:
            batches.append(current)
            current, width = [], size
        current.append(index)
        longest = width
    if current:
        batches.append(current)
    return batches
