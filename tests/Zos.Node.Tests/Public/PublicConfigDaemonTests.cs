using System.Net;
using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Networks;
using Zos.Core.Public;
using Zos.Linux.WireGuard;
using Zos.Node.Network;
using Zos.Node.Tests.Mesh;
using Zos.Testing;

namespace Zos.Node.Tests.Public;

/// <summary>
/// Privileged, daemon level, the whole public-config path as a farmer uses it: two real daemons in a farm with the real registry run a network whose
/// workloads ping; the farmer sets, changes and removes node A's public config through the registry API while it runs.
/// A's <c>public</c> namespace follows, A's peer sees A's endpoint move to the public address (and back to the zos
/// address), and the workloads keep pinging; a config whose gateway does not answer is refused by name and the previous
/// state stays.
/// </summary>
public class PublicConfigDaemonTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);
    private static readonly string Public4 = MeshFarm.FarmPublicSubnet + ".10";
    private static readonly string Public6 = MeshFarm.FarmPublicPrefix6 + "10";
    private static readonly string Changed4 = MeshFarm.FarmPublicSubnet + ".20";
    private static readonly string Changed6 = MeshFarm.FarmPublicPrefix6 + "20";

    [Fact]
    public async Task PublicConfig_SetChangedRefusedRemovedThroughRegistry_EndpointFollowsAndWorkloadsPing()
    {
        MeshTests.RequireTools();
        using var farm = MeshFarm.Create();
        var farmId = farm.AddPublicFarm();
        var a = farm.AddNode(farmId: farmId);
        var b = farm.AddNode(farmId: farmId);
        var (idA, netId, network, ipA, ipB) = await TwoNodesPingingAsync(farm, a, b, "pubnet", "10.30.0.0/16");
        var keyA = WireGuardKey.FromBase64(Member(farm, netId, idA).GetProperty("publicKey").GetString()!);
        var port = Member(farm, netId, idA).GetProperty("listenPort").GetInt32();
        Assert.Equal(PublicUplinkKind.SingleNic, a.NetworkStatus!.PublicUplink!.Kind);
        Assert.Null(a.NetworkStatus.PublicConfig);

        // Set: A's public namespace gets the addresses, its socket moves there, B talks to A on the public address.
        var setAt = DateTimeOffset.UtcNow;
        farm.CliJson("farm", "public-config", "set", idA, "--ipv4", Public4 + "/24", "--gw4", MeshFarm.FarmPublicSubnet + ".1",
            "--ipv6", Public6 + "/64", "--gw6", MeshFarm.FarmPublicPrefix6 + "1");
        await WaitForAsync(() => Endpoints(farm, netId, idA).SetEquals([$"{Public4}:{port}", $"[{Public6}]:{port}"]), "A reports its public endpoints", a);
        await PingBothWaysAsync(a, b, ipA, ipB, netId, network);
        await WaitForAsync(() => PeerOf(b, netId, keyA) is { } p && IsOneOf(p.Endpoint, Public4, Public6) && p.LastHandshake > setAt,
            "B's peer for A is on A's public address with a fresh handshake", b);
        var addresses = a.InNodeNs(InterfaceNames.PublicNamespace, "ip", "-br", "addr", "show", InterfaceNames.Public).EnsureSuccess("ip addr in public").StdOut;
        Assert.Contains(Public4 + "/24", addresses, StringComparison.Ordinal);
        Assert.Contains(Public6 + "/64", addresses, StringComparison.Ordinal);
        Assert.True(ListensIn(a, InterfaceNames.PublicNamespace, port), "A's WireGuard socket is in the public namespace");
        Assert.False(ListensIn(a, null, port), "and no longer in A's host namespace");
        Assert.Equal(new PublicConfig(new(Public4 + "/24", MeshFarm.FarmPublicSubnet + ".1"), new(Public6 + "/64", MeshFarm.FarmPublicPrefix6 + "1")),
            a.NetworkStatus!.PublicConfig);
        Assert.Null(a.NetworkStatus.PublicError);
        // The registry shows what the node applied and its uplink (the Cockpit reads the same view).
        await WaitForAsync(() => PublicView(farm, idA) is { } v && v.TryGetProperty("applied", out var ap) && ap.GetProperty("ipv4").GetProperty("address").GetString() == Public4 + "/24",
            "the registry shows A's applied public config", a);
        Assert.Equal("singleNic", PublicView(farm, idA)!.Value.GetProperty("uplinkKind").GetString());

        // Change: the addresses follow without re-creating anything; B's endpoint for A moves along.
        farm.CliJson("farm", "public-config", "set", idA, "--ipv4", Changed4 + "/24", "--gw4", MeshFarm.FarmPublicSubnet + ".1",
            "--ipv6", Changed6 + "/64", "--gw6", MeshFarm.FarmPublicPrefix6 + "1");
        await WaitForAsync(() => PeerOf(b, netId, keyA) is { } p && IsOneOf(p.Endpoint, Changed4, Changed6), "B's peer for A follows the change", b);
        await PingBothWaysAsync(a, b, ipA, ipB, netId, network);
        var changed = a.InNodeNs(InterfaceNames.PublicNamespace, "ip", "-br", "addr", "show", InterfaceNames.Public).EnsureSuccess("ip addr in public").StdOut;
        Assert.Contains(Changed4 + "/24", changed, StringComparison.Ordinal);
        Assert.DoesNotContain(Public4 + "/", changed, StringComparison.Ordinal);

        // Refused: a gateway that does not answer is named in the status and in the report; the previous state stays.
        farm.CliJson("farm", "public-config", "set", idA, "--ipv4", MeshFarm.FarmPublicSubnet + ".30/24", "--gw4", MeshFarm.FarmPublicSubnet + ".99");
        await WaitForAsync(() => a.NetworkStatus?.PublicError is not null, "A refuses the config whose gateway is silent", a);
        var refused = a.NetworkStatus!;
        Assert.Equal($"public config refused: publicConfig.gw4: gateway {MeshFarm.FarmPublicSubnet}.99 does not answer on br-pub (tried from a test interface with {MeshFarm.FarmPublicSubnet}.30/24)",
            refused.PublicError);
        Assert.Contains(refused.PublicError, refused.Errors);
        Assert.Equal(Changed4 + "/24", refused.PublicConfig!.Ipv4.Address);
        Assert.Contains(Changed4 + "/24", a.InNodeNs(InterfaceNames.PublicNamespace, "ip", "-br", "addr").StdOut, StringComparison.Ordinal);
        Assert.True(ListensIn(a, InterfaceNames.PublicNamespace, port));
        await PingBothWaysAsync(a, b, ipA, ipB, netId, network);
        Assert.False(a.HasExited, "a refused config does not stop the daemon");
        await WaitForAsync(() => PublicView(farm, idA) is { } v && v.TryGetProperty("error", out var e) && e.GetString() == refused.PublicError,
            "the registry shows why A refused the config", a);

        // Removed: the namespace goes, the socket is back in the host namespace, B talks to A's zos address again.
        farm.CliJson("farm", "public-config", "unset", idA);
        await WaitForAsync(() => !a.NamespaceNames().Contains(InterfaceNames.PublicNamespace) && a.NetworkStatus is { PublicConfig: null, PublicError: null },
            "A removes its public namespace", a);
        await WaitForAsync(() => PeerOf(b, netId, keyA) is { Endpoint: { } e } && !IsOneOf(e, Changed4, Changed6, Public4, Public6),
            "B's peer for A is back on A's zos address", b);
        await PingBothWaysAsync(a, b, ipA, ipB, netId, network);
        Assert.True(ListensIn(a, null, port), "A's WireGuard socket is back in the host namespace");
        Assert.DoesNotContain(Endpoints(farm, netId, idA), e => e.StartsWith(MeshFarm.FarmPublicSubnet + ".", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublicConfig_SecondNicGetsPublicRa_DetectedAsUplinkAndEndpointAnswersThere()
    {
        MeshTests.RequireTools();
        using var farm = MeshFarm.Create();
        var farmId = farm.AddPublicFarm(separateLan: true);
        var a = farm.AddNode(farmId: farmId, publicNic: true);
        var b = farm.AddNode(farmId: farmId);
        var (idA, netId, network, ipA, ipB) = await TwoNodesPingingAsync(farm, a, b, "dualnet", "10.31.0.0/16");

        // eth0 carries management (its DHCP lease); eth1 got a public IPv6 by RA in its probe, so br-pub takes it.
        Assert.Equal(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth1", "detected: eth1 got public IPv6 by RA"), a.NetworkStatus!.PublicUplink);
        Assert.Contains("master br-pub", a.Enter("ip", "link", "show", "eth1").EnsureSuccess("ip link show eth1").StdOut, StringComparison.Ordinal);
        Assert.Equal(PublicUplinkChoice.SingleNic("no second NIC: single-NIC"), b.NetworkStatus!.PublicUplink);

        var keyA = WireGuardKey.FromBase64(Member(farm, netId, idA).GetProperty("publicKey").GetString()!);
        var setAt = DateTimeOffset.UtcNow;
        farm.CliJson("farm", "public-config", "set", idA, "--ipv4", Public4 + "/24", "--gw4", MeshFarm.FarmPublicSubnet + ".1",
            "--ipv6", Public6 + "/64", "--gw6", MeshFarm.FarmPublicPrefix6 + "1");
        await WaitForAsync(() => PeerOf(b, netId, keyA) is { } p && IsOneOf(p.Endpoint, Public4, Public6) && p.LastHandshake > setAt,
            "B's peer for A is on A's public address (through A's second NIC) with a fresh handshake", b);
        await PingBothWaysAsync(a, b, ipA, ipB, netId, network);
        farm.InNs(farm.Internet, "ping", "-c", "1", "-W", "2", Public4);
        farm.InNs(farm.Internet, "ping", "-6", "-c", "1", "-W", "2", Public6);
        await WaitForAsync(() => PublicView(farm, idA) is { } v && v.GetProperty("uplinkKind").GetString() == "nic" && v.GetProperty("uplinkNic").GetString() == "eth1",
            "the registry shows A's second NIC as br-pub's uplink", a);
    }

    /// <summary>
    /// Nodes <paramref name="a"/> and <paramref name="b"/> registered, in one new network, each with a workload ("wa",
    /// "wb"), and the workloads pinging each other; returns A's node id, the network and the workloads' addresses.
    /// </summary>
    private static async Task<(string IdA, string NetId, JsonElement Network, IPAddress IpA, IPAddress IpB)> TwoNodesPingingAsync(
        MeshFarm farm, MeshNode a, MeshNode b, string name, string range)
    {
        var idA = await a.WaitRegisteredAsync(Converge);
        var idB = await b.WaitRegisteredAsync(Converge);
        var netId = farm.CliJson("network", "create", name, "--range", range).GetProperty("netId").GetString()!;
        farm.CliJson("network", "add", netId, idA);
        var network = farm.CliJson("network", "add", netId, idB);
        var ipA = MeshTests.WorkloadIp(network, idA);
        var ipB = MeshTests.WorkloadIp(network, idB);
        await MeshTests.AttachWhenDeployedAsync(a, "wa", name, ipA);
        await MeshTests.AttachWhenDeployedAsync(b, "wb", name, ipB);
        await PingBothWaysAsync(a, b, ipA, ipB, netId, network);
        return (idA, netId, network, ipA, ipB);
    }

    private static async Task PingBothWaysAsync(MeshNode a, MeshNode b, IPAddress ipA, IPAddress ipB, string netId, JsonElement network)
    {
        await MeshTests.PingAsync(a, "wa", ipA, ipB, netId, network);
        await MeshTests.PingAsync(b, "wb", ipB, ipA, netId, network);
    }

    /// <summary>The "public" part of the node as the registry shows it (null before the node reported one).</summary>
    private static JsonElement? PublicView(MeshFarm farm, string id) =>
        farm.CliJson("node", "show", id).TryGetProperty("public", out var p) ? p : null;

    private static JsonElement Member(MeshFarm farm, string netId, string id) =>
        farm.CliJson("network", "show", netId).GetProperty("members").EnumerateArray().First(m => m.GetProperty("id").GetString() == id);

    private static HashSet<string> Endpoints(MeshFarm farm, string netId, string id) =>
        [.. Member(farm, netId, id).GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The node's WireGuard device of the network, read over its control socket in the node's state directory.</summary>
    private static WireGuardPeerState? PeerOf(MeshNode node, string netId, WireGuardKey peer)
    {
        var id = NetId.TryParse(netId, out var n) ? n : throw new ArgumentException($"bad netId {netId}", nameof(netId));
        var socket = Path.Combine(node.StateDirectory, NetworkManagerFiles.WireGuardDirectoryName, id.WireGuardName + ".sock");
        try
        {
            return new WireGuardUapiClient(socket).GetAsync().GetAwaiter().GetResult().Peer(peer);
        }
        catch (Exception e) when (e is WireGuardException or IOException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private static bool IsOneOf(IPEndPoint? endpoint, params string[] hosts) =>
        endpoint is not null && hosts.Any(h => IPAddress.Parse(h).Equals(endpoint.Address));

    private static bool ListensIn(MeshNode node, string? ns, int port)
    {
        var ss = ns is null ? node.Enter("ss", "-Hulpn", $"sport = :{port}") : node.InNodeNs(ns, "ss", "-Hulpn", $"sport = :{port}");
        return ss.StdOut.Contains("wireguard-go", StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, MeshNode node)
    {
        var deadline = DateTime.UtcNow + Converge;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what}: not within {Converge.TotalSeconds} s\nnetwork status: {JsonSerializer.Serialize(node.NetworkStatus)}\nlog of {node.Namespace}:\n{node.Log}");
            await Task.Delay(500);
        }
    }
}
