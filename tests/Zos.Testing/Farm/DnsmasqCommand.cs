namespace Zos.Testing.Farm;

/// <summary>
/// The command line of dnsmasq as a test LAN's DHCP server, the one way tests start one. DHCP only: no DNS
/// (<c>--port=0</c>), no resolv.conf, no configuration file of the host. Bound to one interface and kept in the
/// foreground, so the test owns the process and nothing answers on other links; <c>--no-ping</c> makes it offer at
/// once instead of probing the address for a few seconds first.
/// </summary>
/// <param name="Interface">The switch bridge (or other link) to serve on.</param>
/// <param name="RangeStart">First address handed out.</param>
/// <param name="RangeEnd">Last address handed out.</param>
/// <param name="LeaseFile">Where dnsmasq keeps its leases (MAC and address per line).</param>
public sealed record DnsmasqCommand(string Interface, string RangeStart, string RangeEnd, string LeaseFile)
{
    public string Netmask { get; init; } = "255.255.255.0";

    /// <summary>Lease time in dnsmasq's notation ("1h", "10m").</summary>
    public string LeaseTime { get; init; } = "1h";

    /// <summary>Option 3, in this order; none when empty.</summary>
    public IReadOnlyList<string> Routers { get; init; } = [];

    /// <summary>Option 6, in this order; none when empty.</summary>
    public IReadOnlyList<string> DnsServers { get; init; } = [];

    /// <summary>Option 15.</summary>
    public string? DomainName { get; init; }

    /// <summary>
    /// Whether dnsmasq answers clients with leases it does not know (a restarted test server must not make them
    /// wait for a NAK). Off beside another DHCP server.
    /// </summary>
    public bool Authoritative { get; init; } = true;

    /// <summary>A PXE boot file (DHCP file and siaddr) the client fetches from the TFTP server at Server.</summary>
    public (string File, string Server)? Boot { get; init; }

    public string? PidFile { get; init; }

    /// <summary>Where dnsmasq logs: a file, "-" for standard error, or null for syslog.</summary>
    public string? LogFacility { get; init; }

    /// <summary>Log every DHCP exchange (tests read the log to see what the server handed out).</summary>
    public bool LogDhcp { get; init; }

    /// <summary>The arguments after the program name <c>dnsmasq</c>.</summary>
    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string>
        {
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--port=0", "--user=root",
            $"--interface={Interface}", "--bind-interfaces", "--except-interface=lo", "--no-ping",
            $"--dhcp-range={RangeStart},{RangeEnd},{Netmask},{LeaseTime}",
            $"--dhcp-leasefile={LeaseFile}",
        };
        if (Routers.Count > 0)
            args.Add($"--dhcp-option=option:router,{string.Join(',', Routers)}");
        if (DnsServers.Count > 0)
            args.Add($"--dhcp-option=option:dns-server,{string.Join(',', DnsServers)}");
        if (DomainName is not null)
            args.Add($"--dhcp-option=option:domain-name,{DomainName}");
        if (Authoritative)
            args.Add("--dhcp-authoritative");
        if (Boot is { } boot)
        {
            args.Add($"--dhcp-boot={boot.File},,{boot.Server}");
            // Without option 60 = PXEClient iPXE waits 3 s for proxyDHCP offers (linux-on-this-machine.md §6b).
            args.Add("--dhcp-option-force=60,PXEClient");
        }
        if (PidFile is not null)
            args.Add($"--pid-file={PidFile}");
        if (LogFacility is not null)
            args.Add($"--log-facility={LogFacility}");
        if (LogDhcp)
            args.Add("--log-dhcp");
        return args;
    }
}
