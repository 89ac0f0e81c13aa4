# bash completion for docgraph. Commands, options and views come from the
# help texts docgraph prints, so this file follows the program.
_docgraph ()
{
  local cur prev cmd
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  local commands
  commands=$(docgraph --help 2>/dev/null | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands help --help --version" -- "$cur"))
    return
  fi
  cmd=${COMP_WORDS[1]}
  if [ "$cmd" = help ]; then
    [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    return
  fi
  case $prev in
    --db|-o|--output)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --type|-t)
      COMPREPLY=($(compgen -W "organization official document event" -- "$cur"))
      return ;;
    --view)
      COMPREPLY=($(compgen -W "$(docgraph export --help 2>/dev/null | awk '/^Views:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }')" -- "$cur"))
      return ;;
    --level|-l)
      COMPREPLY=($(compgen -W "central province district commune" -- "$cur"))
      return ;;
    --format|-f|-T|--input-format|-i)
      # The values its help line lists: "table (default), json, or tsv (…)"
      # or "Read inputs as text, html, jsonl or json (…)".
      local values
      values=$(docgraph "$cmd" --help 2>/dev/null | grep -e "$prev[ ,=]" | head -1 \
        | sed -e 's/^ *-[^ ]*\( --[^ ]*\)*  *//' -e 's/([^)]*)//g' -e 's/^[A-Z][a-z]* [a-z]* as //' -e 's/^[A-Z][a-z]*: //' \
        | tr ', ' '\n\n' | grep -v -x -e '' -e 'or' -e 'and')
      COMPREPLY=($(compgen -W "$values" -- "$cur"))
      return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(docgraph "$cmd" --help 2>/dev/null | grep -o -e '--[a-z][a-z0-9-]*' | sort -u)" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _docgraph docgraph
