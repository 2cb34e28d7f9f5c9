using System.Net;
using System.Text.Json;
using Xunit;
using Zos.Client;

namespace Zos.Client.Tests;

public sealed class RegistryFailureTests
{
    public static TheoryData<Exception> Transient => new()
    {
        new HttpRequestException("connection refused"),
        new RegistryException(HttpStatusCode.ServiceUnavailable, "PUT", "/api/v1/nodes/n/report", "Service Unavailable", null, new Dictionary<string, string[]>()),
        new InvalidDataException("the registry sent an empty desired state"),
        new JsonException("'<' is an invalid start of a value"),
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void IsTransient_RegistryDidNotAnswerRefusedOrSentGarbage_True(Exception e)
    {
        Assert.True(RegistryFailure.IsTransient(e, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Transient))]
    public void IsTransient_CallerStopping_False(Exception e)
    {
        Assert.False(RegistryFailure.IsTransient(e, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void IsTransient_ProgrammingError_False()
    {
        Assert.False(RegistryFailure.IsTransient(new ArgumentException("bad node id", "nodeId"), CancellationToken.None));
        Assert.False(RegistryFailure.IsTransient(new NullReferenceException(), CancellationToken.None));
    }
}
