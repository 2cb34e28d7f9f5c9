namespace Zos.Core.Contracts;

/// <summary>
/// A MAC's recent boot as the registry heard it: its last step and time, whether a node of the farm has registered
/// with that MAC since, and the recent steps (oldest first).
/// </summary>
public sealed record BootActivity(string Mac, string LastStep, DateTimeOffset LastTime, string Detail, bool Registered, IReadOnlyList<BootEventReport> Events);
