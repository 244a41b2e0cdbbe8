// Package postgres is the quote store in a PostgreSQL database (version 12
// or later), for many indexers and analysts at once: kutip index processes
// on several machines write to one database while others query it.
//
// The store's tables live in the first schema of the connection's
// search_path (public unless the URL sets search_path=…), so several
// stores can share a database.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kutip/kutip/corpus/store"
)

var _ store.Store = (*Store)(nil)

//go:embed schema/*.sql
var schemaFiles embed.FS

// migrations[i] takes a store from schema version i to i+1. Append new
// files; never edit one that has been released.
var migrations = []string{
	"schema/001_init.sql",
}

// migrationLock is the advisory lock key (pg_advisory_xact_lock) that
// processes opening a store hold while they bring its schema up to date:
// of several opening a new database at once, one creates the tables and the
// others wait, then find them made.
const migrationLock = 0x6b75746970 // "kutip"

// connectTimeout bounds connecting when the URL does not say
// (connect_timeout=…), so that a wrong host fails in seconds.
const connectTimeout = 10 * time.Second

// Store is the PostgreSQL store.Store. It is safe for concurrent use.
type Store struct {
	name     string // the URL without its password, for messages
	pool     *pgxpool.Pool
	readOnly bool
}

// Open connects to the database at url (postgres://user@host/db or any
// connection string pgx reads) for indexing and querying, creating the
// store's tables if needed and bringing them up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	s, err := connect(ctx, url, false)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	return s, nil
}

// OpenReadOnly connects to an existing store for queries only: Index
// refuses, and every query runs in a read-only transaction (set per
// transaction, not per connection, so that connection poolers such as
// PgBouncer pass it).
func OpenReadOnly(ctx context.Context, url string) (*Store, error) {
	s, err := connect(ctx, url, true)
	if err != nil {
		return nil, err
	}
	v, err := version(ctx, s.pool)
	if err == nil && v < len(migrations) {
		err = fmt.Errorf("schema version %d is older than this kutip's %d: run kutip index on it to upgrade", v, len(migrations))
	}
	if err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	return s, nil
}

func connect(ctx context.Context, url string, readOnly bool) (*Store, error) {
	name := redacted(url)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !strings.Contains(url, "connect_timeout") {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err == nil {
		err = pool.Ping(ctx)
		if err != nil {
			pool.Close()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Store{name: name, pool: pool, readOnly: readOnly}, nil
}

// redacted returns a URL as messages show it: without a password.
func redacted(location string) string {
	if u, err := url.Parse(location); err == nil && u.Scheme != "" {
		return u.Redacted()
	}
	return location
}

// Close closes every connection of the store.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// version returns the schema version, failing for a database that holds no
// store or one made by a newer kutip.
func version(ctx context.Context, q querier) (int, error) {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('schema_version') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, err
	}
	if !exists {
		return 0, fmt.Errorf("%w (create it with kutip index)", store.ErrNoStore)
	}
	var v *int
	if err := q.QueryRow(ctx, `SELECT max(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("not a kutip store: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	if *v > len(migrations) {
		return 0, fmt.Errorf("schema version %d is newer than this kutip's %d: upgrade kutip", *v, len(migrations))
	}
	return *v, nil
}

// migrate applies the migrations the store lacks, with their version rows,
// in one transaction holding migrationLock.
func (s *Store) migrate(ctx context.Context) (err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback(ctx)
		}
	}()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return err
	}
	var schema *string
	var versioned, others int
	err = tx.QueryRow(ctx, `SELECT current_schema(),
		(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_version'),
		(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version')`).Scan(&schema, &versioned, &others)
	if err != nil {
		return err
	}
	if schema == nil {
		return errors.New("no schema to create the store in: the search_path names none that exists")
	}
	if versioned == 0 && others > 0 { // someone else's tables: leave them alone
		return fmt.Errorf("not a kutip store: schema %s holds other tables (name another with search_path=… in the URL)", *schema)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version integer PRIMARY KEY,
		applied timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return err
	}
	v, err := version(ctx, tx)
	if err != nil {
		return err
	}
	for ; v < len(migrations); v++ {
		script, err := schemaFiles.ReadFile(migrations[v])
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, string(script)); err != nil {
			return fmt.Errorf("%s: %w", migrations[v], err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_version(version) VALUES ($1)`, v+1); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}
