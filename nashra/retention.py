"""How long settled outbox messages are kept: the rules pruning follows and configuration checks.

Its own module, without dependencies, so that reading the configuration (which refuses a
``[delivery] keep_days`` below :data:`MIN_KEEP`) does not load the storage layer;
:meth:`nashra.storage.outbox.OutboxStore.prune_settled` applies them.
"""

from __future__ import annotations

from datetime import timedelta

FRAGMENT_MARGIN = timedelta(days=1)
"""How much earlier than the messages a fragment must have been used last to be pruned: longer than a
digest cycle lasts (see :meth:`nashra.storage.outbox.OutboxStore.prune_settled`)."""

DIGEST_PERIOD = timedelta(days=1)
"""The longest a chat waits from one digest to the next: every digest time (configured or personal)
comes back daily."""

MIN_KEEP = DIGEST_PERIOD + FRAGMENT_MARGIN
"""The shortest time settled messages are kept (``[delivery] keep_days`` may not be less). A chat's last
sent digest is read until its next one is sent: /digest says "since your last digest" only to a chat
that was sent one (``OutboxStore.digest_sent_to``), and ``last_sent`` shows what the chat last
received. The next digest is owed at most :data:`DIGEST_PERIOD` later and sent within its cycle, which
:data:`FRAGMENT_MARGIN` already bounds; a cycle's own report reads its rows within that cycle too."""

__all__ = ["DIGEST_PERIOD", "FRAGMENT_MARGIN", "MIN_KEEP"]
