using System.Net;

namespace Zos.Node.Bringup;

/// <summary>An address on a link with its prefix length, and whether it is still tentative (DAD, RFC 4862 §5.4).</summary>
public sealed record LinkAddress(IPAddress Address, int PrefixLength, bool Tentative = false)
{
    public override string ToString() => $"{Address}/{PrefixLength}";
}
