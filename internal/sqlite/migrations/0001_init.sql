-- Dates are stored as unix days (days since 1970-01-01 UTC): *_start is the first day, *_end the day
-- after the last, so a date is the half-open range [start, end); *_precision is report.Precision.
-- An unknown date has NULL start and end and precision 0.

-- rid is an INTEGER PRIMARY KEY so that VACUUM keeps it: the FTS index and the mentions refer to it.
CREATE TABLE reports (
	rid             INTEGER PRIMARY KEY,
	id              TEXT NOT NULL UNIQUE,
	title           TEXT NOT NULL,
	source          TEXT NOT NULL,
	url             TEXT NOT NULL,
	pub_start       INTEGER,
	pub_end         INTEGER,
	pub_precision   INTEGER NOT NULL,
	lang            TEXT NOT NULL,
	text            TEXT NOT NULL,
	hash            TEXT NOT NULL UNIQUE,
	idempotency_key TEXT UNIQUE,
	created         INTEGER NOT NULL, -- unix nanoseconds
	-- Newest first: undated reports sort after dated ones.
	sort_day        INTEGER GENERATED ALWAYS AS (coalesce(pub_start, -1000000)) VIRTUAL
);
CREATE INDEX reports_newest ON reports (sort_day, created, rid);
CREATE INDEX reports_source ON reports (source);

CREATE TABLE mentions (
	id             INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: a stale id cannot name a new mention
	rid            INTEGER NOT NULL REFERENCES reports (rid) ON DELETE CASCADE,
	span_start     INTEGER NOT NULL, -- byte offsets into the report's text, half-open
	span_end       INTEGER NOT NULL,
	text           TEXT NOT NULL,
	geonameid      INTEGER NOT NULL,
	name           TEXT NOT NULL,
	lat            REAL NOT NULL,
	lon            REAL NOT NULL,
	feature_code   TEXT NOT NULL,
	country_code   TEXT NOT NULL,
	admin1         TEXT NOT NULL,
	population     INTEGER NOT NULL,
	sentence_start INTEGER NOT NULL,
	sentence_end   INTEGER NOT NULL,
	date_start     INTEGER,
	date_end       INTEGER,
	date_precision INTEGER NOT NULL,
	confidence     REAL NOT NULL,
	alternatives   TEXT, -- JSON array of report.Candidate
	corrected      INTEGER NOT NULL,
	not_a_place    INTEGER NOT NULL
);
CREATE INDEX mentions_report ON mentions (rid);
CREATE INDEX mentions_place ON mentions (geonameid, date_start);
CREATE INDEX mentions_country ON mentions (country_code, date_start);

-- Events, the mentions that are places, by point and date range, kept by the triggers below.
-- An integer R*Tree, exact, so queries by box and date need not read the mentions. Longitudes and
-- latitudes are in units of 1e-5 degrees (about a metre, GeoNames' precision), dates in units of
-- 1/2048 day: a typical query, tens of degrees by months, is then of a similar length on every axis,
-- which the R*Tree needs to split its nodes by time as well as by place. Undated events sit at
-- 2^31-1, after every date. See the constants in events.go.
CREATE VIRTUAL TABLE event_boxes USING rtree_i32 (id, min_lon, max_lon, min_lat, max_lat, date_start, date_end);

-- How many dated events have each date range: the timeline of all events, without reading them.
CREATE TABLE event_days (
	date_start INTEGER NOT NULL,
	date_end   INTEGER NOT NULL,
	count      INTEGER NOT NULL,
	PRIMARY KEY (date_start, date_end)
) WITHOUT ROWID;

CREATE TRIGGER mentions_ai AFTER INSERT ON mentions WHEN NOT new.not_a_place BEGIN
	INSERT INTO event_boxes VALUES (new.id,
		round(new.lon * 1e5), round(new.lon * 1e5), round(new.lat * 1e5), round(new.lat * 1e5),
		coalesce(new.date_start * 2048, 2147483647), coalesce(new.date_end * 2048, 2147483647));
	INSERT INTO event_days SELECT new.date_start, new.date_end, 1 WHERE new.date_start IS NOT NULL
		ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER mentions_ad AFTER DELETE ON mentions WHEN NOT old.not_a_place BEGIN
	DELETE FROM event_boxes WHERE id = old.id;
	UPDATE event_days SET count = count - 1 WHERE date_start = old.date_start AND date_end = old.date_end;
END;
CREATE TRIGGER mentions_au AFTER UPDATE ON mentions BEGIN
	DELETE FROM event_boxes WHERE id = old.id;
	INSERT INTO event_boxes SELECT new.id,
		round(new.lon * 1e5), round(new.lon * 1e5), round(new.lat * 1e5), round(new.lat * 1e5),
		coalesce(new.date_start * 2048, 2147483647), coalesce(new.date_end * 2048, 2147483647)
	WHERE NOT new.not_a_place;
	UPDATE event_days SET count = count - 1
	WHERE date_start = old.date_start AND date_end = old.date_end AND NOT old.not_a_place;
	INSERT INTO event_days SELECT new.date_start, new.date_end, 1 WHERE new.date_start IS NOT NULL AND NOT new.not_a_place
		ON CONFLICT DO UPDATE SET count = count + 1;
END;

-- Word search over reports, an external-content index over reports.title and reports.text.
CREATE VIRTUAL TABLE reports_fts USING fts5 (
	title, text, content = 'reports', content_rowid = 'rid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER reports_ai AFTER INSERT ON reports BEGIN
	INSERT INTO reports_fts (rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE TRIGGER reports_ad AFTER DELETE ON reports BEGIN
	INSERT INTO reports_fts (reports_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER reports_au AFTER UPDATE ON reports BEGIN
	INSERT INTO reports_fts (reports_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
	INSERT INTO reports_fts (rowid, title, text) VALUES (new.rid, new.title, new.text);
END;

-- A user's choice for the mention at a span of a report's text: a place, or not a place.
-- Keyed by span, not mention id, so it outlives ReplaceMentions (a reindex).
CREATE TABLE corrections (
	rid          INTEGER NOT NULL REFERENCES reports (rid) ON DELETE CASCADE,
	span_start   INTEGER NOT NULL,
	span_end     INTEGER NOT NULL,
	not_a_place  INTEGER NOT NULL,
	geonameid    INTEGER NOT NULL,
	name         TEXT NOT NULL,
	lat          REAL NOT NULL,
	lon          REAL NOT NULL,
	feature_code TEXT NOT NULL,
	country_code TEXT NOT NULL,
	admin1       TEXT NOT NULL,
	population   INTEGER NOT NULL,
	PRIMARY KEY (rid, span_start, span_end)
) WITHOUT ROWID;
