using System.Net;
using Zos.Linux.Tests.Processes;
using Zos.Linux.WireGuard;
using Zos.Testing;

namespace Zos.Linux.Tests.WireGuard;

/// <summary>
/// Two "nodes" (reference §2): each has a public namespace holding the UDP socket and a resource namespace holding
/// the moved WireGuard link. pubA and pubB share a veth underlay (IPv4 10.99.0.0/24 or IPv6 fd00:99::/64). Each device
/// uses a private runtime directory, so the socket names never collide with anything on the host.
/// </summary>
internal sealed class WireGuardTunnelLab : IAsyncDisposable
{
    private readonly List<TestNetns> _namespaces = [];
    private readonly string _dir;

    private WireGuardTunnelLab(string dir) => _dir = dir;

    public TestNetns PubA { get; private set; } = null!;
    public TestNetns NrA { get; private set; } = null!;
    public TestNetns PubB { get; private set; } = null!;
    public TestNetns NrB { get; private set; } = null!;
    public WireGuardDevice A { get; private set; } = null!;
    public WireGuardDevice B { get; private set; } = null!;
    public WireGuardKeyPair KeyA { get; } = WireGuardKeyPair.Generate();
    public WireGuardKeyPair KeyB { get; } = WireGuardKeyPair.Generate();
    public WireGuardConfig ConfigA { get; private set; } = null!;

    public static async Task<WireGuardTunnelLab> StartAsync(bool ipv6Underlay, CancellationToken ct)
    {
        var lab = new WireGuardTunnelLab(Directory.CreateTempSubdirectory("zt-wg-").FullName);
        try
        {
            lab.PubA = lab.Ns("pa");
            lab.NrA = lab.Ns("na");
            lab.PubB = lab.Ns("pb");
            lab.NrB = lab.Ns("nb");
            TestNetns.Veth(lab.PubA, "ul", lab.PubB, "ul");
            string endpointA, endpointB;
            if (ipv6Underlay)
            {
                lab.PubA.Ip("addr", "add", "fd00:99::1/64", "dev", "ul", "nodad");
                lab.PubB.Ip("addr", "add", "fd00:99::2/64", "dev", "ul", "nodad");
                (endpointA, endpointB) = ("[fd00:99::1]:51820", "[fd00:99::2]:51820");
            }
            else
            {
                lab.PubA.Ip("addr", "add", "10.99.0.1/24", "dev", "ul");
                lab.PubB.Ip("addr", "add", "10.99.0.2/24", "dev", "ul");
                (endpointA, endpointB) = ("10.99.0.1:51820", "10.99.0.2:51820");
            }
            lab.A = await WireGuardDevice.CreateAsync(new WireGuardDeviceOptions(TestNames.New("wa"))
                { NetworkNamespace = lab.PubA.Name, RuntimeDirectory = Path.Combine(lab._dir, "a") }, ct);
            lab.B = await WireGuardDevice.CreateAsync(new WireGuardDeviceOptions(TestNames.New("wb"))
                { NetworkNamespace = lab.PubB.Name, RuntimeDirectory = Path.Combine(lab._dir, "b") }, ct);
            lab.ConfigA = new WireGuardConfig(lab.KeyA.PrivateKey, 51820,
                [new WireGuardPeer(lab.KeyB.PublicKey, IPEndPoint.Parse(endpointB), [IPNetwork.Parse("100.64.2.0/24")])]);
            await lab.A.ApplyAsync(lab.ConfigA, ct);
            await lab.B.ApplyAsync(new WireGuardConfig(lab.KeyB.PrivateKey, 51820,
                [new WireGuardPeer(lab.KeyA.PublicKey, IPEndPoint.Parse(endpointA), [IPNetwork.Parse("100.64.1.0/24")])]), ct);
            // Move each link from its public namespace into its resource namespace (the netlink API will do this later).
            lab.PubA.Ip("link", "set", lab.A.Name, "netns", lab.NrA.Name);
            lab.A.LinkMovedTo(lab.NrA.Name);
            lab.NrA.Ip("addr", "add", "100.64.1.1/16", "dev", lab.A.Name);
            lab.NrA.Ip("link", "set", lab.A.Name, "up");
            lab.PubB.Ip("link", "set", lab.B.Name, "netns", lab.NrB.Name);
            lab.B.LinkMovedTo(lab.NrB.Name);
            lab.NrB.Ip("addr", "add", "100.64.2.1/16", "dev", lab.B.Name);
            lab.NrB.Ip("link", "set", lab.B.Name, "up");
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    private TestNetns Ns(string role)
    {
        var ns = TestNetns.Create(role);
        _namespaces.Add(ns);
        return ns;
    }

    /// <summary>wg show DEVICE dump run inside wireguard-go's mount namespace (where its socket directory is).</summary>
    public ShResult WgShow(WireGuardDevice device) => device.ProcessId is { } pid
        ? Sh.Run("nsenter", $"--mount=/proc/{pid}/ns/mnt", "--", "wg", "show", device.Name, "dump").EnsureSuccess("wg show")
        : Sh.Run("ip", "netns", "exec", device == A ? NrA.Name : NrB.Name, "wg", "show", device.Name, "dump").EnsureSuccess("wg show");

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
            await A.DisposeAsync();
        if (B is not null)
            await B.DisposeAsync();
        foreach (var ns in _namespaces)
            ns.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
