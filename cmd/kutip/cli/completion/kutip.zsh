#compdef kutip
# zsh completion for kutip: put it in a directory of $fpath as _kutip
# (kutip completion zsh > …/_kutip), or source it.
# Adapted from urfave/cli v2's autocomplete/zsh_autocomplete (MIT): kutip
# itself lists the commands and flags that may come next.

_kutip() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}

if [[ "$funcstack[1]" == "_kutip" ]]; then
  _kutip "$@"
else
  compdef _kutip kutip
fi
