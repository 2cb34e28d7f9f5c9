using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>What bring-up leaves running once the Internet answers: the NIC behind zos and the DHCP client keeping its lease.</summary>
public sealed record BringupOutcome(string Nic, AddressFamilyChoice Family, LeaseTracker Lease, IAsyncDisposable LeaseClient, ConnectivityResult Connectivity);
