# bash completion for kutip: source <(kutip completion bash), or save it as
# /etc/bash_completion.d/kutip. After urfave/cli v2's bash_autocomplete
# (MIT): kutip itself lists the commands and flags that may come next.

_kutip_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  local words=("${COMP_WORDS[@]:0:COMP_CWORD}")
  local opts
  if [[ "$cur" == -* ]]; then
    opts=$("${words[@]}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
}

complete -o bashdefault -o default -F _kutip_complete kutip
