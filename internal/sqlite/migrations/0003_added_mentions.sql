-- A reader may add a mention the parsers missed: it is kept as a correction marked added, so that
-- a reindex puts it back when the parsers still miss it.
ALTER TABLE corrections ADD COLUMN added INTEGER NOT NULL DEFAULT 0;
