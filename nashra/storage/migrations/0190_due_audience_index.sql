-- A digest cycle reads its audience a chunk at a time in chat id order (keyset pages after the last
-- chat id read). For the scheduled audience (digest_time IS NULL), the index on (digest_time, timezone)
-- made SQLite read every due subscriber and sort them for each read of a chunk: quadratic in the
-- audience (160 ms a read at a million subscribers; the cycle took 79.5 s of CPU instead of about 20).
-- Keyed by (digest_time, chat_id), each chunk is one range of the index in chat id order; so is a
-- personal time's audience. The distinct personal schedules are read from it as well.
DROP INDEX subscribers_schedule;
CREATE INDEX subscribers_due ON subscribers(digest_time, chat_id) WHERE blocked = 0 AND paused = 0;
-- The pending rows of one chat (/stop, a chat migration) are found through the outbox key, whose first
-- column is chat_id; this index only cost every new row an insert.
DROP INDEX outbox_chat_pending;
