using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Zos.Core.Contracts;

namespace Zos.Registry.Signing;

/// <summary><c>GET /api/v1/registry</c>: the registry's public key, unauthenticated, for boot servers and boot media to hand to nodes.</summary>
public static class RegistryInfoEndpoints
{
    public const string Path = "/api/v1/registry";

    public static void MapRegistryInfo(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (RegistrySigningKey key) => new RegistryInfo(key.PublicKeyBase64));
}
