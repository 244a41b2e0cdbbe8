# Sourced by .ci/run: zsh and fish (bash is there already), in which
# cmd/kutip/cli's TestShellCompletion runs the scripts kutip completion prints.
if ! command -v zsh >/dev/null 2>&1 || ! command -v fish >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zsh fish >/dev/null
fi
KUTIP_TEST_SHELLS=1
export KUTIP_TEST_SHELLS
echo "ci: $(zsh --version), $(fish --version)"
