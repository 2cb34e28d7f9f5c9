using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Zos.Core.Primitives;

namespace Zos.Core.Naming;

/// <summary>
/// The IPv6 (ULA-looking) address Zero-OS gives a network resource gateway and its VMs: <c>Convert4to6</c>
/// (zos-networking.md §4.5). The original calls <c>md5.New().Sum([]byte(netID))</c>, which appends the digest of
/// nothing to the NetID's bytes, so the "hash" is the NetID's first five ASCII bytes. The text is then built as
/// <c>fd%x:%x%x:%x%x:%x::%x</c> with unpadded hex; we build the same text and parse it, so quirks carry over.
/// </summary>
public static class UlaAddress
{
    public const int PrefixLength = 64;

    public static IPAddress Convert4to6(NetId netId, IPAddress ipv4)
    {
        if (ipv4.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"address {ipv4} is not IPv4", nameof(ipv4));
        var h = netId.Value;
        var ip = ipv4.GetAddressBytes();
        var text = string.Create(CultureInfo.InvariantCulture,
            $"fd{(int)h[0]:x}:{(int)h[1]:x}{(int)h[2]:x}:{(int)h[3]:x}{(int)h[4]:x}:{ip[2]:x}::{ip[3]:x}");
        return IPAddress.Parse(text);
    }

    /// <summary>The /64 of a member subnet (the prefix of <see cref="Convert4to6"/> for any host of that subnet).</summary>
    public static IPNetwork PrefixForSubnet(NetId netId, IPNetwork subnet) =>
        IpMath.NetworkOf(Convert4to6(netId, subnet.BaseAddress), PrefixLength);
}
