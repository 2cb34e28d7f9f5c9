using System.Net;

namespace Zos.Client;

/// <summary>
/// The registry refused a request. Carries the HTTP status, the problem title/detail and every field error of an
/// application/problem+json answer, so callers can show all of them at once.
/// </summary>
public sealed class RegistryException(
    HttpStatusCode status, string method, string path, string title, string? detail, IReadOnlyDictionary<string, string[]> fieldErrors)
    : Exception(Describe(status, method, path, title, detail, fieldErrors))
{
    public HttpStatusCode Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; } = fieldErrors;

    private static string Describe(HttpStatusCode status, string method, string path, string title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    {
        var lines = new List<string> { $"registry refused {method} {path}: {(int)status} {title}{(detail is null ? "" : ": " + detail)}" };
        lines.AddRange(errors.SelectMany(e => e.Value.Select(m => $"  {e.Key}: {m}")));
        return string.Join('\n', lines);
    }
}
