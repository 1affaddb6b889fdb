-- Access tokens: a name, the hash of the secret (never the secret), whether it only reads.
CREATE TABLE tokens (
	name      TEXT PRIMARY KEY,
	hash      TEXT NOT NULL UNIQUE,
	read_only INTEGER NOT NULL,
	created   INTEGER NOT NULL
) WITHOUT ROWID;
