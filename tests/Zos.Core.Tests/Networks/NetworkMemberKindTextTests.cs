using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;
using Zos.Core.Networks;

namespace Zos.Core.Tests.Networks;

/// <summary>The member kind's text ("node", "user") is the same through the codec and through the contract JSON.</summary>
public class NetworkMemberKindTextTests
{
    [Theory]
    [InlineData(NetworkMemberKind.Node, "node")]
    [InlineData(NetworkMemberKind.UserAccess, "user")]
    public void Format_EachKind_IsItsWireTextAndParsesBack(NetworkMemberKind kind, string text)
    {
        Assert.Equal(text, NetworkMemberKindText.Format(kind));
        Assert.True(NetworkMemberKindText.TryParse(text, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Node")]
    [InlineData("userAccess")]
    [InlineData("router")]
    public void TryParse_AnythingElse_False(string? text) =>
        Assert.False(NetworkMemberKindText.TryParse(text, out _));

    [Theory]
    [InlineData(NetworkMemberKind.Node, "\"node\"")]
    [InlineData(NetworkMemberKind.UserAccess, "\"user\"")]
    public void Json_ContractOptionsAndDefaults_WriteAndReadTheWireText(NetworkMemberKind kind, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(kind, ContractJson.Options));
        Assert.Equal(json, JsonSerializer.Serialize(kind));
        Assert.Equal(kind, JsonSerializer.Deserialize<NetworkMemberKind>(json, ContractJson.Options));
    }
}
