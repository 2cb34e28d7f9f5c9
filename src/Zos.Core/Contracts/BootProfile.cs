namespace Zos.Core.Contracts;

/// <summary>How a farm's nodes boot: runmode (prod, test, dev, qa) and kernel arguments added for every node.</summary>
public sealed record BootProfile(string Runmode, string KernelArgs);
