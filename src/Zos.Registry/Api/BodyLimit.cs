using Microsoft.AspNetCore.Builder;
using Zos.Core.Contracts;

namespace Zos.Registry.Api;

/// <summary>
/// Endpoint metadata: the largest request body the route accepts, in bytes. <see cref="SignatureMiddleware"/> refuses a
/// larger declared body with 413 before reading a byte and stops a chunked one at the limit; routes without it get
/// <see cref="ContractLimits.DefaultBodyBytes"/>.
/// </summary>
public sealed record BodyLimit(long Bytes)
{
    public static readonly BodyLimit Default = new(ContractLimits.DefaultBodyBytes);
}

/// <summary>Puts a <see cref="BodyLimit"/> on a route.</summary>
public static class BodyLimitExtensions
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new BodyLimit(bytes));
}
