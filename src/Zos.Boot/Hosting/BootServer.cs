using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Zos.Boot.Configuration;
using Zos.Boot.Http;
using Zos.Boot.Tftp;

namespace Zos.Boot.Hosting;

/// <summary>
/// The boot server as one unit: loads the farm's boot configuration, then runs TFTP (loaders) and HTTP (per-MAC
/// scripts, kernels, boot events), feeding every step into one <see cref="BootEventLog"/>.
/// </summary>
public sealed class BootServer : IAsyncDisposable
{
    private readonly BootServerOptions _options;
    private readonly ILoggerFactory _loggers;
    private BootConfiguration? _configuration;
    private TftpServer? _tftp;
    private BootHttpServer? _http;

    public BootServer(BootServerOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        _options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        Events = new BootEventLog(time ?? TimeProvider.System);
    }

    public BootEventLog Events { get; }

    public BootConfiguration Configuration => _configuration ?? throw new InvalidOperationException("the boot server is not started");

    public TftpServer? Tftp => _tftp;

    public BootHttpServer Http => _http ?? throw new InvalidOperationException("the boot server is not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _configuration = await _options.ConfigSource.LoadAsync(cancellationToken);
        try
        {
            if (_options.Tftp is not null)
            {
                _tftp = new TftpServer(_options.Tftp, logger: _loggers.CreateLogger<TftpServer>());
                _tftp.FileRequested += request => Events.Record(
                    request.Served ? BootStep.LoaderFetched : BootStep.LoaderRefused, null, request.Client.Address,
                    request.Served ? request.FileName : $"{request.FileName}: {request.Refusal}");
                _tftp.Start();
            }
            _http = new BootHttpServer(_options.Http, () => Configuration, Events);
            await _http.StartAsync(cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Reloads the configuration from its source; the servers use the new one from the next request on.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        _configuration = await _options.ConfigSource.LoadAsync(cancellationToken);

    public async Task StopAsync()
    {
        if (_http is not null)
            await _http.DisposeAsync();
        if (_tftp is not null)
            await _tftp.DisposeAsync();
        _http = null;
        _tftp = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
