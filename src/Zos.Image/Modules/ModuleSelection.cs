namespace Zos.Image.Modules;

/// <summary>
/// Which kernel modules go into the image: modules by name (as modprobe names them; '-' and '_' are the same) and whole
/// directories of the module tree ("kernel/drivers/net/ethernet/intel"), each taken with its dependencies.
/// </summary>
/// <param name="Names">Module names; a name the kernel does not have as a module is a build error, unless it is built in.</param>
/// <param name="NamePrefixes">Name prefixes within <paramref name="Directories"/>'s scope: e.g. "nft_" under kernel/net.</param>
/// <param name="Directories">Module-tree paths whose every module is taken (when <paramref name="NamePrefixes"/> is empty)
/// or whose modules matching a prefix are taken.</param>
public sealed record ModuleSelection(IReadOnlyList<string> Names, IReadOnlyList<string> Directories, IReadOnlyList<string> NamePrefixes);
