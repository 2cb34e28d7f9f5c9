namespace Zos.Protocols.Ipxe;

/// <summary>
/// The networks a ZOS node can join, as the kernel argument <c>runmode=</c> names them (boot-and-registry.md §1.3;
/// bootstrap.grid.tf answers any other value with 401).
/// </summary>
public static class ZosRunmode
{
    public static IReadOnlyList<string> All { get; } = ["dev", "qa", "test", "prod"];

    public static bool IsKnown(string? runmode) => runmode is not null && All.Contains(runmode);
}
