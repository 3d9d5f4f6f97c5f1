-- A subject's records are found through the hot index, which holds every record's id by subject
-- (and is rebuilt from this table at start), so the records need no index by subject hash. Its keys
-- are random: each inserted record dirtied a page of it, and a batch of 10,000 records into a store
-- of 2 million rewrote most of its leaf pages at commit.
DROP INDEX records_by_subject;
