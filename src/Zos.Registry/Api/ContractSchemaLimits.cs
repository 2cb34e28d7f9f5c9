using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Zos.Core.Contracts;
using L = Zos.Core.Contracts.ContractLimits;

namespace Zos.Registry.Api;

/// <summary>
/// States <see cref="ContractLimits"/> in the OpenAPI document (maxLength, maxItems, maximum on each property), so a
/// client author reads there what the registry refuses. One table: contract type, JSON property, caps.
/// </summary>
internal sealed class ContractSchemaLimits : IOpenApiSchemaTransformer
{
    private sealed record Caps(int? MaxLength = null, int? MaxItems = null, long? Maximum = null, int? ItemMaxLength = null);

    private static readonly Dictionary<(Type, string), Caps> s_caps = new()
    {
        [(typeof(NodeRegistration), "nodeId")] = new(MaxLength: L.MaxKeyLength),
        [(typeof(NodeRegistration), "interfaces")] = new(MaxItems: L.MaxInterfaces),
        [(typeof(NodeRegistration), "managementNic")] = new(MaxLength: L.MaxInterfaceNameLength),
        [(typeof(InterfaceInfo), "name")] = new(MaxLength: L.MaxInterfaceNameLength),
        [(typeof(InterfaceInfo), "mac")] = new(MaxLength: L.MaxMacLength),
        [(typeof(InterfaceInfo), "addresses")] = new(MaxItems: L.MaxAddressesPerInterface, ItemMaxLength: L.MaxAddressLength),
        [(typeof(NodeCapacity), "cpuCores")] = new(Maximum: L.MaxCpuCores),
        [(typeof(NodeCapacity), "memoryBytes")] = new(Maximum: L.MaxMemoryBytes),
        [(typeof(NodeCapacity), "disks")] = new(MaxItems: L.MaxDisks),
        [(typeof(DiskInfo), "name")] = new(MaxLength: L.MaxDiskNameLength),
        [(typeof(DiskInfo), "sizeBytes")] = new(Maximum: L.MaxDiskBytes),
        [(typeof(DiskInfo), "kind")] = new(MaxLength: L.MaxVersionLength),
        [(typeof(NodeVersions), "zos")] = new(MaxLength: L.MaxVersionLength),
        [(typeof(NodeVersions), "kernel")] = new(MaxLength: L.MaxVersionLength),
        [(typeof(Heartbeat), "uptimeSeconds")] = new(Maximum: L.MaxUptimeSeconds),
        [(typeof(NodeHealth), "leaseAgeSeconds")] = new(Maximum: L.MaxUptimeSeconds),
        [(typeof(NodeHealth), "nics")] = new(MaxItems: L.MaxInterfaces),
        [(typeof(MemoryUsage), "totalBytes")] = new(Maximum: L.MaxMemoryBytes),
        [(typeof(NodeUsage), "disks")] = new(MaxItems: L.MaxDisks),
        [(typeof(DiskUsage), "name")] = new(MaxLength: L.MaxDiskNameLength),
        [(typeof(DiskUsage), "mountPoint")] = new(MaxLength: L.MaxMountPointLength),
        [(typeof(DiskUsage), "totalBytes")] = new(Maximum: L.MaxDiskBytes),
        [(typeof(NicHealth), "name")] = new(MaxLength: L.MaxInterfaceNameLength),
        [(typeof(NicHealth), "addresses")] = new(MaxItems: L.MaxAddressesPerInterface, ItemMaxLength: L.MaxAddressLength),
        [(typeof(NicHealth), "problem")] = new(MaxLength: L.MaxProblemLength),
        [(typeof(NodeReport), "networks")] = new(MaxItems: L.MaxReportNetworks),
        [(typeof(NodeReport), "errors")] = new(MaxItems: L.MaxProblems, ItemMaxLength: L.MaxProblemLength),
        [(typeof(NetworkReport), "netId")] = new(MaxLength: L.MaxNetworkKeyLength),
        [(typeof(NetworkReport), "publicKey")] = new(MaxLength: L.MaxNetworkKeyLength),
        [(typeof(NetworkReport), "listenPort")] = new(Maximum: 65535),
        [(typeof(NetworkReport), "endpoints")] = new(MaxItems: L.MaxEndpoints, ItemMaxLength: L.MaxEndpointLength),
        [(typeof(NetworkReport), "handshakes")] = new(MaxItems: L.MaxHandshakes),
        [(typeof(NetworkReport), "errors")] = new(MaxItems: L.MaxProblems, ItemMaxLength: L.MaxProblemLength),
        [(typeof(PeerHandshake), "publicKey")] = new(MaxLength: L.MaxNetworkKeyLength),
        [(typeof(NodePublicReport), "uplinkNic")] = new(MaxLength: L.MaxInterfaceNameLength),
        [(typeof(NodePublicReport), "uplinkReason")] = new(MaxLength: NodePublicReport.MaxTextLength),
        [(typeof(NodePublicReport), "error")] = new(MaxLength: NodePublicReport.MaxTextLength),
        [(typeof(PublicIpConfig), "address")] = new(MaxLength: L.MaxAddressLength),
        [(typeof(PublicIpConfig), "gateway")] = new(MaxLength: L.MaxAddressLength),
        [(typeof(PublicConfig), "domain")] = new(MaxLength: 255),
        [(typeof(AccountCreate), "name")] = new(MaxLength: 40),
        [(typeof(AccountCreate), "publicKey")] = new(MaxLength: L.MaxKeyLength),
        [(typeof(FarmCreate), "name")] = new(MaxLength: 40),
        [(typeof(FarmCreate), "publicIps")] = new(MaxItems: L.MaxFarmPublicIps),
        [(typeof(FarmCreate), "ipv6Prefixes")] = new(MaxItems: L.MaxFarmIpv6Prefixes, ItemMaxLength: L.MaxAddressLength),
        [(typeof(FarmIpAdd), "ip")] = new(MaxLength: L.MaxAddressLength),
        [(typeof(FarmIpAdd), "gateway")] = new(MaxLength: L.MaxAddressLength),
        [(typeof(NetworkCreate), "name")] = new(MaxLength: 40),
        [(typeof(FarmBootProfile), "kernelArgs")] = new(MaxLength: 512),
        [(typeof(BootMac), "kernelArgs")] = new(MaxLength: 512),
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { DeclaringType: var type, Name: var name } && s_caps.TryGetValue((type, name), out var caps))
        {
            if (caps.MaxLength is { } length)
                schema.MaxLength = length;
            if (caps.MaxItems is { } items)
                schema.MaxItems = items;
            if (caps.Maximum is { } maximum)
                schema.Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (caps.ItemMaxLength is { } itemLength && schema.Items is OpenApiSchema item)
                item.MaxLength = itemLength;
        }
        return Task.CompletedTask;
    }
}
