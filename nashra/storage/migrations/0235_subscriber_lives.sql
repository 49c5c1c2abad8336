-- subscribers.life: which of a chat's lives its row is, a number no earlier row of the chat had. /stop's
-- buttons carry it (bot/handlers/subscriber.py), so a question asked before the chat was deleted and
-- started again can never act on the new row, however soon after it was created (created_at is stamped
-- to the second). The high bits count every row ever inserted (subscriber_lives keeps the count: an
-- AUTOINCREMENT id is never used twice), so a new life is larger than every earlier one; the low 32
-- bits are random, so a forged press cannot name a life by guessing. This trigger is the column's one
-- owner: no program writes it.
CREATE TABLE subscriber_lives (id INTEGER PRIMARY KEY AUTOINCREMENT);

ALTER TABLE subscribers ADD COLUMN life INTEGER NOT NULL DEFAULT 0;

-- Rows of before this migration: count 0, random low bits.
UPDATE subscribers SET life = random() & 4294967295;

CREATE TRIGGER subscriber_life_begins AFTER INSERT ON subscribers
BEGIN
    INSERT INTO subscriber_lives (id) VALUES (NULL);
    UPDATE subscribers SET life = (last_insert_rowid() << 32) + (random() & 4294967295)
        WHERE chat_id = NEW.chat_id;
    DELETE FROM subscriber_lives;
END;
