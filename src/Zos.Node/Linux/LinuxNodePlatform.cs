using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>The real outside world of the daemon: rtnetlink, namespace probes, udhcpc, TCP.</summary>
public static class LinuxNodePlatform
{
    public static NodePlatform Create(NodeConfig config)
    {
        _ = config;
        var links = new NetlinkLinkControl();
        return new NodePlatform(links, new NamespaceNicProber(new UdhcpcDhcpProbe()), new UdhcpcLeaseClient(), new TcpConnectivityProbe());
    }
}
