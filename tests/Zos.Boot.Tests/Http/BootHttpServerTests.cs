using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Http;

namespace Zos.Boot.Tests.Http;

public sealed class BootHttpServerTests : IAsyncLifetime
{
    private readonly string _kernels = Directory.CreateTempSubdirectory("zos-kernels-").FullName;
    private readonly byte[] _kernel = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
    private readonly BootEventLog _events = new(TimeProvider.System);
    private BootConfiguration _config = BootConfigurationParser.Parse("""
        farmId: 42
        profile: { runmode: test, kernel: zos.efi, args: [console=ttyS0], failureDelaySeconds: 1 }
        nodes:
          - { mac: "52:54:00:98:00:01", args: ["vlan:priv=10"] }
          - { mac: "52:54:00:98:00:0a", args: ["vlan:priv=10"] }
        """, "test");
    private BootHttpServer _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllBytesAsync(Path.Combine(_kernels, "zos.efi"), _kernel);
        _server = new BootHttpServer(new BootHttpOptions { Urls = ["http://127.0.0.1:0"], KernelDirectory = _kernels }, () => _config, _events);
        await _server.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _server.Addresses[0] };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_kernels, recursive: true);
    }

    [Theory]
    [InlineData("52:54:00:98:00:01")]
    [InlineData("52-54-00-98-00-01")]
    [InlineData("525400980001")]
    [InlineData("52:54:00:98:00:0A")]
    public async Task GetBoot_AnyMacSpelling_ReturnsTheNodeScript(string mac)
    {
        using var response = await _http.GetAsync($"/boot/{mac}", TestContext.Current.CancellationToken);
        var script = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("#!ipxe\n", script, StringComparison.Ordinal);
        Assert.Contains($"imgfetch --name zos {_server.Addresses[0].ToString().TrimEnd('/')}/kernel/zos.efi nomodeset version=v3 runmode=test panic=7200 farmer_id=42 console=ttyS0 vlan:priv=10 ||", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02:00:00:00:00:99")]
    [InlineData("not-a-mac")]
    public async Task GetBoot_UnknownMac_Is404WithAnEmptyBody(string mac)
    {
        using var response = await _http.GetAsync($"/boot/{mac}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(BootStep.ScriptRefused, _events.Snapshot()[^1].Step);
    }

    [Fact]
    public async Task GetBoot_UnknownMacUnderOrphanPolicy_GetsAScriptWithoutFarmerId()
    {
        _config = _config with { UnknownMacs = UnknownMacPolicy.Orphan };

        var script = await _http.GetStringAsync("/boot/02:00:00:00:00:99", TestContext.Current.CancellationToken);

        Assert.Contains("runmode=test panic=7200 console=ttyS0 ||", script, StringComparison.Ordinal);
        Assert.DoesNotContain("farmer_id", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKernel_RangeRequest_ReturnsPartialContent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/kernel/zos.efi");
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(_kernel[100..200], body);
        Assert.Equal("bytes 100-199/10000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task GetKernel_Whole_IsByteIdenticalAndAcceptsRanges()
    {
        using var response = await _http.GetAsync("/kernel/zos.efi", TestContext.Current.CancellationToken);

        Assert.Equal(_kernel, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
    }

    [Theory]
    [InlineData("/kernel/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/kernel/missing.efi")]
    public async Task GetKernel_OutsideOrMissing_Is404(string url)
    {
        using var response = await _http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetEvents_AfterScriptAndKernel_ListsBothStepsForTheMac()
    {
        await _http.GetStringAsync("/boot/525400980001", TestContext.Current.CancellationToken);
        await _http.GetByteArrayAsync("/kernel/zos.efi", TestContext.Current.CancellationToken);

        var json = await _http.GetStringAsync("/boot/events?mac=52-54-00-98-00-01", TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(json);
        var steps = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("step").GetString()).ToList();

        Assert.Equal(["ScriptFetched", "KernelFetched"], steps);
        Assert.All(doc.RootElement.EnumerateArray(), e => Assert.Equal("52:54:00:98:00:01", e.GetProperty("mac").GetString()));
    }
}
