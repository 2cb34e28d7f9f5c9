namespace Zos.Linux.Dhcp;

/// <summary>Settings of the long-running udhcpc client.</summary>
public sealed record DhcpClientOptions
{
    /// <summary>DISCOVERs per attempt (udhcpc -t), at least 1.</summary>
    public int Tries { get; init; } = 3;

    /// <summary>Seconds between DISCOVERs (udhcpc -T), at least 1.</summary>
    public int SecondsPerTry { get; init; } = 1;

    /// <summary>Seconds to wait after a failed attempt before the next (udhcpc -A), at least 1.</summary>
    public int SecondsBetweenAttempts { get; init; } = 5;

    /// <summary>Send a RELEASE when stopped (udhcpc -R); needs the leased address configured on the interface.</summary>
    public bool ReleaseOnStop { get; init; }

    /// <summary>The busybox program.</summary>
    public string BusyBox { get; init; } = "busybox";

    /// <summary>Throws when a value cannot work, naming it.</summary>
    public void Validate()
    {
        if (Tries < 1)
            throw new ArgumentOutOfRangeException(nameof(Tries), Tries, $"DHCP client Tries must be at least 1, got {Tries}");
        if (SecondsPerTry < 1)
            throw new ArgumentOutOfRangeException(nameof(SecondsPerTry), SecondsPerTry, $"DHCP client SecondsPerTry must be at least 1, got {SecondsPerTry}");
        if (SecondsBetweenAttempts < 1)
            throw new ArgumentOutOfRangeException(nameof(SecondsBetweenAttempts), SecondsBetweenAttempts, $"DHCP client SecondsBetweenAttempts must be at least 1, got {SecondsBetweenAttempts}");
    }
}
