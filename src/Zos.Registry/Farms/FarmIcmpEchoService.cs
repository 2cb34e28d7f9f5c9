using Zos.Core.Contracts;
using Zos.Registry.Accounts;
using Zos.Registry.Storage;

namespace Zos.Registry.Farms;

/// <summary>
/// The farm's ICMP echo choice (<see cref="Farm.AnswerIcmpEcho"/>), the owner's to change. A change moves the desired
/// state of every node of the farm (it is part of it), so their long-polls wake and their firewalls follow.
/// </summary>
public sealed class FarmIcmpEchoService(IRegistryStore store, AccountService accounts, ChangeNotifier notifier)
{
    public async Task<Farm> SetAsync(string signer, uint farmId, FarmIcmpEcho body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var account = await accounts.SignerAccountAsync(signer, ct);
        for (var attempt = 0; attempt < OptimisticUpdate.MaxAttempts; attempt++)
        {
            var stored = await store.GetFarmAsync(farmId, ct) ?? throw ApiProblem.NotFound($"farm {farmId} does not exist");
            FarmOwnership.Require(account, stored.Farm);
            var nodes = (await store.ListNodesAsync(farmId, false, ct)).Select(n => n.Id).ToList();
            var updated = stored.Farm with { AnswerIcmpEcho = body.Answer };
            if (await store.UpdateFarmAsync(updated, stored.Version, nodes, ct))
            {
                notifier.Signal(nodes);
                return updated;
            }
        }
        throw OptimisticUpdate.GaveUp($"farm {farmId}");
    }
}
