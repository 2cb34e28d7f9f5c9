namespace Zos.Protocols.Tftp;

/// <summary>
/// The pure state machine of one read transfer (server side, lock-step RFC 1350 §2): which packet to send next,
/// when to retransmit, when it is done. Block numbers wrap from 65535 to 0 as most clients expect; a file whose length
/// is a multiple of the block size ends with an empty DATA block (RFC 1350 §6: a block shorter than blksize ends it).
/// Duplicate ACKs are ignored rather than answered, which avoids the Sorcerer's Apprentice syndrome (RFC 1123 §4.2.3.1).
/// Not thread-safe: one transfer is driven by one loop.
/// </summary>
public sealed class TftpReadTransfer
{
    private readonly long _fileLength;
    private readonly TftpNegotiatedOptions _options;
    private readonly int _maxRetries;
    private long _blockIndex; // 1-based index of the DATA block in flight; 0 while the OACK is in flight
    private int _retries;

    public TftpReadTransfer(long fileLength, TftpNegotiatedOptions options, int maxRetries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileLength);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        _fileLength = fileLength;
        _options = options;
        _maxRetries = maxRetries;
    }

    public TftpTransferState State { get; private set; } = TftpTransferState.NotStarted;

    /// <summary>When the packet in flight should be retransmitted if no ACK has arrived.</summary>
    public DateTimeOffset Deadline { get; private set; } = DateTimeOffset.MaxValue;

    public int BlockSize => _options.BlockSize;

    /// <summary>DATA blocks in the whole transfer: always length / blksize + 1 (the last one shorter, maybe empty).</summary>
    public long BlockCount => (_fileLength / _options.BlockSize) + 1;

    public int Retransmissions { get; private set; }

    public TftpAction Start(DateTimeOffset now)
    {
        if (State != TftpTransferState.NotStarted)
            throw new InvalidOperationException($"transfer already started (state {State})");
        if (_options.NeedsOptionAck)
        {
            State = TftpTransferState.AwaitingOptionAck;
            Deadline = now + _options.Timeout;
            return new TftpAction(TftpActionKind.SendOptionAck);
        }
        State = TftpTransferState.AwaitingDataAck;
        return SendBlock(1, now, retransmission: false);
    }

    public TftpAction OnAck(ushort block, DateTimeOffset now)
    {
        switch (State)
        {
            case TftpTransferState.AwaitingOptionAck when block == 0:
                State = TftpTransferState.AwaitingDataAck;
                return SendBlock(1, now, retransmission: false);
            case TftpTransferState.AwaitingDataAck when block == WireBlock(_blockIndex):
                if (_blockIndex == BlockCount)
                {
                    State = TftpTransferState.Complete;
                    Deadline = DateTimeOffset.MaxValue;
                    return new TftpAction(TftpActionKind.Complete);
                }
                return SendBlock(_blockIndex + 1, now, retransmission: false);
            default:
                return TftpAction.None;
        }
    }

    public TftpAction OnTimeout(DateTimeOffset now)
    {
        if (State is not (TftpTransferState.AwaitingOptionAck or TftpTransferState.AwaitingDataAck) || now < Deadline)
            return TftpAction.None;
        if (_retries >= _maxRetries)
        {
            State = TftpTransferState.Failed;
            Deadline = DateTimeOffset.MaxValue;
            return new TftpAction(TftpActionKind.GiveUp);
        }
        _retries++;
        Retransmissions++;
        if (State == TftpTransferState.AwaitingOptionAck)
        {
            Deadline = now + _options.Timeout;
            return new TftpAction(TftpActionKind.SendOptionAck, IsRetransmission: true);
        }
        return SendBlock(_blockIndex, now, retransmission: true);
    }

    private TftpAction SendBlock(long index, DateTimeOffset now, bool retransmission)
    {
        if (!retransmission)
            _retries = 0;
        _blockIndex = index;
        Deadline = now + _options.Timeout;
        var offset = (index - 1) * _options.BlockSize;
        var length = (int)Math.Min(_options.BlockSize, _fileLength - offset);
        return new TftpAction(TftpActionKind.SendData, WireBlock(index), offset, length, retransmission);
    }

    /// <summary>The 16-bit block number on the wire: 1, 2, ..., 65535, 0, 1, ... (rollover to 0).</summary>
    public static ushort WireBlock(long index) => unchecked((ushort)index);
}
