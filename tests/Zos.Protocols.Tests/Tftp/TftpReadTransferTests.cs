using Xunit;
using Zos.Protocols.Tftp;

namespace Zos.Protocols.Tests.Tftp;

public class TftpReadTransferTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TftpNegotiatedOptions Options(int blockSize, bool oack = false) =>
        new(blockSize, TimeSpan.FromSeconds(2), oack ? [new("blksize", blockSize.ToString(System.Globalization.CultureInfo.InvariantCulture))] : []);

    /// <summary>Drives a transfer with a perfect client and returns every DATA action in order.</summary>
    private static List<TftpAction> RunToCompletion(TftpReadTransfer transfer)
    {
        var sent = new List<TftpAction>();
        var action = transfer.Start(T0);
        while (action.Kind != TftpActionKind.Complete)
        {
            Assert.NotEqual(TftpActionKind.GiveUp, action.Kind);
            if (action.Kind == TftpActionKind.SendOptionAck)
            {
                action = transfer.OnAck(0, T0);
                continue;
            }
            sent.Add(action);
            action = transfer.OnAck(action.Block, T0);
        }
        return sent;
    }

    [Fact]
    public void Start_WithoutOptions_SendsBlock1Directly()
    {
        var transfer = new TftpReadTransfer(1000, Options(512), 3);

        var action = transfer.Start(T0);

        Assert.Equal(new TftpAction(TftpActionKind.SendData, 1, 0, 512), action);
        Assert.Equal(T0.AddSeconds(2), transfer.Deadline);
    }

    [Fact]
    public void Start_WithOptions_SendsOackThenBlock1AfterAck0()
    {
        var transfer = new TftpReadTransfer(1000, Options(512, oack: true), 3);

        Assert.Equal(TftpActionKind.SendOptionAck, transfer.Start(T0).Kind);
        Assert.Equal(new TftpAction(TftpActionKind.SendData, 1, 0, 512), transfer.OnAck(0, T0));
    }

    [Fact]
    public void Transfer_ShortFile_EndsWithAShortBlock()
    {
        var sent = RunToCompletion(new TftpReadTransfer(1000, Options(512), 3));

        Assert.Equal([512, 488], sent.Select(a => a.Length));
    }

    [Fact]
    public void Transfer_ExactMultipleOfBlockSize_EndsWithAnEmptyBlock()
    {
        var sent = RunToCompletion(new TftpReadTransfer(1024, Options(512), 3));

        Assert.Equal([512, 512, 0], sent.Select(a => a.Length));
        Assert.Equal([0L, 512L, 1024L], sent.Select(a => a.Offset));
    }

    [Fact]
    public void Transfer_EmptyFile_SendsOneEmptyBlock()
    {
        var sent = RunToCompletion(new TftpReadTransfer(0, Options(512), 3));

        Assert.Equal(new TftpAction(TftpActionKind.SendData, 1, 0, 0), Assert.Single(sent));
    }

    [Fact]
    public void Transfer_MoreThan65535Blocks_WrapsBlockNumbersTo0()
    {
        // 8-byte blocks make 65537 full blocks plus the final empty one without a large file.
        var sent = RunToCompletion(new TftpReadTransfer(8L * 65537, Options(8), 3));

        Assert.Equal(65538, sent.Count);
        Assert.Equal(65535, sent[65534].Block);
        Assert.Equal(0, sent[65535].Block);
        Assert.Equal(8L * 65535, sent[65535].Offset);
        Assert.Equal(1, sent[65536].Block);
        Assert.Equal(0, sent[^1].Length);
    }

    [Fact]
    public void OnAck_DuplicateAck_IsIgnored()
    {
        var transfer = new TftpReadTransfer(2000, Options(512), 3);
        transfer.Start(T0);
        transfer.OnAck(1, T0);

        Assert.Equal(TftpAction.None, transfer.OnAck(1, T0));
        Assert.Equal(TftpTransferState.AwaitingDataAck, transfer.State);
    }

    [Fact]
    public void OnTimeout_BeforeDeadline_DoesNothing()
    {
        var transfer = new TftpReadTransfer(2000, Options(512), 3);
        transfer.Start(T0);

        Assert.Equal(TftpAction.None, transfer.OnTimeout(T0.AddSeconds(1)));
    }

    [Fact]
    public void OnTimeout_AfterDeadline_RetransmitsTheSameBlockThenGivesUp()
    {
        var transfer = new TftpReadTransfer(2000, Options(512), 2);
        transfer.Start(T0);
        transfer.OnAck(1, T0);

        var first = transfer.OnTimeout(T0.AddSeconds(2));
        var second = transfer.OnTimeout(T0.AddSeconds(4));
        var third = transfer.OnTimeout(T0.AddSeconds(6));

        Assert.Equal(new TftpAction(TftpActionKind.SendData, 2, 512, 512, IsRetransmission: true), first);
        Assert.Equal(first, second);
        Assert.Equal(TftpActionKind.GiveUp, third.Kind);
        Assert.Equal(TftpTransferState.Failed, transfer.State);
        Assert.Equal(2, transfer.Retransmissions);
    }

    [Fact]
    public void OnAck_AfterRetransmission_ResetsTheRetryBudget()
    {
        var transfer = new TftpReadTransfer(5000, Options(512), 1);
        transfer.Start(T0);
        transfer.OnTimeout(T0.AddSeconds(2));
        transfer.OnAck(1, T0.AddSeconds(3));

        var retry = transfer.OnTimeout(T0.AddSeconds(5));

        Assert.Equal(new TftpAction(TftpActionKind.SendData, 2, 512, 512, IsRetransmission: true), retry);
    }

    [Fact]
    public void OnTimeout_WhileOackInFlight_RetransmitsTheOack()
    {
        var transfer = new TftpReadTransfer(10, Options(512, oack: true), 3);
        transfer.Start(T0);

        Assert.Equal(new TftpAction(TftpActionKind.SendOptionAck, IsRetransmission: true), transfer.OnTimeout(T0.AddSeconds(2)));
    }
}
