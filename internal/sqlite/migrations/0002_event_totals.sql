-- What the explore page needs of all events, without reading them: the list's first page, its
-- total, and the map's clusters.

-- Events by date then id, the order of the list, undated last as in event_boxes. With date_end and
-- not_a_place, a page and a date range are read from the index alone.
CREATE INDEX mentions_events_by_date ON mentions (coalesce(date_start, 2147483647), id, date_end, not_a_place)
	WHERE NOT not_a_place;

-- How many events are undated: with event_days, how many events there are.
CREATE TABLE event_undated (count INTEGER NOT NULL);
INSERT INTO event_undated SELECT count(*) FROM mentions WHERE date_start IS NULL AND NOT not_a_place;

-- How many events are at each point, in event_boxes' units: the clusters of all events, from a
-- row per place rather than per event.
CREATE TABLE event_points (
	lon   INTEGER NOT NULL,
	lat   INTEGER NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (lon, lat)
) WITHOUT ROWID;
INSERT INTO event_points SELECT min_lon, min_lat, count(*) FROM event_boxes GROUP BY min_lon, min_lat;

CREATE TRIGGER mentions_ai_totals AFTER INSERT ON mentions WHEN NOT new.not_a_place BEGIN
	UPDATE event_undated SET count = count + 1 WHERE new.date_start IS NULL;
	INSERT INTO event_points VALUES (CAST(round(new.lon * 1e5) AS INTEGER), CAST(round(new.lat * 1e5) AS INTEGER), 1)
		ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER mentions_ad_totals AFTER DELETE ON mentions WHEN NOT old.not_a_place BEGIN
	UPDATE event_undated SET count = count - 1 WHERE old.date_start IS NULL;
	UPDATE event_points SET count = count - 1
	WHERE lon = CAST(round(old.lon * 1e5) AS INTEGER) AND lat = CAST(round(old.lat * 1e5) AS INTEGER);
	DELETE FROM event_points
	WHERE lon = CAST(round(old.lon * 1e5) AS INTEGER) AND lat = CAST(round(old.lat * 1e5) AS INTEGER) AND count = 0;
END;
CREATE TRIGGER mentions_au_totals AFTER UPDATE OF lon, lat, date_start, not_a_place ON mentions BEGIN
	UPDATE event_undated SET count = count - 1 WHERE old.date_start IS NULL AND NOT old.not_a_place;
	UPDATE event_undated SET count = count + 1 WHERE new.date_start IS NULL AND NOT new.not_a_place;
	UPDATE event_points SET count = count - 1
	WHERE lon = CAST(round(old.lon * 1e5) AS INTEGER) AND lat = CAST(round(old.lat * 1e5) AS INTEGER) AND NOT old.not_a_place;
	DELETE FROM event_points
	WHERE lon = CAST(round(old.lon * 1e5) AS INTEGER) AND lat = CAST(round(old.lat * 1e5) AS INTEGER) AND count = 0;
	INSERT INTO event_points SELECT CAST(round(new.lon * 1e5) AS INTEGER), CAST(round(new.lat * 1e5) AS INTEGER), 1
	WHERE NOT new.not_a_place
		ON CONFLICT DO UPDATE SET count = count + 1;
END;
