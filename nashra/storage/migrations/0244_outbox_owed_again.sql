-- /resume owes a paused chat's held messages again as pending rows with new ids (migration 0243). Two
-- things must survive the new id:
-- outbox.first_id: the id the message was first owed under (NULL on the row first owed), so a digest run,
-- which reads its rows by the id ranges it wrote, still finds a message re-owed after a pause
-- (OutboxStore.states_of, pending_of). Few rows ever have one: a small partial index serves them.
-- alerts.expired: the messages of an alert or broadcast held for a paused chat longer than
-- [delivery] max_age_days, dropped unsent at /resume (nashra.storage.outbox.owe_held_again); the
-- alert's report counts them (OutboxStore.alert_counts).
-- Both are new columns: no table is rebuilt, no row is moved or renumbered.
ALTER TABLE outbox ADD COLUMN first_id INTEGER;
CREATE INDEX outbox_first ON outbox(first_id) WHERE first_id IS NOT NULL;
ALTER TABLE alerts ADD COLUMN expired INTEGER NOT NULL DEFAULT 0;
