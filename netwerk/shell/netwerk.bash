# bash completion for netwerk (shipped with netwerk: `netwerk completion bash [--install]`).
# A contact NAME (or --via NAME) is looked up by netwerk's own `__names` (standard library only,
# read-only); commands and options come from the command-line framework's protocol.
_netwerk_complete() {
    local IFS=$'\n' names
    if names=$(netwerk __names "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null); then
        COMPREPLY=()
        local name
        for name in $names; do
            COMPREPLY+=("$(printf '%q' "$name")")
        done
        return 0
    fi
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD \
                   _NETWERK_COMPLETE=complete_bash netwerk ) )
    return 0
}

complete -o default -F _netwerk_complete netwerk
