using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Core.Validation;
using Zos.Registry.Api;
using Zos.Registry.Farms;

namespace Zos.Registry.Boot;

/// <summary>
/// <c>POST /api/v1/farms/{id}/boot-events</c>: the farm's boot server reports boot steps; <c>GET</c> the same path
/// lists each MAC's latest boot for the Cockpit's "booting" rows, <c>GET .../boot-events/{mac}</c> a MAC's last boots.
/// Posts are signed by the farm owner's account key, like every other write of the farm (the signature middleware
/// checks the signature; <see cref="FarmOwnership"/> the owner), not an unsigned endpoint: the reference gives the registry no
/// anonymous writes, and an unsigned endpoint would let anyone put invented machines on a farm's page. The boot server
/// runs on the farmer's premises with the farmer's key, so signing costs nothing. Batches are capped at
/// <see cref="MaxEventsPerPost"/> steps and the stored history is bounded (<see cref="BootTimeline.Retention"/>).
/// </summary>
public static class BootEventEndpoints
{
    public const int MaxEventsPerPost = 100;
    public const int MaxStepLength = 32;
    public const int MaxDetailLength = 300;

    public static void MapBootEvents(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPost("/farms/{id:long}/boot-events", PostAsync);
        api.MapGet("/farms/{id:long}/boot-events", GetAsync);
        api.MapGet("/farms/{id:long}/boot-events/{mac}", GetMacAsync);
    }

    private static async Task<IResult> PostAsync(long id, BootEventBatch body, HttpContext context, FarmService farms, BootTimeline timeline, CancellationToken ct)
    {
        var farmId = FarmId(id);
        await farms.RequireOwnedFarmAsync(SignatureMiddleware.Signer(context), farmId, ct);
        var (events, errors) = Validate(body);
        ApiProblem.ThrowIfInvalid(errors);
        await timeline.AddAsync(farmId, events, ct);
        return Results.Accepted();
    }

    private static async Task<IReadOnlyList<BootActivity>> GetAsync(long id, FarmService farms, BootTimeline timeline, CancellationToken ct)
    {
        var farmId = FarmId(id);
        await farms.RequireFarmAsync(farmId, ct);
        return await timeline.RecentAsync(farmId, ct);
    }

    private static async Task<BootHistory> GetMacAsync(long id, string mac, FarmService farms, BootTimeline timeline, CancellationToken ct)
    {
        var farmId = FarmId(id);
        await farms.RequireFarmAsync(farmId, ct);
        if (!MacAddress.TryParse(mac, null, out var parsed))
            ApiProblem.ThrowIfInvalid([new ValidationError("mac", $"'{ContractLimits.Echo(mac)}' is not a MAC address")]);
        return await timeline.HistoryAsync(farmId, parsed, ct);
    }

    /// <summary>The batch with MACs normalised, and every problem at once naming the event, the field and the value.</summary>
    public static (IReadOnlyList<BootEventReport> Events, IReadOnlyList<ValidationError> Errors) Validate(BootEventBatch? body)
    {
        var errors = new List<ValidationError>();
        var events = new List<BootEventReport>();
        if (body?.Events is not { } list)
        {
            errors.Add(new("events", "missing"));
            return (events, errors);
        }
        if (list.Count > MaxEventsPerPost)
        {
            errors.Add(new("events", $"{list.Count} events in one post; at most {MaxEventsPerPost}"));
            return (events, errors);
        }
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            var path = $"events[{i}]";
            if (e is null)
            {
                errors.Add(new(path, "missing"));
                continue;
            }
            var ok = true;
            if (!MacAddress.TryParse(e.Mac, null, out var mac))
            {
                errors.Add(new($"{path}.mac", $"'{e.Mac}' is not a MAC address"));
                ok = false;
            }
            if (string.IsNullOrEmpty(e.Step) || e.Step.Length > MaxStepLength || !e.Step.All(char.IsAsciiLetterOrDigit))
            {
                errors.Add(new($"{path}.step", $"'{e.Step}' is not a step name (1-{MaxStepLength} letters and digits)"));
                ok = false;
            }
            if (e.Detail is null || e.Detail.Length > MaxDetailLength)
            {
                errors.Add(new($"{path}.detail", $"must be text of at most {MaxDetailLength} characters, got {e.Detail?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"));
                ok = false;
            }
            if (e.Client is { Length: > 64 })
            {
                errors.Add(new($"{path}.client", $"'{e.Client[..64]}...' is longer than 64 characters"));
                ok = false;
            }
            if (ok)
                events.Add(e with { Mac = mac.ToString() });
        }
        return (events, errors);
    }

    private static uint FarmId(long id) =>
        id is > 0 and <= uint.MaxValue ? (uint)id : throw ApiProblem.NotFound($"farm {id} does not exist");
}
