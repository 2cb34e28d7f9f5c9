using Xunit;
using Zos.Core.Nftables;
using Zos.Linux.Netlink;
using Zos.Linux.Nftables;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Nftables;

/// <summary>The per-namespace nftables generation (NFT_MSG_GETGEN).</summary>
public sealed class NftGenerationTests
{
    [Fact]
    public void Read_NothingCommitted_Unchanged()
    {
        Require.Privileged("nft");
        using var s = new ScratchNamespace();
        using var gen = NftGeneration.Open(s.Namespace);

        var first = gen.Read();
        Sh.Run("ip", "netns", "exec", s.Name, "nft", "list", "ruleset").EnsureSuccess("nft list");

        Assert.Equal(first, gen.Read());
    }

    [Fact]
    public async Task Read_OneTransactionThenAFlushByAnotherProgram_OnePerCommit()
    {
        Require.Privileged("nft");
        using var s = new ScratchNamespace();
        using var other = new ScratchNamespace();
        using var gen = NftGeneration.Open(s.Namespace);
        using var otherGen = NftGeneration.Open(other.Namespace);
        var before = gen.Read();
        var otherBefore = otherGen.Read();

        // A whole ruleset in one nft -f: one commit.
        await new NftApplier().ApplyAsync(s.Name, ZosRulesets.NetworkResource(new NetworkResourceFirewallOptions
        {
            PublicInterface = "public",
            WorkloadLink = "zgw",
            WorkloadPrefixes = [System.Net.IPNetwork.Parse("10.20.3.0/24")],
        }), TestContext.Current.CancellationToken);
        var applied = gen.Read();
        Sh.Run("ip", "netns", "exec", s.Name, "nft", "flush", "ruleset").EnsureSuccess("nft flush");

        Assert.Equal(before + 1, applied);
        Assert.Equal(applied + 1, gen.Read());
        // Per namespace: the other one did not move.
        Assert.Equal(otherBefore, otherGen.Read());
    }

    [Fact]
    public void Decode_ReplyWithoutGenerationId_ClearError()
    {
        var e = Assert.Throws<NetlinkFormatException>(() => NftGeneration.Decode([2, 0, 0, 0]));

        Assert.Equal("nftables generation reply without NFTA_GEN_ID", e.Message);
    }

    [Fact]
    public void Decode_GenerationIdAttribute_ReadInNetworkOrder()
    {
        // nfgenmsg, then nlattr { len 8, type NFTA_GEN_ID } with 0x00000102 big-endian.
        var g = NftGeneration.Decode([0, 0, 0, 0, 8, 0, 1, 0, 0, 0, 1, 2]);

        Assert.Equal(0x102u, g.Value);
    }
}
