using System.CommandLine;

namespace Zos.Cli;

/// <summary>Helpers for building the verb tree.</summary>
internal static class CommandTree
{
    /// <summary>The subcommand <paramref name="name"/> of <paramref name="parent"/>, created when missing.</summary>
    public static Command Verb(Command parent, string name, string description)
    {
        var existing = parent.Subcommands.FirstOrDefault(c => c.Name == name);
        if (existing is not null)
            return existing;
        var created = new Command(name, description);
        parent.Add(created);
        return created;
    }
}
