using System.CommandLine;

namespace Zos.Cli;

/// <summary>
/// One group of verbs (`zos farm ...`, `zos network ...`). Implementations live in Commands/ and are found by
/// reflection, so adding a group never edits a shared file. Several groups may add subcommands to the same verb
/// through <see cref="CommandTree.Verb"/>.
/// </summary>
internal interface ICommandGroup
{
    /// <summary>Order in `zos --help`; lower first.</summary>
    int Order { get; }

    void Register(RootCommand root);
}
