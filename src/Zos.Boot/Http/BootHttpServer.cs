using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Tftp;
using Zos.Core.Primitives;
using Zos.Protocols.Ipxe;

namespace Zos.Boot.Http;

/// <summary>
/// The boot server's HTTP side (Kestrel): <c>GET /boot/&lt;mac&gt;</c> returns the node's iPXE script (any MAC spelling;
/// 404 with an empty body for MACs the farm does not know, unless the orphan policy is on), <c>GET /kernel/...</c>
/// serves kernel and initramfs files (streamed from disk with Content-Length; range requests; HEAD), <c>GET /boot/events</c> lists the boot steps seen.
/// </summary>
public sealed class BootHttpServer : IAsyncDisposable
{
    private readonly BootHttpOptions _options;
    private readonly Func<BootConfiguration> _configuration;
    private readonly BootEventLog _events;
    private readonly TftpRootResolver? _kernels;
    private readonly Action<ILoggingBuilder>? _logging;
    private readonly Action<WebApplication>? _extend;
    private WebApplication? _app;

    /// <param name="extend">Adds middleware and endpoints of the host's (e.g. /metrics and /healthz) before the boot routes.</param>
    public BootHttpServer(BootHttpOptions options, Func<BootConfiguration> configuration, BootEventLog events, Action<ILoggingBuilder>? logging = null,
        Action<WebApplication>? extend = null)
    {
        _options = options;
        _configuration = configuration;
        _events = events;
        _logging = logging;
        _extend = extend;
        _kernels = options.KernelDirectory is null ? null : new TftpRootResolver(options.KernelDirectory);
        if (options.PublicUrl is not null && IpxeSafeText.UrlProblem(options.PublicUrl) is { } problem)
            throw new ArgumentException($"public URL: {problem}", nameof(options));
    }

    /// <summary>The URLs Kestrel actually listens on (real ports after binding port 0).</summary>
    public IReadOnlyList<Uri> Addresses =>
        _app?.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)).ToList()
        ?? throw new InvalidOperationException("the HTTP server is not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (_logging is not null)
            _logging(builder.Logging);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.UseUrls([.. _options.Urls]);
        var app = builder.Build();
        _extend?.Invoke(app);
        app.MapGet("/boot/events", (string? mac) =>
            Results.Json(_events.Snapshot(MacAddress.TryParse(mac, out var m) ? m : null)));
        app.MapGet("/boot/{mac}", Script);
        // HEAD too: operators check an image's size with curl -I before booting a farm from it.
        app.MapMethods("/kernel/{**path}", [HttpMethods.Get, HttpMethods.Head], Kernel);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"HTTP: cannot listen on {string.Join(", ", _options.Urls)}: {e.Message}", e);
        }
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private IResult Script(string mac, HttpContext context)
    {
        var client = context.Connection.RemoteIpAddress;
        if (!MacAddress.TryParse(mac, out var parsed))
        {
            _events.Record(BootStep.ScriptRefused, null, client, $"'{Sanitize(mac)}' is not a MAC address");
            return Results.NotFound();
        }
        var configuration = _configuration();
        var target = configuration.TargetFor(parsed, KernelBase(context));
        if (target is null)
        {
            _events.Record(BootStep.ScriptRefused, parsed, client, "MAC not on the farm's list");
            return Results.NotFound();
        }
        var node = configuration.Find(parsed);
        var description = node is null
            ? $"orphan {parsed}"
            : $"{node.Name ?? parsed.ToString()} ({parsed}) farm {configuration.FarmId}";
        string script;
        try
        {
            script = IpxeScriptRenderer.NodeScript(target, description);
        }
        catch (ArgumentException e)
        {
            _events.Record(BootStep.ScriptRefused, parsed, client, e.Message);
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
        _events.Record(BootStep.ScriptFetched, parsed, client, target.CommandLine);
        return Results.Text(script, "text/plain; charset=utf-8");
    }

    private IResult Kernel(string path, HttpContext context)
    {
        if (_kernels is null)
            return Results.NotFound();
        var resolved = _kernels.Resolve(path);
        if (resolved.FullPath is null)
            return Results.NotFound();
        var range = context.Request.Headers.Range.ToString();
        if (HttpMethods.IsGet(context.Request.Method))
            _events.Record(BootStep.KernelFetched, null, context.Connection.RemoteIpAddress, range.Length == 0 ? path : $"{path} {range}");
        return Results.File(resolved.FullPath, "application/octet-stream", enableRangeProcessing: true);
    }

    private string KernelBase(HttpContext context)
    {
        if (_options.PublicUrl is not null)
            return $"{_options.PublicUrl.TrimEnd('/')}/kernel";
        var local = context.Connection.LocalIpAddress ?? IPAddress.Loopback;
        if (local.IsIPv4MappedToIPv6)
            local = local.MapToIPv4();
        var host = local.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();
        return $"http://{host}:{context.Connection.LocalPort}/kernel";
    }

    private static string Sanitize(string text) =>
        new([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
}
