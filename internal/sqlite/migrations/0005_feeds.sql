-- Feeds followed, with the state of their polling, and the items already read from each (by link,
-- else by content), so that nothing is stored twice.
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	every_s       INTEGER NOT NULL,
	added         INTEGER NOT NULL,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_poll     INTEGER NOT NULL DEFAULT 0,
	next_poll     INTEGER NOT NULL,
	last_error    TEXT NOT NULL DEFAULT '',
	reports       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE feed_items (
	feed TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
	item TEXT NOT NULL,
	seen INTEGER NOT NULL,
	PRIMARY KEY (feed, item)
) WITHOUT ROWID;
