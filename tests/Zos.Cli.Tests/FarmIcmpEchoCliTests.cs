using System.Globalization;
using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;

namespace Zos.Cli.Tests;

/// <summary>Issue 14: the farmer chooses whether the farm's nodes answer ping, at `zos farm create` and with `zos farm icmp-echo`.</summary>
public sealed class FarmIcmpEchoCliTests : IDisposable
{
    private readonly RegistryProcess _registry = new();

    public void Dispose() => _registry.Dispose();

    private Farm FarmOf(params string[] args)
    {
        var r = _registry.Zos(args);
        Assert.True(r.ExitCode == 0, $"zos {string.Join(' ', args)} failed ({r.ExitCode}): {r.StdErr}");
        return JsonSerializer.Deserialize<Farm>(r.StdOut, ContractJson.Options)!;
    }

    [Fact]
    public async Task CreateWithoutEcho_ThenOn_TheFarmSaysSo()
    {
        await _registry.StartAsync();
        Assert.Equal(0, _registry.Zos("account", "create", "alice").ExitCode);

        var quiet = FarmOf("farm", "create", "quiet-farm", "--no-icmp-echo");
        Assert.False(quiet.AnswerIcmpEcho);
        var id = quiet.Id.ToString(CultureInfo.InvariantCulture);
        Assert.True(FarmOf("farm", "icmp-echo", id, "on").AnswerIcmpEcho);
        Assert.False(FarmOf("farm", "icmp-echo", id, "off").AnswerIcmpEcho);
        Assert.True(FarmOf("farm", "create", "loud-farm").AnswerIcmpEcho);

        var bad = _registry.Zos("farm", "icmp-echo", id, "maybe");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("maybe", bad.StdErr, StringComparison.Ordinal);
    }
}
