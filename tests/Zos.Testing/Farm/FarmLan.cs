using System.Diagnostics;
using System.Globalization;

namespace Zos.Testing.Farm;

/// <summary>
/// One LAN segment of a <see cref="TestFarm"/>: a switch bridge in the farm's lan namespace, a router leg
/// (address .1 and ::1) in the router namespace, optionally dnsmasq (farm DHCP, on the switch at .2) and radvd.
/// </summary>
public sealed class FarmLan
{
    private readonly TestFarm _farm;

    internal FarmLan(TestFarm farm, int index, string? subnet4, string? prefix6, bool routed)
    {
        _farm = farm;
        Index = index;
        Subnet4 = subnet4;
        Prefix6 = prefix6;
        Switch = $"sw{index}";
        RouterLeg = $"lan{index}";
        Routed = routed;
    }

    public int Index { get; }

    /// <summary>The first three octets of the /24 ("10.61.0"), or null for a LAN without IPv4.</summary>
    public string? Subnet4 { get; }

    /// <summary>The /64 prefix without length ("2001:db8:61::"), or null for a LAN without IPv6.</summary>
    public string? Prefix6 { get; }

    public string Switch { get; }

    public string RouterLeg { get; }

    public bool Routed { get; }

    public string? RouterAddress4 => Subnet4 is null ? null : $"{Subnet4}.1";

    public Process? Dhcp { get; private set; }

    public Process? Radvd { get; private set; }

    /// <summary>Starts dnsmasq on the switch; <paramref name="routers"/> overrides option 3 (default: the router leg).</summary>
    public Process StartDhcp(params string[] routers)
    {
        if (Subnet4 is null)
            throw new InvalidOperationException($"LAN {Index} has no IPv4 subnet");
        var dir = _farm.WorkDir;
        var command = new DnsmasqCommand(Switch, $"{Subnet4}.100", $"{Subnet4}.200", LeaseFile)
        {
            Routers = routers.Length > 0 ? routers : [RouterAddress4!],
            PidFile = Path.Combine(dir, $"dnsmasq-{Index}.pid"),
            LogFacility = Path.Combine(dir, $"dnsmasq-{Index}.log"),
            LogDhcp = true,
        };
        Dhcp = _farm.Helpers.Start("ip", ["netns", "exec", _farm.Lan, "dnsmasq", .. command.Arguments()], Path.Combine(dir, $"dnsmasq-{Index}.out"));
        return Dhcp;
    }

    public void StopDhcp()
    {
        if (Dhcp is not null)
            HelperProcesses.Kill(Dhcp);
        Dhcp = null;
    }

    /// <summary>Starts radvd on the router leg, advertising <see cref="Prefix6"/>/64 (SLAAC) with a default route.</summary>
    public Process StartRadvd()
    {
        if (Prefix6 is null)
            throw new InvalidOperationException($"LAN {Index} has no IPv6 prefix");
        var dir = _farm.WorkDir;
        var conf = Path.Combine(dir, $"radvd-{Index}.conf");
        File.WriteAllText(conf, string.Create(CultureInfo.InvariantCulture,
            $"interface {RouterLeg} {{ AdvSendAdvert on; MinRtrAdvInterval 3; MaxRtrAdvInterval 4; AdvDefaultLifetime 1800;\n  prefix {Prefix6}/64 {{ AdvOnLink on; AdvAutonomous on; }};\n}};\n"));
        Radvd = _farm.Helpers.Start("ip",
            ["netns", "exec", _farm.Router, "radvd", "-n", "-C", conf, "-p", Path.Combine(dir, $"radvd-{Index}.pid"), "-m", "logfile", "-l", Path.Combine(dir, $"radvd-{Index}.log"), "-d", "1"],
            Path.Combine(dir, $"radvd-{Index}.out"));
        return Radvd;
    }

    /// <summary>The dnsmasq leases (MAC and address per line) the server handed out.</summary>
    public IReadOnlyList<string> Leases() => File.Exists(LeaseFile) ? File.ReadAllLines(LeaseFile) : [];

    private string LeaseFile => Path.Combine(_farm.WorkDir, $"dnsmasq-{Index}.leases");

    internal void Create()
    {
        _farm.Ip("-n", _farm.Lan, "link", "add", Switch, "type", "bridge");
        _farm.Ip("-n", _farm.Lan, "link", "set", Switch, "up");
        if (Subnet4 is not null)
            _farm.Ip("-n", _farm.Lan, "addr", "add", $"{Subnet4}.2/24", "dev", Switch);
        if (!Routed)
            return;
        _farm.Ip("link", "add", RouterLeg, "netns", _farm.Router, "type", "veth", "peer", "name", $"r{Index}", "netns", _farm.Lan);
        _farm.Ip("-n", _farm.Lan, "link", "set", $"r{Index}", "master", Switch, "up");
        _farm.Ip("-n", _farm.Router, "link", "set", RouterLeg, "up");
        if (Subnet4 is not null)
            _farm.Ip("-n", _farm.Router, "addr", "add", $"{RouterAddress4}/24", "dev", RouterLeg);
        if (Prefix6 is not null)
            _farm.Ip("-n", _farm.Router, "addr", "add", $"{Prefix6}1/64", "dev", RouterLeg, "nodad");
    }
}
