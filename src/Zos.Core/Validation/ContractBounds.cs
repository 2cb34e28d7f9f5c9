using System.Globalization;
using Zos.Core.Contracts;

namespace Zos.Core.Validation;

/// <summary>
/// The first check of what a node sends (registration, heartbeat, report): every required value present (no
/// <c>null</c>, nor as a list element), every string, list and number within <see cref="ContractLimits"/>. It runs
/// before the registry's finer rules, which may then walk the data without meeting a null or a 10 MB string; each
/// error names the field ("interfaces[0].addresses") and echoes at most <see cref="ContractLimits.MaxEchoLength"/>
/// characters of the value. Paths are built only for errors: a valid heartbeat allocates nothing here but the list.
/// </summary>
public static class ContractBounds
{
    public static List<ValidationError> Registration(NodeRegistration? r)
    {
        var e = new List<ValidationError>();
        if (!Present(r, "", e))
            return e;
        Text(r.NodeId, "nodeId", ContractLimits.MaxKeyLength, e);
        if (List(r.Interfaces, "interfaces", ContractLimits.MaxInterfaces, e))
        {
            for (var i = 0; i < r.Interfaces.Count; i++)
            {
                var nic = r.Interfaces[i];
                if (nic is null)
                {
                    e.Add(Required(Index("interfaces", i)));
                    continue;
                }
                if (!Fits(nic.Name, ContractLimits.MaxInterfaceNameLength))
                    Text(nic.Name, Field(Index("interfaces", i), "name"), ContractLimits.MaxInterfaceNameLength, e);
                if (!Fits(nic.Mac, ContractLimits.MaxMacLength))
                    Text(nic.Mac, Field(Index("interfaces", i), "mac"), ContractLimits.MaxMacLength, e);
                Strings(nic.Addresses, "interfaces", i, "addresses", ContractLimits.MaxAddressesPerInterface, ContractLimits.MaxAddressLength, e);
            }
        }
        if (Present(r.Capacity, "capacity", e))
        {
            var c = r.Capacity;
            Maximum(c.CpuCores, "capacity.cpuCores", ContractLimits.MaxCpuCores, e);
            Maximum(c.MemoryBytes, "capacity.memoryBytes", ContractLimits.MaxMemoryBytes, e);
            if (List(c.Disks, "capacity.disks", ContractLimits.MaxDisks, e))
            {
                for (var i = 0; i < c.Disks.Count; i++)
                {
                    var disk = c.Disks[i];
                    if (disk is null)
                    {
                        e.Add(Required(Index("capacity.disks", i)));
                        continue;
                    }
                    if (!Fits(disk.Name, ContractLimits.MaxDiskNameLength))
                        Text(disk.Name, Field(Index("capacity.disks", i), "name"), ContractLimits.MaxDiskNameLength, e);
                    if (disk.SizeBytes > ContractLimits.MaxDiskBytes)
                        Maximum(disk.SizeBytes, Field(Index("capacity.disks", i), "sizeBytes"), ContractLimits.MaxDiskBytes, e);
                    // The kind's values ("ssd", "hdd") are the registry's rule; here only that it is there and short.
                    if (!Fits(disk.Kind, ContractLimits.MaxVersionLength))
                        Text(disk.Kind, Field(Index("capacity.disks", i), "kind"), ContractLimits.MaxVersionLength, e);
                }
            }
        }
        if (Present(r.Versions, "versions", e))
        {
            Text(r.Versions.Zos, "versions.zos", ContractLimits.MaxVersionLength, e);
            OptionalText(r.Versions.Kernel, "versions.kernel", ContractLimits.MaxVersionLength, e);
        }
        OptionalText(r.ManagementNic, "managementNic", ContractLimits.MaxInterfaceNameLength, e);
        return e;
    }

    public static List<ValidationError> Heartbeat(Heartbeat? h)
    {
        var e = new List<ValidationError>();
        if (!Present(h, "", e))
            return e;
        Maximum(h.UptimeSeconds, "uptimeSeconds", ContractLimits.MaxUptimeSeconds, e);
        if (!Present(h.Health, "health", e))
            return e;
        if (h.Health.LeaseAgeSeconds is { } age)
        {
            if (age < 0)
                e.Add(new ValidationError("health.leaseAgeSeconds", Invariant($"{age} is negative")));
            Maximum(age, "health.leaseAgeSeconds", ContractLimits.MaxUptimeSeconds, e);
        }
        if (h.Health.Usage is { } usage)
            Usage(usage, e);
        var nics = h.Health.Nics;
        if (!List(nics, "health.nics", ContractLimits.MaxInterfaces, e))
            return e;
        for (var i = 0; i < nics.Count; i++)
        {
            var nic = nics[i];
            if (nic is null)
            {
                e.Add(Required(Index("health.nics", i)));
                continue;
            }
            if (!Fits(nic.Name, ContractLimits.MaxInterfaceNameLength))
                Text(nic.Name, Field(Index("health.nics", i), "name"), ContractLimits.MaxInterfaceNameLength, e);
            Strings(nic.Addresses, "health.nics", i, "addresses", ContractLimits.MaxAddressesPerInterface, ContractLimits.MaxAddressLength, e);
            if (nic.Problem is { Length: > ContractLimits.MaxProblemLength })
                OptionalText(nic.Problem, Field(Index("health.nics", i), "problem"), ContractLimits.MaxProblemLength, e);
        }
        return e;
    }

    /// <summary>A heartbeat's measured usage: sizes within the node caps, nothing negative, no part larger than its whole.</summary>
    private static void Usage(NodeUsage u, List<ValidationError> e)
    {
        if (u.Memory is { } m)
        {
            Bytes(m.TotalBytes, "health.usage.memory.totalBytes", ContractLimits.MaxMemoryBytes, e);
            Part(m.AvailableBytes, "health.usage.memory.availableBytes", m.TotalBytes, "totalBytes", e);
        }
        if (u.Load is { } load)
        {
            Load(load.OneMinute, "health.usage.load.oneMinute", e);
            Load(load.FiveMinutes, "health.usage.load.fiveMinutes", e);
            Load(load.FifteenMinutes, "health.usage.load.fifteenMinutes", e);
        }
        if (u.Disks is null || !List(u.Disks, "health.usage.disks", ContractLimits.MaxDisks, e))
            return;
        for (var i = 0; i < u.Disks.Count; i++)
        {
            var path = Index("health.usage.disks", i);
            if (u.Disks[i] is not { } d)
            {
                e.Add(Required(path));
                continue;
            }
            Text(d.Name, Field(path, "name"), ContractLimits.MaxDiskNameLength, e);
            Text(d.MountPoint, Field(path, "mountPoint"), ContractLimits.MaxMountPointLength, e);
            Bytes(d.TotalBytes, Field(path, "totalBytes"), ContractLimits.MaxDiskBytes, e);
            Part(d.UsedBytes, Field(path, "usedBytes"), d.TotalBytes, "totalBytes", e);
            Part(d.AvailableBytes, Field(path, "availableBytes"), d.TotalBytes, "totalBytes", e);
        }
    }

    private static void Bytes(long value, string path, long max, List<ValidationError> e)
    {
        if (value < 0)
            e.Add(new ValidationError(path, Invariant($"{value} is negative")));
        else
            Maximum(value, path, max, e);
    }

    /// <summary>A part of a measured whole: not negative, not more than the whole it is part of.</summary>
    private static void Part(long value, string path, long whole, string wholeName, List<ValidationError> e)
    {
        if (value < 0)
            e.Add(new ValidationError(path, Invariant($"{value} is negative")));
        else if (value > whole)
            e.Add(new ValidationError(path, Invariant($"{value} is more than {wholeName}, {whole}")));
    }

    private static void Load(double value, string path, List<ValidationError> e)
    {
        if (!double.IsFinite(value) || value < 0 || value > ContractLimits.MaxLoadAverage)
            e.Add(new ValidationError(path, Invariant($"{value} is not a load average (0 to {ContractLimits.MaxLoadAverage})")));
    }

    public static List<ValidationError> Report(NodeReport? r)
    {
        var e = new List<ValidationError>();
        if (!Present(r, "", e))
            return e;
        if (r.AppliedVersion < 0)
            e.Add(new ValidationError("appliedVersion", Invariant($"{r.AppliedVersion} is negative")));
        if (List(r.Networks, "networks", ContractLimits.MaxReportNetworks, e))
        {
            for (var i = 0; i < r.Networks.Count; i++)
            {
                var n = r.Networks[i];
                var p = Index("networks", i);
                if (n is null)
                {
                    e.Add(Required(p));
                    continue;
                }
                Text(n.NetId, Field(p, "netId"), ContractLimits.MaxNetworkKeyLength, e);
                Text(n.PublicKey, Field(p, "publicKey"), ContractLimits.MaxNetworkKeyLength, e);
                Strings(n.Endpoints, "networks", i, "endpoints", ContractLimits.MaxEndpoints, ContractLimits.MaxEndpointLength, e);
                if (List(n.Handshakes, Field(p, "handshakes"), ContractLimits.MaxHandshakes, e))
                {
                    for (var j = 0; j < n.Handshakes.Count; j++)
                    {
                        if (n.Handshakes[j] is not { } hs)
                            e.Add(Required(Index(Field(p, "handshakes"), j)));
                        else if (!Fits(hs.PublicKey, ContractLimits.MaxNetworkKeyLength))
                            Text(hs.PublicKey, Field(Index(Field(p, "handshakes"), j), "publicKey"), ContractLimits.MaxNetworkKeyLength, e);
                    }
                }
                Strings(n.Errors, "networks", i, "errors", ContractLimits.MaxProblems, ContractLimits.MaxProblemLength, e);
                if (n.WireGuard is not null && !WireGuardImplementations.IsKnown(n.WireGuard))
                {
                    e.Add(new ValidationError(Field(p, "wireGuard"),
                        $"'{ContractLimits.Echo(n.WireGuard)}' is no WireGuard implementation ({WireGuardImplementations.Kernel} or {WireGuardImplementations.WireGuardGo})"));
                }
            }
        }
        if (r.Errors is not null)
            Strings(r.Errors, "errors", ContractLimits.MaxProblems, ContractLimits.MaxProblemLength, e);
        if (r.Public is { } pub)
        {
            // The uplink NIC's form and the texts' lengths are the registry's rules (NodePublicReport.MaxTextLength).
            OptionalText(pub.UplinkNic, "public.uplinkNic", ContractLimits.MaxKeyLength, e);
            Text(pub.UplinkReason, "public.uplinkReason", int.MaxValue, e);
            if (pub.Applied is { } applied)
                PublicConfig(applied, "public.applied", e);
        }
        return e;
    }

    /// <summary>A new farm's lists within their caps and without null entries (names, addresses and the boot profile are the registry's rules).</summary>
    public static List<ValidationError> Farm(FarmCreate? f)
    {
        var e = new List<ValidationError>();
        if (!Present(f, "", e))
            return e;
        if (f.PublicIps is not null && List(f.PublicIps, "publicIps", ContractLimits.MaxFarmPublicIps, e))
        {
            for (var i = 0; i < f.PublicIps.Count; i++)
            {
                if (f.PublicIps[i] is not { } ip)
                {
                    e.Add(Required(Index("publicIps", i)));
                    continue;
                }
                OptionalText(ip.Ip, Field(Index("publicIps", i), "ip"), ContractLimits.MaxAddressLength, e);
                OptionalText(ip.Gateway, Field(Index("publicIps", i), "gateway"), ContractLimits.MaxAddressLength, e);
            }
        }
        if (f.Ipv6Prefixes is not null)
            Strings(f.Ipv6Prefixes, "ipv6Prefixes", ContractLimits.MaxFarmIpv6Prefixes, ContractLimits.MaxAddressLength, e);
        return e;
    }

    /// <summary>A public config's required parts present and its texts short (their meaning is checked by <see cref="PublicConfigRules"/>).</summary>
    public static void PublicConfig(PublicConfig config, string path, List<ValidationError> e)
    {
        if (Present(config.Ipv4, Field(path, "ipv4"), e))
        {
            Text(config.Ipv4.Address, Field(path, "ipv4.address"), ContractLimits.MaxAddressLength, e);
            Text(config.Ipv4.Gateway, Field(path, "ipv4.gateway"), ContractLimits.MaxAddressLength, e);
        }
        if (config.Ipv6 is { } v6)
        {
            Text(v6.Address, Field(path, "ipv6.address"), ContractLimits.MaxAddressLength, e);
            Text(v6.Gateway, Field(path, "ipv6.gateway"), ContractLimits.MaxAddressLength, e);
        }
        // RFC 1035 §2.3.4: a domain name has at most 255 octets.
        OptionalText(config.Domain, Field(path, "domain"), 255, e);
    }

    private static bool Fits(string? value, int max) => value is not null && value.Length <= max;

    private static bool Present<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] T? value, string path, List<ValidationError> e)
        where T : class
    {
        if (value is not null)
            return true;
        e.Add(Required(path.Length == 0 ? "body" : path));
        return false;
    }

    private static ValidationError Required(string path) => new(path, "is required (null or missing)");

    private static void Text(string? value, string path, int max, List<ValidationError> e)
    {
        if (value is null)
            e.Add(Required(path));
        else
            OptionalText(value, path, max, e);
    }

    private static void OptionalText(string? value, string path, int max, List<ValidationError> e)
    {
        if (value is { Length: var n } && n > max)
            e.Add(new ValidationError(path, Invariant($"'{ContractLimits.Echo(value)}' is {n} characters long; at most {max} are allowed")));
    }

    private static void Maximum(long value, string path, long max, List<ValidationError> e)
    {
        if (value > max)
            e.Add(new ValidationError(path, Invariant($"{value} is more than the most allowed, {max}")));
    }

    /// <summary>True when <paramref name="list"/> is there and within <paramref name="max"/> entries, so its elements are worth a look.</summary>
    private static bool List<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] IReadOnlyList<T>? list, string path, int max, List<ValidationError> e)
    {
        if (list is null)
        {
            e.Add(Required(path));
            return false;
        }
        if (list.Count <= max)
            return true;
        e.Add(new ValidationError(path, Invariant($"has {list.Count} entries; at most {max} are allowed")));
        return false;
    }

    /// <summary>A required list of required strings at <c>parent[index].field</c>.</summary>
    private static void Strings(IReadOnlyList<string>? list, string parent, int index, string field, int maxItems, int maxLength, List<ValidationError> e)
    {
        // Fast path (every heartbeat): nothing to report, no path built.
        if (list is not null && list.Count <= maxItems && AllFit(list, maxLength))
            return;
        Strings(list, Field(Index(parent, index), field), maxItems, maxLength, e);
    }

    private static void Strings(IReadOnlyList<string>? list, string path, int maxItems, int maxLength, List<ValidationError> e)
    {
        if (!List(list, path, maxItems, e))
            return;
        for (var i = 0; i < list.Count; i++)
        {
            if (!Fits(list[i], maxLength))
                Text(list[i], Index(path, i), maxLength, e);
        }
    }

    private static bool AllFit(IReadOnlyList<string> list, int maxLength)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (!Fits(list[i], maxLength))
                return false;
        }
        return true;
    }

    private static string Field(string prefix, string name) => ValidationPath.Field(prefix, name);

    private static string Index(string prefix, int index) => ValidationPath.Index(prefix, index);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
