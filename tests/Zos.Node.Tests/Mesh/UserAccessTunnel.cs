using System.Diagnostics;
using System.Text.RegularExpressions;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Mesh;

/// <summary>
/// A user-access member's tunnel in a "laptop" namespace from the wg-quick text of <c>zos network join</c>: wg-quick
/// needs the kernel module, so wireguard-go makes the device, <c>wg-quick strip</c> + <c>wg setconf</c> configure it,
/// and the Address and AllowedIPs lines become the address and routes wg-quick would set.
/// </summary>
internal sealed partial class UserAccessTunnel : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _socket;

    private UserAccessTunnel(Process process, string socket)
    {
        _process = process;
        _socket = socket;
    }

    public static async Task<UserAccessTunnel> StartAsync(MeshFarm farm, string laptop, string wgQuick)
    {
        var name = TestNames.New("wl");
        var conf = Path.Combine(farm.WorkDir, name + ".conf");
        File.WriteAllText(conf, wgQuick);
        File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var stripped = Sh.Run("wg-quick", "strip", conf).EnsureSuccess("wg-quick strip").StdOut;
        var strippedFile = conf + ".stripped";
        File.WriteAllText(strippedFile, stripped);

        var process = farm.Helpers.Start("ip", ["netns", "exec", laptop, "wireguard-go", "-f", name], Path.Combine(farm.WorkDir, name + ".log"));
        var socket = $"/var/run/wireguard/{name}.sock";
        var tunnel = new UserAccessTunnel(process, socket);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!File.Exists(socket))
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                await tunnel.DisposeAsync();
                throw new TimeoutException($"wireguard-go {name} did not create {socket}");
            }
            await Task.Delay(50);
        }
        Sh.Run("wg", "setconf", name, strippedFile).EnsureSuccess("wg setconf");
        // wg-quick's Address may list several (IPv4 and the ULA IPv6 address), comma-separated.
        foreach (var address in AddressLine().Match(wgQuick).Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            farm.Ip("-n", laptop, "addr", "add", address, "dev", name);
        farm.Ip("-n", laptop, "link", "set", name, "mtu", "1420", "up");
        foreach (Match m in AllowedIpsLine().Matches(wgQuick))
        {
            foreach (var prefix in m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                farm.Ip("-n", laptop, "route", "replace", prefix, "dev", name);
        }
        return tunnel;
    }

    [GeneratedRegex(@"^Address\s*=\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();

    [GeneratedRegex(@"^AllowedIPs\s*=\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex AllowedIpsLine();

    public ValueTask DisposeAsync()
    {
        HelperProcesses.Kill(_process);
        // SIGKILL leaves wireguard-go no time to remove its control socket.
        File.Delete(_socket);
        return ValueTask.CompletedTask;
    }
}
