using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// Requests as an attacker writes them: raw JSON (nulls, huge values) signed with a real key, so they pass the
/// signature and meet the registry's bounds, and the checks every refusal must pass (problem+json, a few KB).
/// </summary>
internal static class AttackRequests
{
    /// <summary>Largest problem answer we accept: "a few KB".</summary>
    public const int MaxProblemBytes = 4096;

    /// <summary>A registration of <paramref name="nodeId"/> as JSON, for tests to break one field of.</summary>
    public static JsonObject Registration(string nodeId, uint? farmId = null) =>
        JsonSerializer.SerializeToNode(TestRegistry.Registration(nodeId, farmId), ContractJson.Options)!.AsObject();

    /// <summary>Sends <paramref name="json"/> to <paramref name="path"/>, signed by <paramref name="identity"/> on the registry's clock.</summary>
    public static async Task<HttpResponseMessage> SendSignedAsync(TestRegistry r, HttpMethod method, string path, string? json, Ed25519Identity identity,
        string contentType = "application/json", bool expectContinue = false)
    {
        using var http = r.Http();
        using var request = new HttpRequestMessage(method, new Uri(http.BaseAddress!, path));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        await new RequestSigner(identity, r.Time).SignAsync(request, TestContext.Current.CancellationToken);
        // With "Expect: 100-continue" the body is sent only once the server asks for it: a refusal from the head
        // alone is read instead of a connection closed under a body still being sent.
        request.Headers.ExpectContinue = expectContinue;
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Asserts <paramref name="response"/> is a problem+json answer of <paramref name="status"/> no larger than
    /// <see cref="MaxProblemBytes"/>, and returns it parsed.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status,
            $"expected {(int)status}, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 500))}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(bytes.Length <= MaxProblemBytes, $"the problem answer is {bytes.Length} bytes, more than {MaxProblemBytes}");
        var problem = JsonDocument.Parse(bytes).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The messages of field <paramref name="field"/> in a 400 problem (fails when the field is not named).</summary>
    public static string[] FieldErrors(JsonElement problem, string field)
    {
        var messages = default(JsonElement);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out messages),
            $"the problem does not name '{field}': {problem}");
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }
}
