using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>A heartbeat waiting for its batch to commit; <see cref="Done"/> says whether the node was known.</summary>
internal sealed class PendingHeartbeat(string nodeId, long now, long uptimeSeconds, string healthJson, long bucket)
{
    public string NodeId => nodeId;

    public long Now => now;

    public long UptimeSeconds => uptimeSeconds;

    public string HealthJson => healthJson;

    public long Bucket => bucket;

    /// <summary>Set inside the batch when this heartbeat inserted its uptime bucket (remembered after the commit).</summary>
    public bool InsertedBucket { get; set; }

    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
