using System.Globalization;
using Zos.Client;

namespace Zos.Boot.Configuration;

/// <summary>
/// The boot configuration of farm <paramref name="farmId"/> from the registry (<c>GET /api/v1/farms/{id}</c>): the
/// farm's boot profile (runmode, kernel arguments) and MAC list. The registry does not hold the kernel file name, the
/// unknown-MAC policy or retry settings; they come from the boot server's own options (<paramref name="kernel"/>,
/// then <paramref name="defaults"/>, then the upstream per-runmode kernel). Nodes are told this registry
/// (<c>zos-registry=</c>) unless <paramref name="defaults"/> names another or the farm's arguments carry one.
/// Validation is the same as for a file, so a bad registry entry is reported the same way.
/// </summary>
public sealed class RegistryBootConfigSource(RegistryClient registry, uint farmId, string? kernel = null, UnknownMacPolicy unknownMacs = UnknownMacPolicy.Ignore,
    BootServerDefaults? defaults = null) : IBootConfigSource
{
    public string Description => $"registry {registry.Http.BaseAddress} farm {farmId}";

    public async Task<BootConfiguration> LoadAsync(CancellationToken cancellationToken)
    {
        Zos.Core.Contracts.Farm farm;
        try
        {
            farm = await registry.GetFarmAsync(farmId, cancellationToken);
        }
        catch (Exception e) when (RegistryFailure.IsTransient(e, cancellationToken))
        {
            throw new BootConfigurationException($"{Description}: cannot fetch the farm: {e.Message}", e);
        }
        var document = new BootConfigurationDocument
        {
            FarmId = farm.Id.ToString(CultureInfo.InvariantCulture),
            Profile = new BootConfigurationDocument.ProfileDocument
            {
                Runmode = farm.Boot.Runmode,
                Kernel = kernel ?? defaults?.Kernel ?? $"net/{farm.Boot.Runmode}.efi",
                Initrd = defaults?.Initrd,
                Args = Split(farm.Boot.KernelArgs),
            },
            UnknownMacs = unknownMacs == UnknownMacPolicy.Orphan ? "orphan" : "ignore",
            Nodes = [.. farm.Macs.Select(m => new BootConfigurationDocument.NodeDocument { Mac = m.Mac, Args = Split(m.KernelArgs) })],
        };
        var registryUrl = defaults?.RegistryUrl ?? registry.Http.BaseAddress?.ToString().TrimEnd('/');
        return BootConfigurationParser.Validate(document, Description, (defaults ?? BootServerDefaults.None) with { RegistryUrl = registryUrl });
    }

    private static List<string> Split(string? args) =>
        [.. (args ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)];
}
