# Sourced by .ci/run: Debian's chromium, which the browser tests of the web
# view drive headless (corpus/web/browser_test.go).
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
KUTIP_TEST_CHROMIUM=$(command -v chromium)
export KUTIP_TEST_CHROMIUM
echo "ci: $("$KUTIP_TEST_CHROMIUM" --version 2>/dev/null)"
