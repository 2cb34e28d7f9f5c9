using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Zos.Core.Contracts;
using Zos.Core.Validation;
using Zos.Registry.Accounts;
using Zos.Registry.Cockpit;
using Zos.Registry.Farms;
using Zos.Registry.Networks;
using Zos.Registry.Nodes;
using Zos.Registry.Signing;

namespace Zos.Registry.Api;

/// <summary>The routes of <c>/api/v1</c>. Each handler only maps HTTP to the service of its area; the rules live there.</summary>
public static class RegistryEndpoints
{
    public static void MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        static string S(HttpContext c) => SignatureMiddleware.Signer(c);

        api.MapPost("/accounts", (AccountCreate body, HttpContext c, AccountService s, CancellationToken ct) => Created(s.CreateAccountAsync(S(c), body, ct), a => $"/api/v1/accounts/{a.Id}"));
        api.MapGet("/accounts/{id:long}", (long id, AccountService s, CancellationToken ct) => s.GetAccountAsync(id, ct));
        api.MapGet("/accounts/by-key/{key}", (string key, AccountService s, CancellationToken ct) => s.GetAccountByKeyAsync(key, ct));

        api.MapGet("/farms", (FarmService s, CancellationToken ct) => s.ListFarmsAsync(ct));
        api.MapPost("/farms", (FarmCreate body, HttpContext c, FarmService s, CancellationToken ct) =>
            Created(s.CreateFarmAsync(S(c), Bounded(body, ContractBounds.Farm(body)), ct), f => $"/api/v1/farms/{f.Id}"));
        api.MapGet("/farms/{id:long}", (long id, FarmService s, CancellationToken ct) => s.GetFarmAsync(FarmId(id), ct));
        api.MapPost("/farms/{id:long}/ips", (long id, FarmIpAdd body, HttpContext c, FarmService s, CancellationToken ct) => s.AddFarmIpAsync(S(c), FarmId(id), body, ct));
        api.MapDelete("/farms/{id:long}/ips", (long id, string ip, HttpContext c, FarmService s, CancellationToken ct) => s.RemoveFarmIpAsync(S(c), FarmId(id), ip, ct));
        api.MapPut("/farms/{id:long}/macs/{mac}", (long id, string mac, BootMac body, HttpContext c, FarmService s, CancellationToken ct) => s.SetFarmMacAsync(S(c), FarmId(id), mac, body, ct));
        api.MapDelete("/farms/{id:long}/macs/{mac}", (long id, string mac, HttpContext c, FarmService s, CancellationToken ct) => s.RemoveFarmMacAsync(S(c), FarmId(id), mac, ct));
        api.MapPut("/farms/{id:long}/boot", (long id, FarmBootProfile body, HttpContext c, FarmService s, CancellationToken ct) => s.SetBootProfileAsync(S(c), FarmId(id), body, ct));
        api.MapPut("/farms/{id:long}/icmp-echo", (long id, FarmIcmpEcho body, HttpContext c, FarmIcmpEchoService s, CancellationToken ct) => s.SetAsync(S(c), FarmId(id), body, ct));
        api.MapGet("/boot/{mac}", (string mac, FarmService s, CancellationToken ct) => s.GetBootAssignmentAsync(mac, ct));

        api.MapPost("/nodes", (NodeRegistration body, HttpContext c, NodeService s, CancellationToken ct) =>
            s.RegisterNodeAsync(S(c), Bounded(body, ContractBounds.Registration(body)), ct))
            .WithMetadata(SignedAnswer.Instance);
        api.MapGet("/nodes", (long? farm, string? status, bool? orphans, NodeService s, CancellationToken ct) =>
            s.ListNodesAsync(farm is { } f ? FarmId(f) : null, Status(status), orphans ?? false, ct));
        api.MapGet("/nodes/{id}", (string id, NodeService s, CancellationToken ct) => s.GetNodeAsync(id, ct));
        api.MapPost("/nodes/{id}/heartbeat", async (string id, Heartbeat body, HttpContext c, NodeService s, CancellationToken ct) =>
        {
            await s.HeartbeatAsync(S(c), id, Bounded(body, ContractBounds.Heartbeat(body)), ct);
            return Results.NoContent();
        });
        api.MapPut("/nodes/{id}/public-config", (string id, PublicConfig body, HttpContext c, NodeService s, CancellationToken ct) =>
            s.SetPublicConfigAsync(S(c), id, Bounded(body, PublicConfigBounds(body)), ct));
        api.MapDelete("/nodes/{id}/public-config", (string id, HttpContext c, NodeService s, CancellationToken ct) => s.SetPublicConfigAsync(S(c), id, null, ct));
        api.MapGet("/nodes/{id}/desired-state", async (string id, int? wait, HttpContext c, DesiredStateService s, CancellationToken ct) =>
        {
            var known = KnownVersion(c.Request.Headers.IfNoneMatch.ToString());
            var state = await s.GetDesiredStateAsync(id, known, TimeSpan.FromSeconds(Math.Max(0, wait ?? 0)), ct);
            if (state is null)
            {
                c.Response.Headers.ETag = DesiredState.ETagOf(known!.Value);
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            c.Response.Headers.ETag = DesiredState.ETagOf(state.Version);
            return Results.Json(state, ContractJson.Options);
        }).WithMetadata(SignedAnswer.Instance);
        api.MapPut("/nodes/{id}/report", async (string id, NodeReport body, HttpContext c, DesiredStateService s, CancellationToken ct) =>
        {
            await s.SaveReportAsync(S(c), id, Bounded(body, ContractBounds.Report(body)), ct);
            return Results.NoContent();
        }).WithBodyLimit(ContractLimits.ReportBodyBytes);

        api.MapGet("/networks", (long? owner, NetworkService s, CancellationToken ct) => s.ListNetworksAsync(owner, ct));
        api.MapPost("/networks", (NetworkCreate body, HttpContext c, NetworkService s, CancellationToken ct) => Created(s.CreateNetworkAsync(S(c), body, ct), n => $"/api/v1/networks/{n.NetId}"));
        api.MapGet("/networks/{netId}", (string netId, NetworkService s, CancellationToken ct) => s.GetNetworkAsync(netId, ct));
        api.MapPost("/networks/{netId}/members", (string netId, NetworkMemberAdd body, HttpContext c, NetworkService s, CancellationToken ct) => s.AddMemberAsync(S(c), netId, body, ct));
        api.MapDelete("/networks/{netId}/members/{member}", (string netId, string member, HttpContext c, NetworkService s, CancellationToken ct) => s.RemoveMemberAsync(S(c), netId, member, ct));
        api.MapPost("/networks/{netId}/join", (string netId, UserAccessJoin body, HttpContext c, NetworkService s, CancellationToken ct) => s.JoinAsync(S(c), netId, body, ct));

        api.MapGet("/cockpit/capacity", (CockpitService s, CancellationToken ct) => s.CapacityAsync(ct));
        api.MapGet("/cockpit/farms/{id:long}", async (long id, CockpitService s, CancellationToken ct) =>
            TypedResults.Json(await s.FarmAsync(FarmId(id), ct), CockpitJsonContext.Default.FarmOverview)).Produces<FarmOverview>();
        api.MapGet("/cockpit/networks/{netId}", (string netId, CockpitService s, CancellationToken ct) => s.NetworkAsync(netId, ct));
    }

    /// <summary>
    /// <paramref name="body"/> once <see cref="ContractBounds"/> found nothing (nulls, oversized strings, lists and
    /// numbers): the services' finer rules then never meet a null or a megabyte string. A 400 naming each field otherwise.
    /// </summary>
    private static T Bounded<T>(T body, List<ValidationError> errors)
    {
        if (errors.Count > 0)
            ApiProblem.ThrowIfInvalid(errors);
        return body;
    }

    private static List<ValidationError> PublicConfigBounds(PublicConfig? config)
    {
        var errors = new List<ValidationError>();
        if (config is null)
            errors.Add(new ValidationError("body", "is required (null or missing)"));
        else
            ContractBounds.PublicConfig(config, "", errors);
        return errors;
    }

    private static async Task<IResult> Created<T>(Task<T> create, Func<T, string> location)
    {
        var value = await create;
        return Results.Created(location(value), value);
    }

    private static uint FarmId(long id) =>
        id is > 0 and <= uint.MaxValue ? (uint)id : throw ApiProblem.NotFound($"farm {id} does not exist");

    private static NodeStatus? Status(string? text) => text switch
    {
        null or "" => null,
        "up" => NodeStatus.Up,
        "down" => NodeStatus.Down,
        _ => throw ApiProblem.Invalid([new ValidationError("status", $"'{ContractLimits.Echo(text)}' is not a status; use up or down")])!,
    };

    /// <summary>The version in an If-None-Match header ("\"12\"" or W/"12"); null when absent or not ours.</summary>
    private static long? KnownVersion(string header)
    {
        var t = header.Trim();
        if (t.StartsWith("W/", StringComparison.Ordinal))
            t = t[2..];
        t = t.Trim('"');
        return long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
