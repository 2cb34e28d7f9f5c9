namespace Zos.Core.Contracts;

/// <summary>One MAC of a farm's boot list ("aa:bb:cc:dd:ee:ff") with the extra kernel arguments for that node (e.g. "vlan:priv=10").</summary>
public sealed record BootMac(string Mac, string KernelArgs);
