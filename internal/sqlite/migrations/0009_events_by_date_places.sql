-- The index of events by date holds each event's place too: the places of a filter of dates
-- (the OGC places collection of a month) are read from the index alone.
DROP INDEX mentions_events_by_date;
CREATE INDEX mentions_events_by_date ON mentions (coalesce(date_start, 2147483647), id, date_end, geonameid, not_a_place)
	WHERE NOT not_a_place;
