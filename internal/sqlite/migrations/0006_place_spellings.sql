-- How the reports of each language spell each place: the mentions' texts by place, report language
-- and text, with their counts, kept by the triggers below. The pages name a place that has no name
-- in the reader's language by the spelling the reader's-language reports use most (see
-- report.BestSpelling). Mentions that are not places, or that a reader corrected or added, are
-- left out: their text is not the parser's reading of a name of the place.
CREATE TABLE place_spellings (
	geonameid INTEGER NOT NULL,
	lang      TEXT NOT NULL,
	text      TEXT NOT NULL,
	count     INTEGER NOT NULL,
	PRIMARY KEY (lang, geonameid, text)
) WITHOUT ROWID;
INSERT INTO place_spellings
	SELECT m.geonameid, r.lang, m.text, count(*) FROM mentions m JOIN reports r USING (rid)
	WHERE NOT m.not_a_place AND NOT m.corrected GROUP BY m.geonameid, r.lang, m.text;

CREATE TRIGGER mentions_ai_spellings AFTER INSERT ON mentions WHEN NOT new.not_a_place AND NOT new.corrected BEGIN
	INSERT INTO place_spellings SELECT new.geonameid, lang, new.text, 1 FROM reports WHERE rid = new.rid
		ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER mentions_ad_spellings AFTER DELETE ON mentions WHEN NOT old.not_a_place AND NOT old.corrected BEGIN
	UPDATE place_spellings SET count = count - 1 WHERE geonameid = old.geonameid AND text = old.text
		AND lang = (SELECT lang FROM reports WHERE rid = old.rid);
	DELETE FROM place_spellings WHERE geonameid = old.geonameid AND text = old.text AND count <= 0;
END;
CREATE TRIGGER mentions_au_spellings AFTER UPDATE OF geonameid, text, not_a_place, corrected ON mentions BEGIN
	UPDATE place_spellings SET count = count - 1 WHERE NOT old.not_a_place AND NOT old.corrected
		AND geonameid = old.geonameid AND text = old.text AND lang = (SELECT lang FROM reports WHERE rid = old.rid);
	DELETE FROM place_spellings WHERE geonameid = old.geonameid AND text = old.text AND count <= 0;
	INSERT INTO place_spellings SELECT new.geonameid, lang, new.text, 1 FROM reports
		WHERE rid = new.rid AND NOT new.not_a_place AND NOT new.corrected
		ON CONFLICT DO UPDATE SET count = count + 1;
END;
-- A report's mentions are deleted before the report, so that the trigger above still finds its
-- language (the foreign key's cascade runs after the report's row is gone).
CREATE TRIGGER reports_bd_mentions BEFORE DELETE ON reports BEGIN
	DELETE FROM mentions WHERE rid = old.rid;
END;
