using System.Net;
using Zos.Core.Bringup;
using Zos.Core.Primitives;

namespace Zos.Core.Tests.Bringup;

/// <summary>Builders of probe results for the selector and table tests.</summary>
internal static class Probes
{
    public static MacAddress Mac(int n) => MacAddress.Parse($"02:00:00:00:00:{n:x2}");

    public static NicProbeResult V4(string name, int mac, string address, params string[] routers) =>
        new(name, Mac(mac), true,
            new DhcpLease(IPAddress.Parse(address), 24, routers.Select(IPAddress.Parse).ToList(), [], null, TimeSpan.FromHours(1)),
            Ipv6Observation.None);

    public static NicProbeResult V6(string name, int mac, string address, string? router = "fe80::1") =>
        new(name, Mac(mac), true, null,
            new Ipv6Observation([IPAddress.Parse(address)], router is null ? null : IPAddress.Parse(router)));

    public static NicProbeResult Silent(string name, int mac) => new(name, Mac(mac), true, null, Ipv6Observation.None);

    public static NicProbeResult Unplugged(string name, int mac) => NicProbeResult.Unplugged(name, Mac(mac));
}
