package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// CreateToken stores a token; a token of the same name is a Conflict.
func (s *Store) CreateToken(ctx context.Context, t report.Token) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO tokens (name, hash, read_only, created) VALUES (?, ?, ?, ?)`,
		t.Name, t.Hash, t.ReadOnly, t.Created.Unix())
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return report.Errorf(report.Conflict, "a token is named %q already", t.Name)
	}
	if err != nil {
		return fmt.Errorf("sqlite: create token %q: %w", t.Name, err)
	}
	return nil
}

// Tokens returns every token, by name.
func (s *Store) Tokens(ctx context.Context) ([]report.Token, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name, hash, read_only, created FROM tokens ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: tokens: %w", err)
	}
	defer rows.Close()
	var ts []report.Token
	for rows.Next() {
		var t report.Token
		var created int64
		if err := rows.Scan(&t.Name, &t.Hash, &t.ReadOnly, num(&created)); err != nil {
			return nil, fmt.Errorf("sqlite: tokens: %w", err)
		}
		t.Created = time.Unix(created, 0).UTC()
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// RevokeToken deletes the token named name.
func (s *Store) RevokeToken(ctx context.Context, name string) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM tokens WHERE name = ?`, name)
	if err != nil {
		return fmt.Errorf("sqlite: revoke token %q: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sqlite: revoke token %q: %w", name, err)
	}
	if n == 0 {
		return report.Errorf(report.NotFound, "no token is named %q", name)
	}
	return nil
}
