namespace Zos.Core.Contracts;

/// <summary>
/// A node's request to join farm <see cref="FarmId"/> that the farmer has not granted (yet): pending or refused
/// since <see cref="Since"/>. A node that is part of its farm, or an orphan, has none.
/// </summary>
public sealed record NodeEnrollment(uint FarmId, EnrollmentState State, DateTimeOffset Since);
