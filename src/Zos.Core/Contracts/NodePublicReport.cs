using Zos.Core.Public;

namespace Zos.Core.Contracts;

/// <summary>
/// The node's public side in its report, so the farmer sees what the node chose and why without logging in to it:
/// br-pub's uplink (a NIC, or single-NIC through zos) with why it was chosen, the public config the <c>public</c>
/// namespace holds, and why the desired one is not applied (field and value), for the Cockpit and the farmer.
/// </summary>
public sealed record NodePublicReport(PublicUplinkKind UplinkKind, string? UplinkNic, string UplinkReason, PublicConfig? Applied = null, string? Error = null)
{
    /// <summary>Longest <see cref="UplinkReason"/> and <see cref="Error"/> the registry keeps.</summary>
    public const int MaxTextLength = 1000;
}
