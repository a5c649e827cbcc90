# fish completion for netwerk (shipped with netwerk: `netwerk completion fish [--install]`).
# A contact NAME (or --via NAME) is looked up by netwerk's own `__names` (standard library only,
# read-only); commands and options come from the command-line framework's protocol.

function __netwerk_complete
    set -l words (commandline -opc) (commandline -ct)
    if set -l names (netwerk __names $words[2..-1] 2>/dev/null)
        printf '%s\n' $names
        return 0
    end
    env _NETWERK_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) netwerk
end

complete --command netwerk --no-files --arguments "(__netwerk_complete)"
