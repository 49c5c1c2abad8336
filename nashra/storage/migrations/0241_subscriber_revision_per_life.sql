-- subscribers.revision of a new row starts where no earlier row of the chat's could have been: at its
-- life's count (migration 0235) shifted 32 bits up. Before, every row started at 0, so a chat that
-- /stop and /start deleted and created again while a cycle composed its digest could reach, after as
-- many changes as the old row had, the very revision and window (NULL: never owed) the cycle read, and
-- be owed the digest composed for the chat it replaced (another language, other regions, other
-- filters). Counts are never reused (subscriber_lives is AUTOINCREMENT) and a row would need 2^32
-- changes to reach the next count's range, so a revision names one life's state. Rows of before keep
-- theirs (count 0). This trigger stays the one owner of both columns on insert.
DROP TRIGGER subscriber_life_begins;

CREATE TRIGGER subscriber_life_begins AFTER INSERT ON subscribers
BEGIN
    INSERT INTO subscriber_lives (id) VALUES (NULL);
    UPDATE subscribers SET life = (last_insert_rowid() << 32) + (random() & 4294967295),
        revision = last_insert_rowid() << 32
        WHERE chat_id = NEW.chat_id;
    DELETE FROM subscriber_lives;
END;
