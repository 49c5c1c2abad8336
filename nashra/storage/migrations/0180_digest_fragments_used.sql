-- When a digest fragment was last stored for a cycle (ISO 8601 UTC text, as every timestamp here):
-- fragments are shared by content hash across cycles, so a fragment may be pruned only once no cycle
-- has used it for as long as settled messages are kept (see OutboxStore.prune_digests). Existing
-- fragments count as used now: they are kept at least that long.
ALTER TABLE digest_fragments ADD COLUMN used_at TEXT NOT NULL DEFAULT '';
UPDATE digest_fragments SET used_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now');
CREATE INDEX digest_fragments_used ON digest_fragments(used_at);
