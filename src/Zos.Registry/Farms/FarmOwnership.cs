using Zos.Core.Contracts;

namespace Zos.Registry.Farms;

/// <summary>
/// The one farm-owner check: a farm's data (its IPs, boot list and profile, its nodes' public configs, its boot
/// events) is changed only by the account that owns the farm.
/// </summary>
public static class FarmOwnership
{
    /// <summary>
    /// Refuses (403) unless <paramref name="signer"/> owns <paramref name="farm"/>; <paramref name="throughNode"/> names
    /// the node when the change is to one of the farm's nodes.
    /// </summary>
    public static void Require(Account signer, Farm farm, string? throughNode = null)
    {
        if (farm.OwnerId == signer.Id)
            return;
        var subject = throughNode is null ? $"farm {farm.Id} belongs" : $"node {throughNode} is in farm {farm.Id}, which belongs";
        throw ApiProblem.Forbidden($"{subject} to account {farm.OwnerId}, not to account {signer.Id} ({signer.Name})");
    }
}
