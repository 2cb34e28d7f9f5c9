using System.Text.Json.Serialization;

namespace Zos.Core.Networks;

/// <summary>
/// What a member of a user network is. Its text on the wire, in the registry's store and in network documents is
/// <see cref="NetworkMemberKindText"/>'s ("node", "user"); the JSON names below are those same constants.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<NetworkMemberKind>))]
public enum NetworkMemberKind
{
    /// <summary>A node running a network resource (n-&lt;netid&gt;) with a WireGuard interface.</summary>
    [JsonStringEnumMemberName(NetworkMemberKindText.Node)]
    Node,

    /// <summary>A user's machine (laptop) joining with wg-quick: a client that only dials out (zos-networking.md §6.3 step 7).</summary>
    [JsonStringEnumMemberName(NetworkMemberKindText.User)]
    UserAccess,
}
