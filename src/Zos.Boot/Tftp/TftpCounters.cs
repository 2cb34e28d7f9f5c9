namespace Zos.Boot.Tftp;

/// <summary>What the TFTP server has seen; updated concurrently by the listener and every transfer.</summary>
public sealed class TftpCounters
{
    private long _requests;
    private long _malformed;
    private long _unexpected;
    private long _writeRejected;
    private long _accessDenied;
    private long _notFound;
    private long _busy;
    private long _started;
    private long _completed;
    private long _failed;
    private long _retransmissions;
    private long _bytesSent;

    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>Datagrams that are not TFTP packets (dropped).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);
    /// <summary>Well-formed packets that make no sense where they arrived (DATA/ACK to port 69, wrong mode...).</summary>
    public long Unexpected => Interlocked.Read(ref _unexpected);
    public long WriteRejected => Interlocked.Read(ref _writeRejected);
    public long AccessDenied => Interlocked.Read(ref _accessDenied);
    public long NotFound => Interlocked.Read(ref _notFound);
    public long Busy => Interlocked.Read(ref _busy);
    public long TransfersStarted => Interlocked.Read(ref _started);
    public long TransfersCompleted => Interlocked.Read(ref _completed);
    public long TransfersFailed => Interlocked.Read(ref _failed);
    public long Retransmissions => Interlocked.Read(ref _retransmissions);
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    internal void Request() => Interlocked.Increment(ref _requests);
    internal void MalformedPacket() => Interlocked.Increment(ref _malformed);
    internal void UnexpectedPacket() => Interlocked.Increment(ref _unexpected);
    internal void WriteRequestRejected() => Interlocked.Increment(ref _writeRejected);
    internal void Denied() => Interlocked.Increment(ref _accessDenied);
    internal void Missing() => Interlocked.Increment(ref _notFound);
    internal void ServerBusy() => Interlocked.Increment(ref _busy);
    internal void Started() => Interlocked.Increment(ref _started);
    internal void Completed() => Interlocked.Increment(ref _completed);
    internal void Failed() => Interlocked.Increment(ref _failed);
    internal void Retransmitted() => Interlocked.Increment(ref _retransmissions);
    internal void Sent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    public override string ToString() =>
        $"requests={Requests} started={TransfersStarted} completed={TransfersCompleted} failed={TransfersFailed} " +
        $"malformed={Malformed} unexpected={Unexpected} wrq-rejected={WriteRejected} denied={AccessDenied} " +
        $"not-found={NotFound} busy={Busy} retransmissions={Retransmissions} bytes={BytesSent}";
}
