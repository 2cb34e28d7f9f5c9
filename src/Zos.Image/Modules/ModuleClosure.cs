namespace Zos.Image.Modules;

/// <summary>The modules an image gets: the selected ones and everything they depend on, hard or soft.</summary>
/// <param name="Paths">Module paths relative to lib/modules/VERSION, sorted.</param>
/// <param name="Missing">Selected names the kernel has neither as a module nor built in.</param>
public sealed record ModuleClosure(IReadOnlyList<string> Paths, IReadOnlyList<string> Missing);
