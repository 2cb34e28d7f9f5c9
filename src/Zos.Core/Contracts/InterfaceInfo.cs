namespace Zos.Core.Contracts;

/// <summary>One network interface of a node as the node sees it: name, MAC ("aa:bb:cc:dd:ee:ff") and CIDR addresses.</summary>
public sealed record InterfaceInfo(string Name, string Mac, IReadOnlyList<string> Addresses);
