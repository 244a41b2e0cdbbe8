//go:build unix

package sqlite

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus/store"
)

// nobody is the user a root test runs queries as, so that the directory
// is truly not writable to them.
const nobody = 65534

// TestHelperQuery is not a test: run by TestQueriesNeverWrite as a process
// of its own (as another user, when the tests run as root), it queries the
// store its environment names.
func TestHelperQuery(t *testing.T) {
	path := os.Getenv("KUTIP_TEST_QUERY_DB")
	if path == "" {
		t.Skip("run by TestQueriesNeverWrite")
	}
	if err := queryAll(path); err != nil {
		t.Fatal(err)
	}
}

// queryAll runs what the query commands run on the store at path.
func queryAll(path string) error {
	s, err := OpenReadOnly(path)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Quotes(ctx, store.Filter{Match: "nuklir"}, store.Page{Limit: 0}); err != nil {
		return err
	}
	if _, err := s.Top(ctx, store.BySpeaker, store.Filter{}, 0); err != nil {
		return err
	}
	return s.Select(ctx, "SELECT count(*) FROM quote_view", nil, func([]any) error { return nil })
}

// dirState lists the files of dir with their sizes and times.
func dirState(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var state []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		state = append(state, e.Name()+" "+strconv.FormatInt(info.Size(), 10)+" "+info.ModTime().Format(time.RFC3339Nano))
	}
	slices.Sort(state)
	return state
}

// Issue 15.8: kutip quotes left -shm and -wal files owned by the querying
// user (after which the owner's kutip index failed), and failed outright on
// a store in a directory it could not write to.
func TestQueriesNeverWrite(t *testing.T) {
	// newDir returns a directory others may read, holding a store.
	newDir := func(t *testing.T) (dir, path string) {
		dir, err := os.MkdirTemp("", "kutip-ro-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
		if err := os.Chmod(dir, 0o755); err != nil { // MkdirTemp makes it 0700
			t.Fatal(err)
		}
		path = filepath.Join(dir, "quotes.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Index(context.Background(), fixtureArticles()); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return dir, path
	}

	t.Run("by the store's owner", func(t *testing.T) {
		dir, path := newDir(t)
		before := dirState(t, dir)
		if err := queryAll(path); err != nil {
			t.Fatal(err)
		}
		if after := dirState(t, dir); !slices.Equal(after, before) {
			t.Errorf("the directory changed:\n%q\nbefore:\n%q", after, before)
		}
	})

	t.Run("in a directory the querying user cannot write to", func(t *testing.T) {
		dir, path := newDir(t)
		before := dirState(t, dir)
		queryAsAnother(t, dir, path)
		if after := dirState(t, dir); !slices.Equal(after, before) {
			t.Errorf("the directory changed:\n%q\nbefore:\n%q", after, before)
		}
		// And the owner can index again.
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Index(context.Background(), fixtureArticles()[:1]); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("there, while an indexer has the store open", func(t *testing.T) {
		dir, path := newDir(t)
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Index(context.Background(), fixtureArticles()[:1]); err != nil {
			t.Fatal(err)
		}
		queryAsAnother(t, dir, path)
		if err := s.Index(context.Background(), fixtureArticles()[1:]); err != nil {
			t.Fatal(err)
		}
	})
}

// queryAsAnother runs queryAll on the store at path in a process that may
// not write to dir: as nobody when the tests run as root, else with dir
// made read-only meanwhile.
func queryAsAnother(t *testing.T, dir, path string) {
	t.Helper()
	bin := os.Args[0]
	if os.Geteuid() == 0 {
		// The test binary's own directory is root's alone.
		bin = dir + ".test"
		copyFile(t, os.Args[0], bin, 0o755)
		defer os.Remove(bin)
	}
	cmd := exec.Command(bin, "-test.run=^TestHelperQuery$", "-test.count=1")
	cmd.Env = append(os.Environ(), "KUTIP_TEST_QUERY_DB="+path)
	if os.Geteuid() == 0 {
		// Root writes anywhere: query as nobody, for whom the
		// directory is not writable, as another user's would be.
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		cmd.Dir = "/"
	} else {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, mode); err != nil {
		t.Fatal(err)
	}
}
