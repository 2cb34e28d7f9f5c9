using System.Diagnostics;
using System.Globalization;
using System.Net;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// A test LAN: namespace <see cref="Namespace"/> holding a bridge, the tap qemu uses and one end of a veth pair whose
/// other end (<see cref="ServerAddress"/>) stays in the test's namespace, so the boot server under test runs in-process.
/// dnsmasq (DHCP only, no DNS) on the bridge points PXE clients at our TFTP server. Everything is removed on dispose.
/// </summary>
internal sealed class BootLan : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("zos-bootlan-").FullName;

    public BootLan()
    {
        Namespace = TestNames.New("lan");
        Tap = TestNames.New("tap");
        HostVeth = TestNames.New("vh");
        var lanVeth = TestNames.New("vl");
        var octet = Random.Shared.Next(2, 250);
        Prefix = $"10.231.{octet.ToString(CultureInfo.InvariantCulture)}";
        ServerAddress = IPAddress.Parse($"{Prefix}.1");
        try
        {
            Run($"""
                set -e
                ip netns add {Namespace}
                ip -n {Namespace} link set lo up
                ip -n {Namespace} link add br0 type bridge
                ip -n {Namespace} addr add {Prefix}.2/24 dev br0
                ip -n {Namespace} link set br0 up
                ip -n {Namespace} tuntap add dev {Tap} mode tap
                ip -n {Namespace} link set {Tap} master br0 up
                ip link add {HostVeth} type veth peer name {lanVeth} netns {Namespace}
                ip -n {Namespace} link set {lanVeth} master br0 up
                ip addr add {Prefix}.1/24 dev {HostVeth}
                ip link set {HostVeth} up
                """);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Namespace { get; }

    public string Tap { get; }

    public string HostVeth { get; }

    public string Prefix { get; }

    public IPAddress ServerAddress { get; }

    public string Directory => _dir;

    /// <summary>dnsmasq as the LAN's DHCP server: boot file <paramref name="bootFile"/> from our TFTP (next-server = us), router = us.</summary>
    public void StartDnsmasq(string bootFile)
    {
        var dnsmasq = new DnsmasqCommand("br0", $"{Prefix}.100", $"{Prefix}.150", Path.Combine(_dir, "leases"))
        {
            Routers = [$"{Prefix}.1"],
            Boot = (bootFile, $"{Prefix}.1"),
            PidFile = Path.Combine(_dir, "dnsmasq.pid"),
            LogFacility = "-",
            LogDhcp = true,
        };
        var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])["netns", "exec", Namespace, "dnsmasq", .. dnsmasq.Arguments()])
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start dnsmasq");
        _processes.Add(p);
        _ = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
    }

    private static void Run(string script)
    {
        var r = Sh.Bash(script);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"lan setup failed: {r.StdErr}");
    }

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            p.Dispose();
        }
        Sh.Bash($"ip link del {HostVeth} 2>/dev/null; ip netns del {Namespace} 2>/dev/null; true");
        System.IO.Directory.Delete(_dir, recursive: true);
    }
}
