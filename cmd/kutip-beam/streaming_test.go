package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kutip/kutip/cmd/kutip/cli"
)

// streaming/kutip-map.sh run as Hadoop Streaming and RDD.pipe run it: the
// input split in parts, each piped through its own process, the outputs
// concatenated. The lines are kutip extract's, one per record, and a failed
// record fails no task.
func TestStreamingMapperWritesWhatExtractWrites(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	kutip := filepath.Join(t.TempDir(), "kutip")
	if out, err := exec.Command("go", "build", "-o", kutip, "github.com/kutip/kutip/cmd/kutip").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	input, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := cli.Run(context.Background(), []string{"kutip", "extract", "--quiet"}, bytes.NewReader(input), &stdout, &stderr); code != 1 {
		t.Fatalf("kutip extract exit %d: %s", code, stderr.String())
	}
	want := strings.SplitAfter(stdout.String(), "\n")
	lines := strings.SplitAfter(string(input), "\n")
	var got []string
	for _, part := range [][]string{lines[:3], lines[3:]} { // two splits, two tasks
		cmd := exec.Command("sh", "streaming/kutip-map.sh")
		cmd.Env = append(os.Environ(), "KUTIP="+kutip)
		cmd.Stdin = strings.NewReader(strings.Join(part, ""))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("task failed: %v", err)
		}
		got = append(got, strings.SplitAfter(string(out), "\n")...)
	}
	got = slices.DeleteFunc(got, func(s string) bool { return s == "" })
	want = slices.DeleteFunc(want, func(s string) bool { return s == "" })
	// The error record names its line within the task's input.
	for _, lines := range [][]string{got, want} {
		for i, l := range lines {
			if strings.Contains(l, `"error"`) {
				lines[i] = "error record\n"
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("streamed:\n%s\nkutip extract:\n%s", strings.Join(got, ""), strings.Join(want, ""))
	}
}
