-- Delivery: find an alert's or a digest slot's rows quickly, and select sections by ingestion time.
CREATE INDEX outbox_slot_state ON outbox(kind, slot, state);
CREATE INDEX outbox_chat_pending ON outbox(chat_id) WHERE state = 'pending';
CREATE INDEX articles_ingested ON articles(ingested_at);
CREATE INDEX subscribers_schedule ON subscribers(digest_time, timezone) WHERE blocked = 0 AND paused = 0;
