namespace Zos.Core.Contracts;

/// <summary>Node status derived from heartbeat age.</summary>
public enum NodeStatus
{
    Up,
    Down,
}
