package store

import (
	"slices"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	for query, want := range map[string][]string{
		"SELECT 1":                 {"SELECT 1"},
		"SELECT 1;":                {"SELECT 1"},
		" SELECT 1 ; SELECT 2 ;; ": {"SELECT 1", "SELECT 2"},
		"SELECT 1;\n-- a comment; and more\nSELECT 2":    {"SELECT 1", "-- a comment; and more\nSELECT 2"},
		"SELECT ';' AS semicolon; -- a trailing comment": {"SELECT ';' AS semicolon"},
		`SELECT "a;b" FROM (SELECT 1 AS "a;b") /* ; */`:  {`SELECT "a;b" FROM (SELECT 1 AS "a;b") /* ; */`},
		"SELECT [x;y], 'it''s; ok'; SELECT `;`":          {"SELECT [x;y], 'it''s; ok'", "SELECT `;`"},
		"SELECT 'unterminated; SELECT 2":                 {"SELECT 'unterminated; SELECT 2"},
		"":                                               nil,
		"  ; -- only a comment\n /* and ; another */ ":   nil,
	} {
		if got := SplitStatements(query); !slices.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", query, got, want)
		}
	}
}
