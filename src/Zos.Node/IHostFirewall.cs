namespace Zos.Node;

/// <summary>
/// The node's host firewall as the daemon puts it on at start, before bring-up sends its first DHCP probe: the node
/// listens on nothing from its first packet on, registered or not, with or without a registry that answers.
/// <see cref="Linux.NftHostFirewall"/> is the real one; tests record the order.
/// </summary>
public interface IHostFirewall
{
    /// <summary>Applies the ruleset (one atomic transaction); throws naming what failed.</summary>
    Task ApplyAsync(CancellationToken ct);
}
