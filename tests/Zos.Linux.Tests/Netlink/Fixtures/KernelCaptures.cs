namespace Zos.Linux.Tests.Netlink.Fixtures;

/// <summary>
/// Raw rtnetlink datagrams captured from this kernel by capture.sh/capture.py (Python's AF_NETLINK socket, an
/// observer independent of our codec): one hex line per received datagram.
/// </summary>
public static class KernelCaptures
{
    public static IReadOnlyList<byte[]> Load(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Netlink", "Fixtures", name))
            .Where(l => l.Length > 0)
            .Select(Convert.FromHexString)
            .ToList();
}
