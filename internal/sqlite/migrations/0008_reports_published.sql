-- Reports by published date with the end of their dates: a date range's reports (and their count)
-- are read from the index alone. sort_day is pub_start for a dated report.
CREATE INDEX reports_published ON reports (sort_day, pub_end);
