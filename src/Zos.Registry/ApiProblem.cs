using Microsoft.AspNetCore.Http;
using Zos.Core.Validation;

namespace Zos.Registry;

/// <summary>A refusal the API turns into application/problem+json: status, title, detail and every field error.</summary>
public sealed class ApiProblem(int status, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail is null ? title : $"{title}: {detail}")
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public static ApiProblem NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", what);

    public static ApiProblem Forbidden(string why) => new(StatusCodes.Status403Forbidden, "Forbidden", why);

    public static ApiProblem Unauthorized(string why) => new(StatusCodes.Status401Unauthorized, "Unauthorized", why);

    public static ApiProblem Conflict(string field, string message) =>
        new(StatusCodes.Status409Conflict, "Conflict", message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>400 with every error; null when <paramref name="errors"/> holds no error (warnings only).</summary>
    public static ApiProblem? Invalid(IEnumerable<ValidationError> errors)
    {
        var list = errors.Where(e => e.IsError).ToList();
        if (list.Count == 0)
            return null;
        var byField = list.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return new ApiProblem(StatusCodes.Status400BadRequest, "One or more validation errors occurred.",
            string.Join("; ", list.Select(e => $"{e.Path}: {e.Message}")), byField);
    }

    public static void ThrowIfInvalid(IEnumerable<ValidationError> errors)
    {
        if (Invalid(errors) is { } p)
            throw p;
    }
}
