package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The browser tests drive the pages in headless Chromium as an analyst
// would: .ci/setup-chromium.sh installs Debian's chromium and names it in
// KUTIP_TEST_CHROMIUM. KUTIP_SCREENSHOTS=DIR also saves each page at 1280
// and 390 pixels wide, of the fixture store or of the store
// KUTIP_SCREENSHOT_DB names.

// chromiumPath finds the browser, or skips the test saying why.
func chromiumPath(t *testing.T) string {
	if p := os.Getenv("KUTIP_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no browser: install Debian's chromium (.ci/setup-chromium.sh does) or set KUTIP_TEST_CHROMIUM")
	return ""
}

// newBrowser starts a headless browser for the test.
func newBrowser(t *testing.T) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox, chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting the browser: %v", err)
	}
	return ctx
}

// visible returns the text a reader sees in the element sel.
func visible(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		t.Fatalf("waiting for %s: %v", sel, err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	return text
}

func wantText(t *testing.T, ctx context.Context, sel string, wants ...string) {
	t.Helper()
	text := visible(t, ctx, sel)
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s shows %q, without %q", sel, text, w)
		}
	}
}

func TestBrowserAnalystSession(t *testing.T) {
	ctx := newBrowser(t)
	ts := httptest.NewServer(fixtureServer(t))
	defer ts.Close()

	// The overview.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	wantText(t, ctx, "main", "4 quotes", "Top speakers over time", "Sergey Lavrov", "Which outlet takes quotes from which medium", "Antara")

	// A search typed in the box.
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`header input[name="q"]`), "nuklir"),
		chromedp.Submit(chromedp.CSS(`header input[name="q"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.results`)),
	); err != nil {
		t.Fatal(err)
	}
	wantText(t, ctx, ".results h1", "2 quotes")
	wantText(t, ctx, ".results", "Kami tidak akan memakai senjata nuklir lebih dulu", "Program nuklir kami damai <script>")

	// A facet clicked: only what Reuters relayed.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//aside//section[h2="Relayed through"]//a[text()="Reuters"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.chips`)),
	); err != nil {
		t.Fatal(err)
	}
	wantText(t, ctx, ".results h1", "1 quote")
	wantText(t, ctx, ".chips", "source: Reuters", "words: nuklir")

	// The speaker of the hit.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.hit a.speaker`)), chromedp.WaitVisible(chromedp.CSS(`svg.chart`))); err != nil {
		t.Fatal(err)
	}
	wantText(t, ctx, "main h1", "Sergey Lavrov")
	wantText(t, ctx, "main", "3 quotes", "Relayed through", "Reuters", "Outlets quoting", "Warta Contoh")

	// The article of his latest quote about nuclear weapons.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/quotes?q=senjata"),
		chromedp.Click(chromedp.Search(`//article[@class="hit"]//a[text()="article"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.article`))); err != nil {
		t.Fatal(err)
	}
	wantText(t, ctx, ".article h1", "Menlu bicara nuklir")
	wantText(t, ctx, ".article", "Moskow - Menteri Luar Negeri Rusia Sergey Lavrov berbicara kepada wartawan.")
	wantText(t, ctx, ".quotelist h2", "2 quotes")

	// Its quotes exported as CSV, downloaded as a browser does.
	dir := t.TempDir()
	if err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
			return err
		}),
		chromedp.Click(chromedp.Search(`//footer//a[text()="CSV"]`)),
	); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "kutip-quotes.csv")
	var data []byte
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			data = b
			break
		}
	}
	rows, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][2] != "a1" || rows[2][2] != "a1" {
		t.Errorf("downloaded CSV %q (%v), want a header and the article's two quotes", rows, err)
	}
}

// TestBrowserScreenshots saves every page at a desktop and a phone width
// (KUTIP_SCREENSHOTS=DIR) for a person to look at.
func TestBrowserScreenshots(t *testing.T) {
	dir := os.Getenv("KUTIP_SCREENSHOTS")
	if dir == "" {
		t.Skip("set KUTIP_SCREENSHOTS=DIR to save screenshots of the pages")
	}
	ctx := newBrowser(t)
	srv := fixtureServer(t)
	pages := map[string]string{"overview": "/", "quotes": "/quotes?q=nuklir", "article": "/article?id=a1", "speaker": "/speaker?name=Sergey+Lavrov"}
	if db := os.Getenv("KUTIP_SCREENSHOT_DB"); db != "" {
		srv = serverOf(t, db)
		// NAME=PATH … replaces the fixture's pages.
		for _, v := range strings.Fields(os.Getenv("KUTIP_SCREENSHOT_PAGES")) {
			if name, path, ok := strings.Cut(v, "="); ok {
				pages[name] = path
			}
		}
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for name, path := range pages {
		for _, width := range []int64{1280, 390} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(ts.URL+path),
				chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, fmt.Sprintf("kutip-%s-%d.png", name, width))
			if err := os.WriteFile(out, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s (%s) at %d px: %s", name, path, width, out)
		}
	}
}
