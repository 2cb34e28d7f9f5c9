using System.Net;
using Xunit;
using Zos.Core.Bringup;
using Zos.Core.Primitives;
using Zos.Core.Public;
using Zos.Node.Bringup;
using Zos.Node.Network;
using Zos.Node.Tests.Bringup;

namespace Zos.Node.Tests.Public;

public sealed class PublicUplinkDetectorTests : IDisposable
{
    private static readonly NicProbeSettings Settings = new(TimeSpan.FromSeconds(1), 1, TimeSpan.FromSeconds(1), null);
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-uplink-").FullName;
    private readonly RecordingLinkControl _links = new();

    public PublicUplinkDetectorTests()
    {
        // zos with its NIC, plus the veths the daemon makes itself (they stand for NICs only in the lab's kind list).
        _links.Links.AddRange(
        [
            Link("zos", 2, "bridge", null),
            Link("eth0", 3, "veth", 2),
            Link("tozos", 4, "veth", 2),
            Link("p-tozos", 5, "veth", 9),
            Link("tondmz", 6, "veth", null),
            Link("br-pub", 9, "bridge", null),
        ]);
    }

    private PublicUplinkStore Store => new(Path.Combine(_dir, PublicUplinkStore.FileName));

    [Fact]
    public async Task ChooseAsync_OnlyTheZosNic_SingleNicWithoutProbingAndKept()
    {
        var prober = new FixedProber(new Dictionary<string, NicProbeResult>());

        var choice = await Detector(prober, null).ChooseAsync(TestContext.Current.CancellationToken);

        Assert.Equal(PublicUplinkChoice.SingleNic("no second NIC: single-NIC"), choice);
        Assert.Empty(prober.Probed);
        Assert.Equal(choice, Store.Load());
    }

    [Fact]
    public async Task ChooseAsync_SecondNicWithPublicDhcp_ProbedAndTaken()
    {
        _links.Links.Add(Link("eth1", 7, "veth", null));
        var lease = new DhcpLease(IPAddress.Parse("203.0.113.50"), 24, [IPAddress.Parse("203.0.113.1")], [], null, TimeSpan.FromHours(1));
        var prober = new FixedProber(new Dictionary<string, NicProbeResult> { ["eth1"] = new("eth1", Mac(7), true, lease, Ipv6Observation.None) });

        var choice = await Detector(prober, null).ChooseAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth1", "detected: eth1 got public IPv4 by DHCP"), choice);
        Assert.Equal(["eth1"], prober.Probed);
        Assert.Equal(choice, Store.Load());
    }

    [Fact]
    public async Task ChooseAsync_DeclaredNic_TakenWithoutProbing()
    {
        _links.Links.Add(Link("eth1", 7, "veth", null));
        var prober = new FixedProber(new Dictionary<string, NicProbeResult>());

        var choice = await Detector(prober, "eth1").ChooseAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth1", "declared by the farmer: eth1"), choice);
        Assert.Empty(prober.Probed);
    }

    [Fact]
    public async Task ChooseAsync_KeptNicAlreadyOnBrPub_KeptWithoutProbing()
    {
        // After a restart the NIC is still br-pub's port: probing it would cut the public namespace off.
        _links.Links.Add(Link("eth1", 7, "veth", 9));
        Store.Save(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth1", "detected: eth1 got public IPv6 by RA"));
        var prober = new FixedProber(new Dictionary<string, NicProbeResult>());

        var choice = await Detector(prober, null).ChooseAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth1", "kept from an earlier run: eth1"), choice);
        Assert.Empty(prober.Probed);
    }

    private PublicUplinkDetector Detector(FixedProber prober, string? declared) =>
        new(_links, prober, Settings, new HashSet<string>(StringComparer.Ordinal) { "veth" }, declared, Store, TimeProvider.System);

    private static MacAddress Mac(int n) => MacAddress.Parse($"02:00:00:00:01:{n:x2}");

    private static HostLink Link(string name, int index, string kind, int? master) => new(name, index, kind, Mac(index), master, true, true);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
