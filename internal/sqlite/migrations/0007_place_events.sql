-- How many events each place has, kept by the triggers below: the count of the places of all
-- events (the OGC places collection's numberMatched) without reading them.
CREATE TABLE place_events (
	geonameid INTEGER PRIMARY KEY,
	count     INTEGER NOT NULL
);
INSERT INTO place_events SELECT geonameid, count(*) FROM mentions WHERE NOT not_a_place GROUP BY geonameid;

CREATE TRIGGER mentions_ai_places AFTER INSERT ON mentions WHEN NOT new.not_a_place BEGIN
	INSERT INTO place_events VALUES (new.geonameid, 1) ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER mentions_ad_places AFTER DELETE ON mentions WHEN NOT old.not_a_place BEGIN
	UPDATE place_events SET count = count - 1 WHERE geonameid = old.geonameid;
	DELETE FROM place_events WHERE geonameid = old.geonameid AND count <= 0;
END;
CREATE TRIGGER mentions_au_places AFTER UPDATE OF geonameid, not_a_place ON mentions BEGIN
	UPDATE place_events SET count = count - 1 WHERE geonameid = old.geonameid AND NOT old.not_a_place;
	DELETE FROM place_events WHERE geonameid = old.geonameid AND count <= 0;
	INSERT INTO place_events SELECT new.geonameid, 1 WHERE NOT new.not_a_place
		ON CONFLICT DO UPDATE SET count = count + 1;
END;
