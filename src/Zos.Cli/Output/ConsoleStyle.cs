namespace Zos.Cli.Output;

/// <summary>How progress is shown: tables redrawn for a person at a terminal, or one line per change for a pipe, a log or CI.</summary>
internal enum ConsoleStyle
{
    Terminal,
    Lines,
}
