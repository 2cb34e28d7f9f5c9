namespace Zos.Cli;

/// <summary>
/// Shell completion scripts. Each asks zos itself, through System.CommandLine's <c>[suggest:POSITION]</c> directive,
/// for the words that may follow the line typed so far, so completion follows the command tree of the zos installed
/// and needs no list of its own. The program is called as typed (<c>zos</c> or <c>./zos</c>).
/// </summary>
internal static class CompletionScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "not a shell zos completes for"),
    };

    // The line up to the cursor with its first word replaced by "zos": the parser knows its root by that name.
    private const string Bash = """
        # zos completion for bash: add to ~/.bashrc:  source <(zos completion bash)
        _zos_complete() {
            local line="${COMP_LINE:0:$COMP_POINT}"
            line="zos${line#"${COMP_WORDS[0]}"}"
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _zos_complete zos ./zos

        """;

    private const string Zsh = """
        #compdef zos ./zos
        # zos completion for zsh: add to ~/.zshrc:  source <(zos completion zsh)
        _zos_complete() {
            local line="zos ${(j: :)words[2,CURRENT]}"
            local -a candidates
            candidates=(${(f)"$(${words[1]} "[suggest:${#line}]" "$line" 2>/dev/null)"})
            if (( ${#candidates} )); then
                compadd -- $candidates
            else
                _files
            fi
        }
        compdef _zos_complete zos ./zos

        """;

    private const string Fish = """
        # zos completion for fish: zos completion fish > ~/.config/fish/completions/zos.fish
        function __zos_complete
            set -l words (commandline -opc)
            set -l line (string join ' ' zos $words[2..-1] (commandline -ct))
            $words[1] "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c zos -a '(__zos_complete)'
        complete -c ./zos -a '(__zos_complete)'

        """;
}
