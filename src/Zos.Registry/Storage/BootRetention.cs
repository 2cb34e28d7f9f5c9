namespace Zos.Registry.Storage;

/// <summary>
/// How much boot history the store keeps: per MAC its newest <see cref="MaxBootsPerMac"/> boots and at most
/// <see cref="MaxStepsPerMac"/> steps (a machine stuck retrying one step cannot grow its row count), per farm the
/// <see cref="MaxMacsPerFarm"/> most recently active MACs. Older rows are deleted as new ones arrive.
/// </summary>
public sealed record BootRetention(int MaxBootsPerMac, int MaxStepsPerMac, int MaxMacsPerFarm)
{
    public static BootRetention Default { get; } = new(8, 128, 1000);
}
