// Package pgtest gives tests a real PostgreSQL server: the one
// KUTIP_TEST_POSTGRES names (a URL of a database the tests may fill, as
// .ci/setup-postgres.sh exports), or else a throw-away cluster it starts
// itself from the initdb and pg_ctl it finds (in PATH or
// /usr/lib/postgresql/*/bin), as the postgres user when run as root. Tests
// skip, saying why, only when neither is possible.
//
// A package whose tests use it runs them through Main:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL is the variable naming the test server.
const EnvURL = "KUTIP_TEST_POSTGRES"

var (
	mainRuns  bool
	startOnce sync.Once
	baseURL   string
	startErr  error
	stop      func()
	schemas   atomic.Int64
)

// Main runs the tests of m (a *testing.M, or what wraps one) and stops the
// server it started for them, if any; it returns the exit code.
func Main(m interface{ Run() int }) int {
	mainRuns = true
	code := m.Run()
	if stop != nil {
		stop()
	}
	return code
}

// URL returns the URL of a new, empty schema of the test server's database
// (the URL sets search_path), dropped when t ends. It skips t when there is
// no server and none can be started.
func URL(t testing.TB) string {
	t.Helper()
	base := server(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("kutip_test_%d_%d", os.Getpid(), schemas.Add(1))
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("pgtest: dropping schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("pgtest: %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// server returns the URL of the test database, starting a server at first
// use when the environment names none.
func server(t testing.TB) string {
	t.Helper()
	if u := os.Getenv(EnvURL); u != "" {
		return u
	}
	if !mainRuns {
		t.Skipf("pgtest: %s is not set, and this package's TestMain does not call pgtest.Main to start a server", EnvURL)
	}
	startOnce.Do(func() { baseURL, stop, startErr = start() })
	if startErr != nil {
		t.Skipf("pgtest: %s is not set and no PostgreSQL server could be started: %v", EnvURL, startErr)
	}
	return baseURL
}

// start initdbs a cluster in a temporary directory and starts it on a unix
// socket there.
func start() (string, func(), error) {
	bin, err := findBin()
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "kutip-pg")
	if err != nil {
		return "", nil, err
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 { // initdb refuses root
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return "", nil, fmt.Errorf("running as root, and no postgres user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return "", nil, err
		}
	}
	run := func(name string, args ...string) error {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %w\n%s", name, err, out)
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	stop := func() {
		run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
		os.RemoveAll(dir)
	}
	if err := run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	if err := run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "server.log"), "-w",
		"-o", "-k "+dir+" -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, "postgres://postgres@/postgres?host="+dir)
	if err == nil {
		_, err = conn.Exec(ctx, `CREATE DATABASE kutip_test`)
		conn.Close(ctx)
	}
	if err != nil {
		stop()
		return "", nil, err
	}
	return "postgres://postgres@/kutip_test?host=" + dir, stop, nil
}

// findBin returns the directory of initdb and pg_ctl: PATH's, or the
// newest of Debian's /usr/lib/postgresql/*/bin.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return va - vb
	})
	for _, d := range slices.Backward(dirs) {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("no initdb in PATH or /usr/lib/postgresql/*/bin (install PostgreSQL, or set " + EnvURL + ")")
}
