namespace Zos.Linux.Dhcp;

/// <summary>
/// How hard a one-shot probe tries. The defaults (<c>-t 1 -T 1</c>) fail in about 1.05 s and a good server answers in
/// about 0.1 s (reference §3). <c>-T</c> takes whole seconds; 0 tries means "forever" and 0 seconds never waits for an
/// OFFER, so both are refused.
/// </summary>
public sealed record DhcpProbeOptions
{
    /// <summary>DISCOVERs to send (udhcpc -t), at least 1.</summary>
    public int Tries { get; init; } = 1;

    /// <summary>Seconds to wait after each DISCOVER (udhcpc -T), at least 1.</summary>
    public int SecondsPerTry { get; init; } = 1;

    /// <summary>The udhcpc command: "busybox" with first argument "udhcpc" by default.</summary>
    public string BusyBox { get; init; } = "busybox";

    /// <summary>Throws when a value cannot work, naming it.</summary>
    public void Validate()
    {
        if (Tries < 1)
            throw new ArgumentOutOfRangeException(nameof(Tries), Tries, $"DHCP probe Tries must be at least 1 (udhcpc -t 0 retries forever), got {Tries}");
        if (SecondsPerTry < 1)
            throw new ArgumentOutOfRangeException(nameof(SecondsPerTry), SecondsPerTry, $"DHCP probe SecondsPerTry must be at least 1 (udhcpc -T 0 never waits for an offer), got {SecondsPerTry}");
    }
}
