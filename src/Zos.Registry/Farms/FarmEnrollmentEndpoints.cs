using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Zos.Registry.Api;

namespace Zos.Registry.Farms;

/// <summary>
/// The routes of farm enrollment under <c>/api/v1/farms/{id}</c>: the nodes waiting for the farm and the farmer's
/// decision on each, removing a node, deleting the farm, and the farm's enrollment tokens. Writes are signed by the
/// farm owner's account (the signature middleware checks the signature, <see cref="FarmOwnership"/> the owner).
/// </summary>
public static class FarmEnrollmentEndpoints
{
    public static void MapFarmEnrollment(this IEndpointRouteBuilder app)
    {
        var farms = app.MapGroup("/api/v1/farms/{id:long}");
        static string S(HttpContext c) => SignatureMiddleware.Signer(c);

        farms.MapGet("/pending", (long id, FarmEnrollment s, CancellationToken ct) => s.ListPendingAsync(FarmId(id), ct));
        farms.MapPost("/pending/{nodeId}/approve", (long id, string nodeId, HttpContext c, FarmEnrollment s, CancellationToken ct) => s.ApproveAsync(S(c), FarmId(id), nodeId, ct));
        farms.MapPost("/pending/{nodeId}/refuse", (long id, string nodeId, HttpContext c, FarmEnrollment s, CancellationToken ct) => s.RefuseAsync(S(c), FarmId(id), nodeId, ct));
        farms.MapDelete("/nodes/{nodeId}", async (long id, string nodeId, HttpContext c, FarmEnrollment s, CancellationToken ct) =>
        {
            await s.RemoveNodeAsync(S(c), FarmId(id), nodeId, ct);
            return Results.NoContent();
        });
        farms.MapDelete("", async (long id, HttpContext c, FarmEnrollment s, CancellationToken ct) =>
        {
            await s.DeleteFarmAsync(S(c), FarmId(id), ct);
            return Results.NoContent();
        });

        farms.MapPost("/tokens", async (long id, HttpContext c, EnrollmentTokens s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(S(c), FarmId(id), ct);
            return Results.Created($"/api/v1/farms/{id}/tokens/{created.Token.Id}", created);
        });
        farms.MapGet("/tokens", (long id, EnrollmentTokens s, CancellationToken ct) => s.ListAsync(FarmId(id), ct));
        farms.MapDelete("/tokens/{tokenId:long}", (long id, long tokenId, HttpContext c, EnrollmentTokens s, CancellationToken ct) => s.RevokeAsync(S(c), FarmId(id), tokenId, ct));
    }

    private static uint FarmId(long id) =>
        id is > 0 and <= uint.MaxValue ? (uint)id : throw ApiProblem.NotFound($"farm {id} does not exist");
}
