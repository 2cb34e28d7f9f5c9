using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;

namespace Zos.Cli.Tests;

/// <summary>
/// What the bad-input table runs against: a real registry with an owner's farm and network and a stranger's account,
/// a loopback port held open (a port in use), files that are broken or missing, and an empty lab directory.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    private readonly RegistryProcess _registry = new();
    private readonly TcpListener _busy = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, string> _accounts = new(StringComparer.Ordinal);

    public string Temp { get; } = Directory.CreateTempSubdirectory("zos-bad-input-").FullName;

    public string FarmId { get; private set; } = "";

    public string NetId { get; private set; } = "";

    public int BusyPort => ((IPEndPoint)_busy.LocalEndpoint).Port;

    public Uri RegistryUrl => _registry.Url;

    public async ValueTask InitializeAsync()
    {
        _busy.Start();
        foreach (var account in new[] { BadInputAccounts.Fresh, BadInputAccounts.Stranger, BadInputAccounts.Garbage })
            _accounts[account] = Directory.CreateDirectory(Path.Combine(Temp, "config-" + account)).FullName;
        _accounts[BadInputAccounts.Owner] = _registry.ConfigDir;
        var garbageKey = Path.Combine(_accounts[BadInputAccounts.Garbage], "account.key");
        File.WriteAllBytes(garbageKey, RandomNumberGenerator.GetBytes(7));
        File.SetUnixFileMode(garbageKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(Path.Combine(Temp, "lab"));
        File.WriteAllText(Path.Combine(Temp, "broken.yaml"), "name: x\nnodes: [\n  - {a: 1\n");
        File.WriteAllText(Path.Combine(Temp, "a-file"), "not a directory\n");
        File.WriteAllText(Path.Combine(Temp, "boot.yaml"), "farmId: 1\nprofile:\n  runmode: prod\n  kernel: net/prod.efi\nnodes: []\n");

        await _registry.StartAsync();
        Ok(BadInputAccounts.Owner, "account", "create", "owner");
        Ok(BadInputAccounts.Stranger, "account", "create", "stranger");
        FarmId = JsonDocument.Parse(Ok(BadInputAccounts.Owner, "farm", "create", "farm-a")).RootElement.GetProperty("id").GetUInt32().ToString(CultureInfo.InvariantCulture);
        NetId = JsonDocument.Parse(Ok(BadInputAccounts.Owner, "network", "create", "office", "--range", "10.20.0.0/16")).RootElement.GetProperty("netId").GetString()!;
    }

    /// <summary>Runs <paramref name="row"/> as a process: its placeholders filled in, its account's config directory, an empty lab directory.</summary>
    internal Zos.Testing.ShResult Run(BadInput row)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ZOS_CONFIG_DIR"] = _accounts[row.Account],
            ["ZOS_LAB_DIR"] = Path.Combine(Temp, "lab"),
        };
        return ZosProcess.Run([.. row.Args.Select(Fill)], environment);
    }

    /// <summary>{registry}, {tmp}, {busyPort}, {farm}, {net} and {example} replaced by this fixture's values.</summary>
    internal string Fill(string text) => text
        .Replace("{registry}", RegistryUrl.ToString().TrimEnd('/'), StringComparison.Ordinal)
        .Replace("{tmp}", Temp, StringComparison.Ordinal)
        .Replace("{busyPort}", BusyPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{farm}", FarmId, StringComparison.Ordinal)
        .Replace("{net}", NetId, StringComparison.Ordinal)
        .Replace("{example}", Path.Combine(AppContext.BaseDirectory, "examples"), StringComparison.Ordinal);

    private string Ok(string account, params string[] args)
    {
        var r = ZosProcess.Run([.. args, "--registry", RegistryUrl.ToString()], new Dictionary<string, string> { ["ZOS_CONFIG_DIR"] = _accounts[account] });
        Assert.True(r.ExitCode == 0, $"fixture: zos {string.Join(' ', args)} failed ({r.ExitCode}): {r.StdErr}");
        return r.StdOut;
    }

    public ValueTask DisposeAsync()
    {
        _busy.Stop();
        _registry.Dispose();
        Directory.Delete(Temp, recursive: true);
        return ValueTask.CompletedTask;
    }
}
