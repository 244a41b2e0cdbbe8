package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLineBytes bounds one input line; a JSONL line holds a whole article.
const maxLineBytes = 1 << 30

// forEachLine calls fn with each line of r and its 1-based number, splitting
// on "\n", "\r\n" and a lone "\r" as Python's text files (universal newlines)
// do. The line excludes its terminator.
func forEachLine(r io.Reader, name string, fn func(num int, line []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLineBytes)
	sc.Split(scanUniversalLines)
	num := 0
	for sc.Scan() {
		num++
		if err := fn(num, sc.Bytes()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, num+1, err)
	}
	return nil
}

func scanUniversalLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		if data[i] == '\n' {
			return i + 1, data[:i], nil
		}
		if i+1 < len(data) {
			if data[i+1] == '\n' {
				return i + 2, data[:i], nil
			}
			return i + 1, data[:i], nil
		}
		if atEOF {
			return i + 1, data[:i], nil
		}
		return 0, nil, nil // a "\r" at the buffer's end may start "\r\n"
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// object is a decoded JSON object.
type object = map[string]any

// decodeJSONLine decodes one JSONL line as Python's json.loads would accept
// it, keeping numbers exact. Invalid UTF-8 is rejected because Python fails
// to read such a file at all.
func decodeJSONLine(line []byte) (any, error) {
	if !utf8.Valid(line) {
		return nil, errors.New("invalid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if err := dec.Decode(new(any)); err != io.EOF {
		return nil, errors.New("extra data after the JSON value")
	}
	return v, nil
}

// truthy is Python's bool() of a decoded JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case json.Number:
		f, err := x.Float64()
		return err != nil || f != 0
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case object:
		return len(x) > 0
	}
	return true
}

// pyOr is Python's `a or b`.
func pyOr(a, b any) any {
	if truthy(a) {
		return a
	}
	return b
}

// optionalString reads a value the scorers pass to fold(): any false value
// folds to "", and anything else but a string would crash Python.
func optionalString(v any, what string) (string, error) {
	if !truthy(v) {
		return "", nil
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", fmt.Errorf("%s is %s, want a string", what, describe(v))
}

// offsetValue reads a code-point offset; an integral float (12.0) is
// accepted because Python compares it like the integer.
func offsetValue(v any, what string) (int, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("%s is %s, want an integer", what, describe(v))
	}
	if i, err := strconv.Atoi(string(n)); err == nil {
		return i, nil
	}
	f, err := n.Float64()
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%s is %s, want an integer", what, n)
	}
	return int(f), nil
}

// listValue reads a value the scorers iterate over after `or []`: false
// values are empty lists; any other non-list would crash Python.
func listValue(v any, what string) ([]any, error) {
	if !truthy(v) {
		return nil, nil
	}
	if l, ok := v.([]any); ok {
		return l, nil
	}
	return nil, fmt.Errorf("%s is %s, want a list", what, describe(v))
}

func objectValue(v any, what string) (object, error) {
	if o, ok := v.(object); ok {
		return o, nil
	}
	return nil, fmt.Errorf("%s is %s, want an object", what, describe(v))
}

func stringValue(v any, what string) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", fmt.Errorf("%s is %s, want a string", what, describe(v))
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return "the number " + string(x)
	case string:
		return "a string"
	case []any:
		return "a list"
	case object:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// readByID reads the JSONL records of r with parse, in first-seen order of
// their ids: a later record with an id seen before replaces it. Errors name
// the file and line.
func readByID[T any](r io.Reader, name string, parse func(line []byte) (T, error), id func(T) string) ([]T, error) {
	var records orderedByID[T]
	err := forEachLine(r, name, func(num int, line []byte) error {
		record, err := parse(line)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, num, err)
		}
		records.put(id(record), record)
		return nil
	})
	return records.records, err
}

// orderedByID keeps records in first-seen order while a later record with the
// same id replaces the earlier one, as assigning into a Python dict does.
type orderedByID[T any] struct {
	index   map[string]int
	records []T
}

func (o *orderedByID[T]) put(id string, record T) {
	if o.index == nil {
		o.index = map[string]int{}
	}
	if i, ok := o.index[id]; ok {
		o.records[i] = record
		return
	}
	o.index[id] = len(o.records)
	o.records = append(o.records, record)
}

type predictionRecord struct {
	line   int
	fields object
}

// readPredictionRecords returns the last record per id, as score_*.py keep
// them. Lines that are not JSON are skipped, as are other values than objects
// where Python's `'id' in d` is false; where it would raise instead, or the id
// cannot be a dict key, the line is an error. Records whose id is not a string
// are dropped: they can never equal a gold id.
func readPredictionRecords(r io.Reader, name string) (map[string]predictionRecord, error) {
	records := map[string]predictionRecord{}
	err := forEachLine(r, name, func(num int, line []byte) error {
		if !utf8.Valid(line) {
			return fmt.Errorf("%s:%d: invalid UTF-8", name, num)
		}
		v, err := decodeJSONLine(line)
		if err != nil {
			return nil
		}
		rec, ok := v.(object)
		if !ok {
			if pythonRejectsIDLookup(v) {
				return fmt.Errorf("%s:%d: the line is %s, want an object", name, num, describe(v))
			}
			return nil
		}
		switch id := rec["id"].(type) {
		case string:
			records[id] = predictionRecord{line: num, fields: rec}
		case []any, object:
			return fmt.Errorf("%s:%d: id is %s, want a string", name, num, describe(id))
		}
		return nil
	})
	return records, err
}

// pythonRejectsIDLookup reports whether `'id' in v and v['id']` raises for
// a JSON value that is not an object.
func pythonRejectsIDLookup(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.Contains(x, "id")
	case []any:
		for _, item := range x {
			if item == "id" {
				return true
			}
		}
		return false
	}
	return true // null, booleans and numbers do not support `in`
}
