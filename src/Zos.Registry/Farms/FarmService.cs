using System.Net.Sockets;
using Zos.Core.Contracts;
using Zos.Core.Validation;
using Zos.Registry.Accounts;
using Zos.Registry.Storage;
using Zos.Registry.Validation;

namespace Zos.Registry.Farms;

/// <summary>
/// Farms: creation, public IPs, the boot MAC list and profile, and the boot assignment of a MAC. Every change is the
/// owner's (<see cref="FarmOwnership"/>) and retried on concurrent updates. <c>signer</c> is the base58 key that
/// signed the request.
/// </summary>
public sealed class FarmService(IRegistryStore store, AccountService accounts, RegistryOptions options)
{
    public async Task<Farm> CreateFarmAsync(string signer, FarmCreate body, CancellationToken ct)
    {
        var account = await accounts.SignerAccountAsync(signer, ct);
        var errors = new List<ValidationError>();
        RegistryRules.Name(body.Name, "name", errors);
        var ips = body.PublicIps ?? [];
        for (var i = 0; i < ips.Count; i++)
            RegistryRules.FarmIp(ips[i], $"publicIps[{i}].", options.AllowDocumentationRanges, errors);
        foreach (var dup in ips.GroupBy(ip => ip.Ip).Where(g => g.Count() > 1))
            errors.Add(new ValidationError("publicIps", $"'{dup.Key}' is listed {dup.Count()} times"));
        var prefixes = body.Ipv6Prefixes ?? [];
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (!IPNetworkText.TryParseInterfaceAddress(prefixes[i], out var a, out _) || a.AddressFamily != AddressFamily.InterNetworkV6)
                errors.Add(new ValidationError($"ipv6Prefixes[{i}]", $"'{prefixes[i]}' is not an IPv6 prefix (e.g. 2001:db8:1::/48)"));
        }
        var boot = body.Boot ?? new FarmBootProfile("prod", "");
        RegistryRules.Boot(boot, "boot", errors);
        ApiProblem.ThrowIfInvalid(errors);
        try
        {
            return await store.CreateFarmAsync(new Farm(0, body.Name, account.Id,
                [.. ips.Select(ip => new FarmPublicIp(ip.Ip, ip.Gateway, null))], prefixes, boot, [], body.AnswerIcmpEcho ?? true), ct);
        }
        catch (StoreConflictException e)
        {
            throw ApiProblem.Conflict(e.Field, e.Message);
        }
    }

    /// <summary>A farm with each public IP's user (the node whose public config holds it) filled in.</summary>
    public async Task<Farm> GetFarmAsync(uint id, CancellationToken ct)
    {
        var farm = await RequireFarmAsync(id, ct);
        var nodes = await store.ListNodesAsync(id, false, ct);
        return WithIpUsers(farm, nodes.Select(n => (n.Id, n.Document.PublicConfig)));
    }

    /// <summary>The farm as stored (no IP users filled in); 404 when there is none.</summary>
    public async Task<Farm> RequireFarmAsync(uint id, CancellationToken ct) =>
        (await store.GetFarmAsync(id, ct) ?? throw ApiProblem.NotFound($"farm {id} does not exist")).Farm;

    /// <summary>The farm, when it exists and the signer owns it (a write that is not a change of the farm document, e.g. boot events).</summary>
    public async Task<Farm> RequireOwnedFarmAsync(string signer, uint id, CancellationToken ct)
    {
        var farm = await RequireFarmAsync(id, ct);
        FarmOwnership.Require(await accounts.SignerAccountAsync(signer, ct), farm);
        return farm;
    }

    public async Task<IReadOnlyList<Farm>> ListFarmsAsync(CancellationToken ct) =>
        [.. (await store.ListFarmsAsync(ct)).Select(f => f.Farm)];

    /// <summary><paramref name="farm"/> with each public IP marked as used by the node whose public IPv4 it is.</summary>
    public static Farm WithIpUsers(Farm farm, IEnumerable<(string NodeId, PublicConfig? PublicConfig)> nodes)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (nodeId, config) in nodes)
        {
            if (config?.Ipv4 is { } v4 && IPNetworkText.TryParseInterfaceAddress(v4.Address, out var a, out _))
                users[a.ToString()] = nodeId;
        }
        return farm with
        {
            PublicIps = [.. farm.PublicIps.Select(ip =>
                IPNetworkText.TryParseInterfaceAddress(ip.Ip, out var a, out _) && users.TryGetValue(a.ToString(), out var user) ? ip with { UsedBy = user } : ip)],
        };
    }

    /// <summary>Applies <paramref name="change"/> to a farm the signer owns, retrying on concurrent updates.</summary>
    private async Task<Farm> UpdateFarmAsync(string signer, uint farmId, Func<Farm, Farm> change, CancellationToken ct)
    {
        var account = await accounts.SignerAccountAsync(signer, ct);
        for (var attempt = 0; attempt < OptimisticUpdate.MaxAttempts; attempt++)
        {
            var stored = await store.GetFarmAsync(farmId, ct) ?? throw ApiProblem.NotFound($"farm {farmId} does not exist");
            FarmOwnership.Require(account, stored.Farm);
            var updated = change(stored.Farm);
            if (await store.UpdateFarmAsync(updated, stored.Version, [], ct))
                return updated;
        }
        throw OptimisticUpdate.GaveUp($"farm {farmId}");
    }

    public Task<Farm> AddFarmIpAsync(string signer, uint farmId, FarmIpAdd body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        RegistryRules.FarmIp(body, "", options.AllowDocumentationRanges, errors);
        ApiProblem.ThrowIfInvalid(errors);
        return UpdateFarmAsync(signer, farmId, farm =>
        {
            if (farm.PublicIps.Any(ip => ip.Ip == body.Ip))
                throw ApiProblem.Conflict("ip", $"farm {farmId} has the IP '{body.Ip}' already");
            return farm with { PublicIps = [.. farm.PublicIps, new FarmPublicIp(body.Ip, body.Gateway, null)] };
        }, ct);
    }

    public async Task<Farm> RemoveFarmIpAsync(string signer, uint farmId, string ip, CancellationToken ct)
    {
        var current = await GetFarmAsync(farmId, ct);
        var entry = current.PublicIps.FirstOrDefault(p => p.Ip == ip) ?? throw ApiProblem.NotFound($"farm {farmId} has no IP '{ip}'");
        if (entry.UsedBy is not null)
            throw ApiProblem.Conflict("ip", $"'{ip}' is used by node {entry.UsedBy}; unset its public config first");
        return await UpdateFarmAsync(signer, farmId, farm => farm with { PublicIps = [.. farm.PublicIps.Where(p => p.Ip != ip)] }, ct);
    }

    public async Task<Farm> SetFarmMacAsync(string signer, uint farmId, string macInPath, BootMac body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var mac = RegistryRules.Mac(macInPath, "mac", errors);
        if (body.Mac is not null && RegistryRules.Mac(body.Mac, "mac", []) is { } bodyMac && mac is not null && bodyMac != mac)
            errors.Add(new ValidationError("mac", $"the body's MAC '{body.Mac}' differs from the path's '{macInPath}'"));
        RegistryRules.KernelArgs(body.KernelArgs, "kernelArgs", errors);
        ApiProblem.ThrowIfInvalid(errors);
        foreach (var other in await store.ListFarmsAsync(ct))
        {
            if (other.Farm.Id != farmId && other.Farm.Macs.Any(m => m.Mac == mac))
                throw ApiProblem.Conflict("mac", $"MAC {mac} is on the boot list of farm {other.Farm.Id} already");
        }
        var entry = new BootMac(mac!, body.KernelArgs ?? "");
        return await UpdateFarmAsync(signer, farmId, farm => farm with { Macs = [.. farm.Macs.Where(m => m.Mac != mac), entry] }, ct);
    }

    public Task<Farm> RemoveFarmMacAsync(string signer, uint farmId, string macInPath, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var mac = RegistryRules.Mac(macInPath, "mac", errors);
        ApiProblem.ThrowIfInvalid(errors);
        return UpdateFarmAsync(signer, farmId, farm =>
        {
            if (farm.Macs.All(m => m.Mac != mac))
                throw ApiProblem.NotFound($"MAC {mac} is not on the boot list of farm {farmId}");
            return farm with { Macs = [.. farm.Macs.Where(m => m.Mac != mac)] };
        }, ct);
    }

    public Task<Farm> SetBootProfileAsync(string signer, uint farmId, FarmBootProfile body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        RegistryRules.Boot(body, "", errors);
        ApiProblem.ThrowIfInvalid(errors.Select(e => e with { Path = e.Path.TrimStart('.') }));
        return UpdateFarmAsync(signer, farmId, farm => farm with { Boot = body with { KernelArgs = body.KernelArgs ?? "" } }, ct);
    }

    public async Task<BootAssignment> GetBootAssignmentAsync(string macText, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var mac = RegistryRules.Mac(macText, "mac", errors);
        ApiProblem.ThrowIfInvalid(errors);
        foreach (var f in await store.ListFarmsAsync(ct))
        {
            if (f.Farm.Macs.FirstOrDefault(m => m.Mac == mac) is { } entry)
            {
                var args = string.Join(' ', new[] { f.Farm.Boot.KernelArgs, entry.KernelArgs }.Where(a => !string.IsNullOrWhiteSpace(a)));
                return new BootAssignment(f.Farm.Id, mac!, f.Farm.Boot.Runmode, args);
            }
        }
        throw ApiProblem.NotFound($"MAC {mac} is on no farm's boot list");
    }
}
