using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Core.Validation;
using Xunit;

namespace Zos.Core.Tests.Public;

public class PublicConfigPlannerTests
{
    private static readonly PublicAddressOptions Rules = PublicAddressOptions.Strict with { AllowDocumentationRanges = true };
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);
    private static readonly PublicConfig First = new(new("192.0.2.10/24", "192.0.2.1"), new("2001:db8:b::10/64", "2001:db8:b::1"));
    private static readonly PublicConfig Second = new(new("192.0.2.20/24", "192.0.2.1"));

    [Fact]
    public void Decide_NothingDesiredNothingThere_None()
    {
        var action = PublicConfigPlanner.Decide(PublicConfigState.Empty, null, namespaceExists: false, Rules, Now, Retry);

        Assert.Equal(PublicConfigAction.Nothing, action);
    }

    [Fact]
    public void Decide_FirstConfig_ApplyWithItsSetup()
    {
        var action = PublicConfigPlanner.Decide(PublicConfigState.Empty, First, namespaceExists: false, Rules, Now, Retry);

        Assert.Equal(PublicConfigActionKind.Apply, action.Kind);
        Assert.Equal(PublicSetup.From(First, Rules).Addresses, action.Setup!.Addresses);
        Assert.Equal(PublicSetup.From(First, Rules).DefaultRoutes, action.Setup.DefaultRoutes);
    }

    [Fact]
    public void Decide_SameConfigNamespacePresent_None()
    {
        var action = PublicConfigPlanner.Decide(PublicConfigState.AppliedNow(First), First with { }, namespaceExists: true, Rules, Now, Retry);

        Assert.Equal(PublicConfigActionKind.None, action.Kind);
    }

    [Fact]
    public void Decide_SameConfigNamespaceGone_ApplyAgain()
    {
        // Someone deleted the namespace behind the daemon's back: it is rebuilt, not trusted from memory.
        var action = PublicConfigPlanner.Decide(PublicConfigState.AppliedNow(First), First, namespaceExists: false, Rules, Now, Retry);

        Assert.Equal(PublicConfigActionKind.Apply, action.Kind);
    }

    [Fact]
    public void Decide_ChangedConfig_ApplyTheNewOne()
    {
        var action = PublicConfigPlanner.Decide(PublicConfigState.AppliedNow(First), Second, namespaceExists: true, Rules, Now, Retry);

        Assert.Equal(PublicConfigActionKind.Apply, action.Kind);
        Assert.Equal(PublicSetup.From(Second, Rules).Addresses, action.Setup!.Addresses);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Decide_ConfigRemoved_RemoveWhenAnythingIsLeft(bool applied, bool namespaceExists)
    {
        var state = applied ? PublicConfigState.AppliedNow(First) : PublicConfigState.Empty;

        var action = PublicConfigPlanner.Decide(state, null, namespaceExists, Rules, Now, Retry);

        Assert.Equal(PublicConfigActionKind.Remove, action.Kind);
    }

    [Fact]
    public void Decide_InvalidConfig_RefusedNamingFieldAndValue()
    {
        var bad = new PublicConfig(new("192.0.2.10/24", "198.51.100.1"));

        var action = PublicConfigPlanner.Decide(PublicConfigState.AppliedNow(First), bad, namespaceExists: true, Rules, Now, Retry);

        Assert.Equal(new PublicConfigAction(PublicConfigActionKind.Refuse, Error:
            "public config refused: publicConfig.gw4: gateway 198.51.100.1 is not inside 192.0.2.0/24 (the subnet of 192.0.2.10/24)"), action);
    }

    [Fact]
    public void Decide_RefusedRecently_KeepRefusedWithTheSameError()
    {
        var state = PublicConfigState.AppliedNow(First).RefusedNow(Second, "gateway does not answer", Now);

        var action = PublicConfigPlanner.Decide(state, Second, namespaceExists: true, Rules, Now + TimeSpan.FromSeconds(29), Retry);

        Assert.Equal(PublicConfigActionKind.KeepRefused, action.Kind);
        Assert.Equal("gateway does not answer", action.Error);
    }

    [Fact]
    public void Decide_RefusedLongAgo_ProbedAgain()
    {
        var state = PublicConfigState.AppliedNow(First).RefusedNow(Second, "gateway does not answer", Now);

        var action = PublicConfigPlanner.Decide(state, Second, namespaceExists: true, Rules, Now + Retry, Retry);

        Assert.Equal(PublicConfigActionKind.Apply, action.Kind);
    }

    [Fact]
    public void Decide_AnotherConfigAfterARefusal_AppliedAtOnce()
    {
        var state = PublicConfigState.AppliedNow(First).RefusedNow(Second, "gateway does not answer", Now);
        var third = new PublicConfig(new("192.0.2.30/24", "192.0.2.1"));

        var action = PublicConfigPlanner.Decide(state, third, namespaceExists: true, Rules, Now, Retry);

        Assert.Equal(PublicConfigActionKind.Apply, action.Kind);
    }

    [Fact]
    public void RefusedNow_KeepsWhatWasApplied()
    {
        var state = PublicConfigState.AppliedNow(First).RefusedNow(Second, "e", Now);

        Assert.Equal(First, state.Applied);
        Assert.Equal(Second, state.Refused);
        Assert.Equal(Now, state.RefusedAt);
    }
}
