using System.Net;

namespace Zos.Node.Bringup;

/// <summary>
/// Where the name servers of the zos lease go, so the node can resolve a registry given by name (the run modes'
/// default registries are names). A lab node shares its host's resolver and uses <see cref="None"/>.
/// </summary>
public interface INameServers
{
    /// <summary>Takes the lease's name servers (DHCP option 6, in order); an empty list changes nothing.</summary>
    void Apply(IReadOnlyList<IPAddress> servers);

    /// <summary>Leaves name resolution as the host has it.</summary>
    static INameServers None { get; } = new NoNameServers();

    private sealed class NoNameServers : INameServers
    {
        public void Apply(IReadOnlyList<IPAddress> servers)
        {
        }
    }
}
