-- Each subscriber's subscription codes on its own row, kept by triggers, so that a digest cycle reads a
-- subscriber's codes (its edition key, see nashra/storage/editions.py) and whether it has any (the
-- audience) from the row it scans, not from a subquery on subscriptions per subscriber.
-- subscribers.codes: the ISO 3166 codes of its subscriptions, sorted (SQLite's BINARY order, what
-- Python's sorted() gives for these ASCII codes) and separated by one space; NULL when it has none.
-- The same set of codes always gives the same string, whatever order they were added in.
-- These triggers are the column's one owner: no program writes it. group_concat lists the rows in the
-- order its subquery reads them (a co-routine, sorted by ORDER BY); SQLite 3.44's
-- group_concat(... ORDER BY) is not needed.
ALTER TABLE subscribers ADD COLUMN codes TEXT;

UPDATE subscribers SET codes = (
    SELECT group_concat(code, ' ') FROM (
        SELECT x.code FROM subscriptions x WHERE x.chat_id = subscribers.chat_id ORDER BY x.code
    )
);

CREATE TRIGGER subscriber_codes_added AFTER INSERT ON subscriptions
BEGIN
    UPDATE subscribers SET codes = (
        SELECT group_concat(code, ' ') FROM (
            SELECT x.code FROM subscriptions x WHERE x.chat_id = NEW.chat_id ORDER BY x.code
        )
    )
    WHERE chat_id = NEW.chat_id;
END;

-- Also fired by the cascade when a subscriber row is deleted (its row is gone then: nothing to update).
CREATE TRIGGER subscriber_codes_removed AFTER DELETE ON subscriptions
BEGIN
    UPDATE subscribers SET codes = (
        SELECT group_concat(code, ' ') FROM (
            SELECT x.code FROM subscriptions x WHERE x.chat_id = OLD.chat_id ORDER BY x.code
        )
    )
    WHERE chat_id = OLD.chat_id;
END;

-- Also fired by the cascade of a subscriber's new chat id (a group that became a supergroup): the
-- subscriber row then holds the new id already.
CREATE TRIGGER subscriber_codes_changed AFTER UPDATE OF chat_id, code ON subscriptions
BEGIN
    UPDATE subscribers SET codes = (
        SELECT group_concat(code, ' ') FROM (
            SELECT x.code FROM subscriptions x WHERE x.chat_id = subscribers.chat_id ORDER BY x.code
        )
    )
    WHERE chat_id IN (OLD.chat_id, NEW.chat_id);
END;
