namespace Zos.Core.Contracts;

/// <summary>How a farm's nodes boot, as the registry keeps it: runmode (prod, test, dev, qa) and kernel arguments added for every node.</summary>
public sealed record FarmBootProfile(string Runmode, string KernelArgs);
