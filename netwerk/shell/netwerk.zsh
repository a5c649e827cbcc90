#compdef netwerk
# zsh completion for netwerk (shipped with netwerk: `netwerk completion zsh [--install]`).
# A contact NAME (or --via NAME) is looked up by netwerk's own `__names` (standard library only,
# read-only); commands and options come from the command-line framework's protocol.

_netwerk_complete() {
  local names
  names=$(netwerk __names "${(@)words[2,$CURRENT]}" 2>/dev/null)
  if (( $? == 0 )); then
    # -U: the names matched already (accents, aliases, any word of the name); compadd quotes
    local -a found
    found=("${(@f)names}")
    [[ -n $names ]] && compadd -U -- "${found[@]}"
    return 0
  fi
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _NETWERK_COMPLETE=complete_zsh netwerk)
}

compdef _netwerk_complete netwerk
