-- alerts.withdrawn: the messages of an alert or broadcast still unsent (pending, or held for a paused
-- chat) when their chat was forgotten (/stop) or their region channel unbound, deleted with the chat's
-- other unsent rows (nashra.storage.outbox.withdraw_unsettled); the alert's report counts them
-- (OutboxStore.alert_counts), so that it still accounts for every message the alert was owed as.
-- A new column: no table is rebuilt, no row is moved or renumbered.
ALTER TABLE alerts ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
