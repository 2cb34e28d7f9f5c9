using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zos.Core.Contracts;
using Zos.Registry.Accounts;
using Zos.Registry.Api;
using Zos.Registry.Boot;
using Zos.Registry.Cockpit;
using Zos.Registry.Farms;
using Zos.Registry.Networks;
using Zos.Registry.Nodes;
using Zos.Registry.Observability;
using Zos.Registry.Signing;
using Zos.Registry.Storage;

namespace Zos.Registry;

/// <summary>
/// Builds the registry web application (API, OpenAPI document, Cockpit) from <see cref="RegistryOptions"/>. The CLI's
/// <c>zos registry serve</c>, the tests and the benchmark all start it through here.
/// </summary>
public static class RegistryApp
{
    /// <summary>
    /// Builds and migrates the registry. <paramref name="time"/> replaces the clock (tests pass a fake);
    /// <paramref name="customize"/> may change the builder (tests use a TestServer; others bind a port).
    /// </summary>
    public static async Task<WebApplication> BuildAsync(RegistryOptions options, TimeProvider? time = null,
        Action<WebApplicationBuilder>? customize = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.Urls is not null)
            builder.WebHost.UseUrls(options.Urls);
        builder.Services.ConfigureHttpJsonOptions(o => ContractJson.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi("v1", o => o.AddSchemaTransformer<ContractSchemaLimits>());
        builder.WebHost.ConfigureKestrel(k =>
        {
            // The largest route body (a node's report); each route's own limit is set per request (SignatureMiddleware).
            k.Limits.MaxRequestBodySize = ContractLimits.ReportBodyBytes;
            // Above our own 414 (problem+json) limit, so targets between the two get the clear answer; beyond this
            // Kestrel answers 414 itself, before any middleware, with an empty body.
            k.Limits.MaxRequestLineSize = 32 * 1024;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<IRegistryStore>(_ => CreateStore(options));
        builder.Services.AddSingleton<ChangeNotifier>();
        builder.Services.AddSingleton<IReplayGuard, StoreReplayGuard>();
        builder.Services.AddSingleton<PublicKeyCache>();
        builder.Services.AddSingleton<RequestMacKeys>();
        builder.Services.AddSingleton<AccountService>();
        builder.Services.AddSingleton<FarmService>();
        builder.Services.AddSingleton<FarmIcmpEchoService>();
        builder.Services.AddSingleton<NodeService>();
        builder.Services.AddSingleton<FarmEnrollment>();
        builder.Services.AddSingleton<EnrollmentTokens>();
        builder.Services.AddSingleton<NetworkService>();
        builder.Services.AddSingleton<DesiredStateService>();
        builder.Services.AddSingleton<CockpitService>();
        builder.Services.AddSingleton<BootTimeline>();
        builder.Services.AddSingleton(_ => RegistrySigningKey.LoadOrCreate(options.EffectiveSigningKeyFile));
        RegistryTls.Configure(builder, options);
        builder.AddObservability();
        customize?.Invoke(builder);

        var app = builder.Build();
        // Fail at start, not at the first node's poll, when the key cannot be read or created.
        app.Services.GetRequiredService<RegistrySigningKey>();
        var store = app.Services.GetRequiredService<IRegistryStore>();
        await store.MigrateAsync(ct);
        // Long-polls here wake when another registry process changes a node's desired state.
        var notifier = app.Services.GetRequiredService<ChangeNotifier>();
        store.DesiredChangedElsewhere += id => notifier.Signal([id]);
        app.UseObservability();
        app.UseMiddleware<ProblemMiddleware>();
        app.UseMiddleware<SignatureMiddleware>();
        app.UseMiddleware<SignedAnswerMiddleware>();
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapRegistryApi();
        app.MapRegistryInfo();
        app.MapBootEvents();
        app.MapFarmEnrollment();
        if (options.Cockpit)
            app.MapCockpit();
        return app;
    }

    public static IRegistryStore CreateStore(RegistryOptions options)
    {
        if (options.PostgresConnectionString is { } pg)
            return new PostgresRegistryStore(pg);
        Directory.CreateDirectory(options.DataDirectory);
        return new SqliteRegistryStore(Path.Combine(options.DataDirectory, "registry.db"), options.SqliteFsyncEveryCommit);
    }
}
