using System.Net;
using System.Net.Sockets;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
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
        var rules = options.PublicAddressRules;
        var ips = body.PublicIps ?? [];
        var parsedIps = new List<(FarmPublicIp Ip, InterfaceAddress Address, string Path)>();
        for (var i = 0; i < ips.Count; i++)
        {
            if (ips[i] is null)
            {
                errors.Add(new ValidationError($"publicIps[{i}]", "is null; give an ip and a gateway"));
                continue;
            }
            if (RegistryRules.FarmIp(ips[i], $"publicIps[{i}].", rules, errors) is { } a)
                parsedIps.Add((Canonical(ips[i], a), a, $"publicIps[{i}].ip"));
        }
        CheckIpsTogether(parsedIps.Select(p => (p.Address, p.Path)).ToList(), errors);
        var prefixes = body.Ipv6Prefixes ?? [];
        var parsedPrefixes = new List<(IPNetwork Prefix, string Path)>();
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (AddressRules.FarmIpv6Prefix(prefixes[i], $"ipv6Prefixes[{i}]", rules, errors) is { } p)
                parsedPrefixes.Add((p, $"ipv6Prefixes[{i}]"));
        }
        for (var i = 0; i < parsedPrefixes.Count; i++)
        {
            var clash = parsedPrefixes.Take(i).FirstOrDefault(o => IpMath.Overlaps(o.Prefix, parsedPrefixes[i].Prefix));
            if (clash.Path is not null)
                errors.Add(new ValidationError(parsedPrefixes[i].Path, $"{parsedPrefixes[i].Prefix} overlaps {clash.Prefix} ({clash.Path})"));
        }
        var boot = body.Boot ?? new FarmBootProfile("prod", "");
        RegistryRules.Boot(boot, "boot", errors);
        ApiProblem.ThrowIfInvalid(errors);
        try
        {
            return await store.CreateFarmAsync(new Farm(0, body.Name, account.Id,
                [.. parsedIps.Select(p => p.Ip)], [.. parsedPrefixes.Select(p => AddressRules.Canonical(p.Prefix))], boot, [], body.AnswerIcmpEcho ?? true), ct);
        }
        catch (StoreConflictException e)
        {
            throw ApiProblem.Conflict(e.Field, e.Message);
        }
        catch (AddressOwnedException e)
        {
            throw AddressConflict(e);
        }
    }

    /// <summary>The entry as stored: address and gateway in canonical text, so equal networks are equal strings.</summary>
    private static FarmPublicIp Canonical(FarmIpAdd ip, InterfaceAddress address) =>
        new(AddressRules.Canonical(address), IpAddressText.TryParse(ip.Gateway, out var g) ? g.ToString() : ip.Gateway, null);

    /// <summary>
    /// Public IPs of one farm side by side, compared as addresses, not text: each address once, and addresses of one
    /// subnet written with one prefix length (203.0.113.10/24 beside 203.0.113.20/25 is a typo in one of them).
    /// </summary>
    private static void CheckIpsTogether(IReadOnlyList<(InterfaceAddress Address, string Path)> ips, List<ValidationError> errors)
    {
        // Linear in the addresses (a farm lists every address of its subnets): a dictionary for the addresses, the
        // overlap check only among the distinct subnets, which are few.
        var first = new Dictionary<IPAddress, int>();
        var subnets = new List<(IPNetwork Network, int Index)>();
        for (var i = 0; i < ips.Count; i++)
        {
            var a = ips[i].Address;
            if (!first.TryAdd(a.Address, i))
            {
                var j = first[a.Address];
                errors.Add(new ValidationError(ips[i].Path, $"{a.Address} is listed twice (also {ips[j].Path}: {ips[j].Address})"));
                continue;
            }
            if (subnets.Any(s => s.Network.Equals(a.Network)))
                continue;
            var clash = subnets.FindIndex(s => IpMath.Overlaps(s.Network, a.Network));
            if (clash >= 0)
            {
                var b = ips[subnets[clash].Index];
                errors.Add(new ValidationError(ips[i].Path,
                    $"subnet {a.Network} of {a} overlaps subnet {b.Address.Network} of {b.Path} ({b.Address}); write one subnet with one prefix length"));
                continue;
            }
            subnets.Add((a.Network, i));
        }
    }

    /// <summary>409 naming the farm that holds the network (its id only: nothing private of it).</summary>
    private static ApiProblem AddressConflict(AddressOwnedException e) =>
        ApiProblem.Conflict(e.Network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? "ip" : "ipv6Prefixes", e.Message);

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
            try
            {
                if (await store.UpdateFarmAsync(updated, stored.Version, [], ct))
                    return updated;
            }
            catch (AddressOwnedException e)
            {
                throw AddressConflict(e);
            }
        }
        throw OptimisticUpdate.GaveUp($"farm {farmId}");
    }

    public Task<Farm> AddFarmIpAsync(string signer, uint farmId, FarmIpAdd body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var address = RegistryRules.FarmIp(body, "", options.PublicAddressRules, errors);
        ApiProblem.ThrowIfInvalid(errors);
        var entry = Canonical(body, address!.Value);
        return UpdateFarmAsync(signer, farmId, farm =>
        {
            var existing = farm.PublicIps.Select((ip, i) => (Ip: ip, Index: i))
                .Where(x => InterfaceAddress.TryParse(x.Ip.Ip, out _))
                .Select(x => (InterfaceAddress.Parse(x.Ip.Ip), $"publicIps[{x.Index}] ({x.Ip.Ip})")).ToList();
            if (existing.Any(x => x.Item1.Address.Equals(address.Value.Address)))
                throw ApiProblem.Conflict("ip", $"farm {farmId} has the IP '{body.Ip}' already");
            var together = new List<ValidationError>();
            CheckIpsTogether([.. existing, (address.Value, "ip")], together);
            ApiProblem.ThrowIfInvalid(together);
            return farm with { PublicIps = [.. farm.PublicIps, entry] };
        }, ct);
    }

    public async Task<Farm> RemoveFarmIpAsync(string signer, uint farmId, string ip, CancellationToken ct)
    {
        var current = await GetFarmAsync(farmId, ct);
        var entry = current.PublicIps.FirstOrDefault(p => SameIp(p.Ip, ip)) ?? throw ApiProblem.NotFound($"farm {farmId} has no IP '{ip}'");
        if (entry.UsedBy is not null)
            throw ApiProblem.Conflict("ip", $"'{ip}' is used by node {entry.UsedBy}; unset its public config first");
        return await UpdateFarmAsync(signer, farmId, farm => farm with { PublicIps = [.. farm.PublicIps.Where(p => !SameIp(p.Ip, entry.Ip))] }, ct);
    }

    /// <summary>The same entry, compared as addresses with their prefix lengths (entries stored before canonical text too).</summary>
    private static bool SameIp(string stored, string given) =>
        stored == given || (InterfaceAddress.TryParse(stored, out var a) && InterfaceAddress.TryParse(given, out var b) && a == b);

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
