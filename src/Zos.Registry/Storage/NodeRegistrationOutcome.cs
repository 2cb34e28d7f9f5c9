namespace Zos.Registry.Storage;

/// <summary>
/// What a registration did: the node row as it is now, and its enrollment when it is not part of the farm it asked
/// for (pending, or refused: then nothing was written).
/// </summary>
public sealed record NodeRegistrationOutcome(StoredNode Node, StoredEnrollment? Enrollment);
