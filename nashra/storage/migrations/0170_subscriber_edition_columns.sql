-- What a digest cycle asks of every subscriber, on the subscriber's own row and kept by triggers, so a
-- cycle reads it from the row it scans instead of searching other tables once per subscriber (see
-- nashra/storage/editions.py and Audience in nashra/storage/digests.py). These triggers are the
-- columns' one owner: no program writes them.

-- subscribers.codes: the ISO 3166 codes of its subscriptions, sorted (SQLite's BINARY order, what
-- Python's sorted() gives too) and separated by one space; NULL when it has none. The same set of codes
-- gives the same string whatever order they were added in. group_concat lists the rows in the order
-- its subquery yields them (a co-routine, sorted by its ORDER BY): SQLite 3.44's
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

-- Also fired by the cascade of a deleted subscriber (its row is gone then: nothing to update).
CREATE TRIGGER subscriber_codes_removed AFTER DELETE ON subscriptions
BEGIN
    UPDATE subscribers SET codes = (
        SELECT group_concat(code, ' ') FROM (
            SELECT x.code FROM subscriptions x WHERE x.chat_id = OLD.chat_id ORDER BY x.code
        )
    )
    WHERE chat_id = OLD.chat_id;
END;

-- Also fired by the cascade of a subscriber's new chat id (a group that became a supergroup).
CREATE TRIGGER subscriber_codes_changed AFTER UPDATE OF chat_id, code ON subscriptions
BEGIN
    UPDATE subscribers SET codes = (
        SELECT group_concat(code, ' ') FROM (
            SELECT x.code FROM subscriptions x WHERE x.chat_id = subscribers.chat_id ORDER BY x.code
        )
    )
    WHERE chat_id IN (OLD.chat_id, NEW.chat_id);
END;

-- subscribers.tailored: 1 when the subscriber has keyword filters or forum topics (its digest is
-- composed for it alone), else 0 (a plain subscriber, owed by edition).
ALTER TABLE subscribers ADD COLUMN tailored INTEGER NOT NULL DEFAULT 0;

UPDATE subscribers SET tailored = 1
WHERE EXISTS (SELECT 1 FROM keywords k WHERE k.chat_id = subscribers.chat_id)
    OR EXISTS (SELECT 1 FROM topics t WHERE t.chat_id = subscribers.chat_id);

CREATE TRIGGER subscriber_tailored_keyword_added AFTER INSERT ON keywords
BEGIN
    UPDATE subscribers SET tailored = 1 WHERE chat_id = NEW.chat_id;
END;

CREATE TRIGGER subscriber_tailored_topic_added AFTER INSERT ON topics
BEGIN
    UPDATE subscribers SET tailored = 1 WHERE chat_id = NEW.chat_id;
END;

CREATE TRIGGER subscriber_tailored_keyword_removed AFTER DELETE ON keywords
BEGIN
    UPDATE subscribers SET tailored = (
        EXISTS (SELECT 1 FROM keywords k WHERE k.chat_id = OLD.chat_id)
        OR EXISTS (SELECT 1 FROM topics t WHERE t.chat_id = OLD.chat_id)
    )
    WHERE chat_id = OLD.chat_id;
END;

CREATE TRIGGER subscriber_tailored_topic_removed AFTER DELETE ON topics
BEGIN
    UPDATE subscribers SET tailored = (
        EXISTS (SELECT 1 FROM keywords k WHERE k.chat_id = OLD.chat_id)
        OR EXISTS (SELECT 1 FROM topics t WHERE t.chat_id = OLD.chat_id)
    )
    WHERE chat_id = OLD.chat_id;
END;

CREATE TRIGGER subscriber_tailored_keyword_moved AFTER UPDATE OF chat_id ON keywords
BEGIN
    UPDATE subscribers SET tailored = (
        EXISTS (SELECT 1 FROM keywords k WHERE k.chat_id = subscribers.chat_id)
        OR EXISTS (SELECT 1 FROM topics t WHERE t.chat_id = subscribers.chat_id)
    )
    WHERE chat_id IN (OLD.chat_id, NEW.chat_id);
END;

CREATE TRIGGER subscriber_tailored_topic_moved AFTER UPDATE OF chat_id ON topics
BEGIN
    UPDATE subscribers SET tailored = (
        EXISTS (SELECT 1 FROM keywords k WHERE k.chat_id = subscribers.chat_id)
        OR EXISTS (SELECT 1 FROM topics t WHERE t.chat_id = subscribers.chat_id)
    )
    WHERE chat_id IN (OLD.chat_id, NEW.chat_id);
END;
