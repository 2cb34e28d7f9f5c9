using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>The real outside world of the daemon: rtnetlink, namespace probes, udhcpc, TCP, /etc/resolv.conf.</summary>
public static class LinuxNodePlatform
{
    public static NodePlatform Create(NodeSetup setup, StatusReporter status)
    {
        var links = new NetlinkLinkControl();
        return new NodePlatform(links, new NamespaceNicProber(new UdhcpcDhcpProbe()), new UdhcpcLeaseClient(), new TcpConnectivityProbe())
        {
            // A lab node shares its host's /etc: only a daemon that runs the machine itself sets the resolver.
            NameServers = setup.Options.ManagesMachine ? new ResolvConfFile(ResolvConfFile.DefaultPath, status.Say) : INameServers.None,
            HostFirewall = new NftHostFirewall(),
        };
    }
}
