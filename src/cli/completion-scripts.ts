// The completion scripts `opentop completion SHELL` prints. They hold no knowledge of the
// command line: each asks `opentop __complete WORD…` (src/cli/complete.ts) and shows its
// answer, so that completion follows the command table without being regenerated.

export type Shell = "bash" | "zsh" | "fish";

export const COMPLETION_SCRIPTS: { readonly [S in Shell]: string } = {
  bash: `# bash completion for opentop: eval "$(opentop completion bash)" in ~/.bashrc
_opentop() {
  local cur=\${COMP_WORDS[COMP_CWORD]} line files=0
  COMPREPLY=()
  while IFS= read -r line; do
    if [ "$line" = :files ]; then files=1; elif [ -n "$line" ]; then COMPREPLY+=("\${line%%$'\\t'*}"); fi
  done < <(opentop __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  if [ "$files" = 1 ]; then
    compopt -o filenames 2>/dev/null
    while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -f -- "$cur")
  fi
}
complete -F _opentop opentop
`,
  zsh: `#compdef opentop
# zsh completion for opentop: source <(opentop completion zsh) in ~/.zshrc (after compinit),
# or save it as _opentop in a directory of $fpath.
_opentop() {
  local -a described plain
  local line out files=0
  out=$(opentop __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)
  for line in "\${(@f)out}"; do
    if [[ -z $line ]]; then continue
    elif [[ $line == :files ]]; then files=1
    elif [[ $line == *$'\\t'* ]]; then described+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
    else plain+=("$line")
    fi
  done
  (( \${#described} )) && _describe -t values opentop described
  (( \${#plain} )) && compadd -- "\${plain[@]}"
  (( files )) && _files
  return 0
}
if [[ "\${funcstack[1]}" == _opentop ]]; then _opentop "$@"; else compdef _opentop opentop; fi
`,
  fish: `# fish completion for opentop: opentop completion fish > ~/.config/fish/completions/opentop.fish
function __opentop_complete
    set -l words (commandline -opc)
    set -e words[1]
    for line in (opentop __complete $words (commandline -ct) 2>/dev/null)
        if test "$line" = :files
            __fish_complete_path (commandline -ct)
        else
            echo $line
        end
    end
end
complete -c opentop -f -a '(__opentop_complete)'
`,
};
