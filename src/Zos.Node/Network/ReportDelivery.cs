namespace Zos.Node.Network;

/// <summary>What became of a report: <see cref="Sent"/> now, already held by the registry (unchanged since it accepted it), or lost with <see cref="Error"/>.</summary>
public sealed record ReportDelivery(bool Sent, string? Error)
{
    public static ReportDelivery Unchanged { get; } = new(false, null);

    /// <summary>True when the registry holds the report (sent now or before).</summary>
    public bool Held => Error is null;
}
