-- Settled alert and broadcast messages are pruned after [delivery] keep_days like digest messages: an
-- alert to a large region owes a row per subscriber (100,000 rows for 100,000 subscribers), and kept
-- forever they would fill the disk. An alert's report counts its messages by outcome; the rows a prune
-- deletes are counted here, by outcome, in the transaction that deletes them, so the report reads the
-- same before and after (OutboxStore.alert_counts). Pending messages are never pruned.
ALTER TABLE alerts ADD COLUMN pruned_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN pruned_blocked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN pruned_failed INTEGER NOT NULL DEFAULT 0;
