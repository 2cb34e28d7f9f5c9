using System.Text.Json;
using Xunit;
using Zos.Core.Bringup;

namespace Zos.Core.Tests.Bringup;

public class BringupStatusJsonTests
{
    private static readonly BringupStatus s_status = new()
    {
        UpdatedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
        Phase = BringupPhase.WaitingToRetry,
        Attempt = 3,
        Family = AddressFamilyChoice.Ipv6Only,
        ChosenNic = "eth1",
        Nics = [new NicStatusRow("eth1", "02:00:00:00:00:01", true, null, null, "2001:db8::5 via RA", true, null)],
        ParameterProblems = ["farmer_id: 'x' is not a number"],
    };

    [Fact]
    public void Serialize_WritesCamelCaseNamesAndEnums()
    {
        var json = BringupStatusJson.Serialize(s_status);

        Assert.Contains("\"phase\": \"waitingToRetry\"", json, StringComparison.Ordinal);
        Assert.Contains("\"family\": \"ipv6Only\"", json, StringComparison.Ordinal);
        Assert.Contains("\"chosenNic\": \"eth1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"internetOk\": false", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WhatSerializeWrote_RoundTrips()
    {
        var back = BringupStatusJson.TryParse(BringupStatusJson.Serialize(s_status));

        Assert.NotNull(back);
        Assert.Equal(s_status.Phase, back.Phase);
        Assert.Equal(s_status.Family, back.Family);
        Assert.Equal(s_status.Nics, back.Nics);
        Assert.Equal(s_status.ParameterProblems, back.ParameterProblems);
        Assert.Equal(s_status.UpdatedAt, back.UpdatedAt);
    }

    [Fact]
    public void Options_ReflectionSerializerWithTheOptions_ReadsTheSameDocument()
    {
        var back = JsonSerializer.Deserialize<BringupStatus>(BringupStatusJson.Serialize(s_status), BringupStatusJson.Options);

        Assert.Equal(BringupPhase.WaitingToRetry, back!.Phase);
        Assert.Equal("eth1", back.ChosenNic);
    }

    [Fact]
    public void TryParse_NotAStatus_ReturnsNull()
    {
        Assert.Null(BringupStatusJson.TryParse("{\"phase\": \"nonsense\"}"));
    }
}
