using System.Security.Cryptography;
using System.Text;
using Zos.Core.Primitives;

namespace Zos.Core.Naming;

/// <summary>
/// The id of a user network: the first 13 base58 characters of md5("&lt;owner&gt;:&lt;network name&gt;")
/// (zos-networking.md §4.2). 13 characters keep every derived name ("n-", "b-", "w-", "m-" + NetID) within
/// the kernel's 15-character IFNAMSIZ limit.
/// </summary>
public readonly record struct NetId
{
    public const int Length = 13;

    public string Value { get; }

    private NetId(string value) => Value = value;

    public static NetId Derive(string owner, string networkName)
    {
        // MD5 is what Zero-OS uses to derive a name here; it is not a security boundary.
        var digest = MD5.HashData(Encoding.UTF8.GetBytes($"{owner}:{networkName}"));
        return new NetId(Base58.Encode(digest)[..Length]);
    }

    /// <summary>Accepts an existing NetID text (13 base58 characters).</summary>
    public static bool TryParse(string? text, out NetId id)
    {
        id = default;
        if (text is null || text.Length != Length || !text.All(c => Base58.Alphabet.Contains(c, StringComparison.Ordinal)))
            return false;
        id = new NetId(text);
        return true;
    }

    /// <summary>Namespace of the network resource.</summary>
    public string NamespaceName => "n-" + Value;

    /// <summary>Host bridge the workloads' taps attach to.</summary>
    public string BridgeName => "b-" + Value;

    /// <summary>WireGuard link inside the network resource.</summary>
    public string WireGuardName => "w-" + Value;

    /// <summary>Mycelium bridge (kept for operators who know the name; Zos does not run mycelium).</summary>
    public string MyceliumBridgeName => "m-" + Value;

    /// <summary>Gateway macvlan inside the resource, on the bridge (same name as the namespace).</summary>
    public string GatewayLinkName => "n-" + Value;

    public override string ToString() => Value;
}
