namespace Zos.Registry.Boot;

/// <summary>
/// <c>GET /api/v1/farms/{id}/boot-events/{mac}</c>: a MAC's last boots as the registry stored them (oldest first),
/// whether a node of the farm registered with that MAC, and how many boots the registry keeps per MAC.
/// </summary>
public sealed record BootHistory(string Mac, bool Registered, IReadOnlyList<BootRun> Boots, int KeptBoots);
