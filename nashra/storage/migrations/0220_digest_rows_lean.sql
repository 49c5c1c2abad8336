-- A scheduled cycle writes a row per subscriber (1.2 million for a million subscribers), and every byte of
-- those rows and of their index entries is written twice (WAL, then the database). The index on
-- (kind, slot, state) held one entry per digest row, long slot text included, only for counting a run's rows
-- by state: those are now counted over the rows written since the run began (their ids, see
-- OutboxStore.states_of). Alerts and broadcasts are still counted by slot, through this smaller index.
DROP INDEX outbox_slot_state;
CREATE INDEX outbox_notice_slot ON outbox(slot, state) WHERE kind <> 'digest';
