namespace Zos.Core.Contracts;

/// <summary>
/// Where a node stands with the farm it asked to join (its <c>farmer_id=</c>) when the farmer has not consented yet:
/// consent is its MAC on the farm's list, a farm enrollment token, or the farmer's approval.
/// </summary>
public enum EnrollmentState
{
    /// <summary>Registered, but not part of the farm: no place in its node list or capacity, no networks, no public config.</summary>
    Pending,

    /// <summary>The farmer said no: its registrations are refused (403) until the farmer approves or removes it.</summary>
    Refused,
}
