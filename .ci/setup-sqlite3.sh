# Sourced by .ci/run: Debian's sqlite3 shell, which the store tests read a
# store kutip wrote with (corpus/store/sqlite/portable_test.go): the SQLite
# users have, not the one kutip embeds.
if ! command -v sqlite3 >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
fi
KUTIP_TEST_SQLITE3=$(command -v sqlite3)
export KUTIP_TEST_SQLITE3
echo "ci: $("$KUTIP_TEST_SQLITE3" -version)"
