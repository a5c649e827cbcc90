# PowerShell completion for netwerk (shipped with netwerk: `netwerk completion powershell`).
# A contact NAME (or --via NAME) is looked up by netwerk's own `__names` (standard library only,
# read-only); commands and options come from the command-line framework's protocol.
Import-Module PSReadLine
Set-PSReadLineKeyHandler -Chord Tab -Function MenuComplete
$scriptblock = {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    if ($wordToComplete -eq "") { $words += "" }
    $names = @(netwerk __names @words 2>$null)
    if ($LASTEXITCODE -eq 0) {
        $names | Where-Object { $_ } | ForEach-Object {
            [System.Management.Automation.CompletionResult]::new(
                "'" + ($_ -replace "'", "''") + "'", $_, 'ParameterValue', $_)
        }
        return
    }
    $Env:_NETWERK_COMPLETE = "complete_powershell"
    $Env:_TYPER_COMPLETE_ARGS = $commandAst.ToString()
    $Env:_TYPER_COMPLETE_WORD_TO_COMPLETE = $wordToComplete
    netwerk | ForEach-Object {
        $commandArray = $_ -Split ":::"
        [System.Management.Automation.CompletionResult]::new(
            $commandArray[0], $commandArray[0], 'ParameterValue', $commandArray[1])
    }
    $Env:_NETWERK_COMPLETE = ""
    $Env:_TYPER_COMPLETE_ARGS = ""
    $Env:_TYPER_COMPLETE_WORD_TO_COMPLETE = ""
}
Register-ArgumentCompleter -Native -CommandName netwerk -ScriptBlock $scriptblock
