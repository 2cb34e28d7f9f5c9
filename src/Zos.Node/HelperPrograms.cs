namespace Zos.Node;

/// <summary>
/// The programs the daemon runs on a node (all through Zos.Linux's HelperLaunch), checked once at start: a node image
/// that lacks one, or puts busybox's <c>ip</c> (no <c>netns</c>) before iproute2's, says so on the console at boot
/// instead of failing later at the first probe, firewall or network.
/// </summary>
public static class HelperPrograms
{
    /// <summary>Each program and what the daemon needs it for.</summary>
    public static IReadOnlyList<(string Program, string Use)> Required { get; } =
    [
        ("ip", "iproute2: 'ip netns exec' runs udhcpc, nft, wg and ping inside namespaces; 'ip link add type wireguard'"),
        ("busybox", "udhcpc (the NIC probes and the DHCP client on zos) and the shell of its event script"),
        ("nft", "the host, ndmz and network resource firewalls"),
        ("wg", "the configuration of kernel WireGuard devices"),
        ("ping", "the public namespace's gateway check"),
    ];

    /// <summary>
    /// What is wrong, one message per program; empty when all are there. <paramref name="resolve"/> gives the file a
    /// program name runs (symbolic links followed), or null when it is not found.
    /// </summary>
    public static IReadOnlyList<string> Problems(Func<string, string?> resolve)
    {
        var problems = new List<string>();
        foreach (var (program, use) in Required)
        {
            var file = resolve(program);
            if (file is null)
                problems.Add($"program '{program}' not found on PATH; it is needed for {use}");
            else if (program == "ip" && Path.GetFileName(file) == "busybox")
                problems.Add($"'ip' on PATH is busybox's ({file}), which has no 'ip netns': iproute2's ip must come first; it is needed for {use}");
        }
        return problems;
    }
}
