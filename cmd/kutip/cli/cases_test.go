package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCLICases runs the command-line cases in testdata/cli, one file each.
// A case is a txtar archive: its comment says what the case shows and holds
// "args:" (split as a shell would, with '…' and "…" quoting), "exit:" and
// any "env: NAME=VALUE" lines (COLUMNS is unset unless one sets it); the section "stdin" is standard input, "stdout" and "stderr" are
// what kutip must write (an absent section: nothing), a section named
// "after:PATH" is what the file PATH must hold afterwards, and every other
// section is a file created before the run: "gzip:PATH" gzipped,
// "truncated-gzip:PATH" gzipped and cut in the middle, "symlink:PATH" a
// link to the path the section holds, "store:PATH" a quote store made by
// kutip extract --db from the articles the section holds. kutip runs in-process in a
// temporary directory holding those files.
func TestCLICases(t *testing.T) {
	paths, err := filepath.Glob("../../../testdata/cli/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c, err := parseCase(data)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			t.Setenv("COLUMNS", "")
			for name, value := range c.env {
				t.Setenv(name, value)
			}
			t.Chdir(t.TempDir())
			for name, content := range c.files {
				if err := writeCaseFile(name, content); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), append([]string{"kutip"}, c.args...), strings.NewReader(c.stdin), &stdout, &stderr)
			if code != c.exit {
				t.Errorf("exit %d, want %d", code, c.exit)
			}
			if got := stdout.String(); got != c.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", got, c.stdout)
			}
			if got := stderr.String(); got != c.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, c.stderr)
			}
			for name, want := range c.after {
				got, err := os.ReadFile(name)
				if err != nil {
					t.Errorf("after the run: %v", err)
				} else if string(got) != want {
					t.Errorf("%s after the run:\n%s\nwant:\n%s", name, got, want)
				}
			}
		})
	}
}

type cliCase struct {
	args                  []string
	exit                  int
	stdin, stdout, stderr string
	files, after, env     map[string]string
}

func parseCase(data []byte) (*cliCase, error) {
	c := &cliCase{files: map[string]string{}, after: map[string]string{}, env: map[string]string{}}
	comment, sections := splitTxtar(string(data))
	sawArgs := false
	for _, line := range strings.Split(comment, "\n") {
		switch key, value, _ := strings.Cut(line, ":"); key {
		case "args":
			args, err := splitArgs(value)
			if err != nil {
				return nil, err
			}
			c.args, sawArgs = args, true
		case "env":
			name, value, ok := strings.Cut(strings.TrimSpace(value), "=")
			if !ok {
				return nil, fmt.Errorf("env: %q is not NAME=VALUE", value)
			}
			c.env[name] = value
		case "exit":
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil {
				return nil, err
			}
			c.exit = n
		}
	}
	if !sawArgs {
		return nil, errors.New("no args: line")
	}
	for _, s := range sections {
		switch {
		case s.name == "stdin":
			c.stdin = s.data
		case s.name == "stdout":
			c.stdout = s.data
		case s.name == "stderr":
			c.stderr = s.data
		case strings.HasPrefix(s.name, "after:"):
			c.after[strings.TrimPrefix(s.name, "after:")] = s.data
		default:
			c.files[s.name] = s.data
		}
	}
	return c, nil
}

type section struct{ name, data string }

// splitTxtar splits a txtar archive into its comment and its sections.
func splitTxtar(s string) (string, []section) {
	var comment string
	var sections []section
	cur := -1
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if name, ok := strings.CutPrefix(line, "-- "); ok && strings.HasSuffix(name, " --") {
			sections = append(sections, section{name: strings.TrimSuffix(name, " --")})
			cur = len(sections) - 1
			continue
		}
		if cur < 0 {
			comment += line + "\n"
		} else {
			sections[cur].data += line + "\n"
		}
	}
	return comment, sections
}

// splitArgs splits s into words as a shell would, with '…' and "…" quoting.
func splitArgs(s string) ([]string, error) {
	var args []string
	var word strings.Builder
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0 && ch == quote:
			quote = 0
		case quote != 0:
			word.WriteByte(ch)
		case ch == '\'' || ch == '"':
			quote, inWord = ch, true
		case ch == ' ' || ch == '\t':
			if inWord {
				args = append(args, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteByte(ch)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c in args", quote)
	}
	if inWord {
		args = append(args, word.String())
	}
	return args, nil
}

// writeCaseFile creates the file a case section describes.
func writeCaseFile(name, content string) error {
	kind, path, ok := strings.Cut(name, ":")
	if !ok {
		kind, path = "", name
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	data := []byte(content)
	switch kind {
	case "":
	case "symlink":
		return os.Symlink(strings.TrimSpace(content), path)
	case "store":
		var stderr bytes.Buffer
		args := []string{"kutip", "extract", "--quiet", "--db", path, "--output", os.DevNull}
		if code := Run(context.Background(), args, strings.NewReader(content), io.Discard, &stderr); code != exitOK {
			return fmt.Errorf("section %q: extract exit %d: %s", name, code, stderr.String())
		}
		return nil
	case "gzip", "truncated-gzip":
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(data)
		zw.Close()
		data = b.Bytes()
		if kind == "truncated-gzip" {
			data = data[:len(data)/2]
		}
	default:
		return fmt.Errorf("section %q: unknown kind %q", name, kind)
	}
	return os.WriteFile(path, data, 0o644)
}
