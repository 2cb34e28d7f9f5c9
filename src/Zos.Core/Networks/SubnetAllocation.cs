using Zos.Core.Validation;

namespace Zos.Core.Networks;

/// <summary>The network with every member's subnet assigned, or the errors that prevented it.</summary>
public sealed record SubnetAllocation(UserNetwork? Network, IReadOnlyList<ValidationError> Errors)
{
    public bool Succeeded => Network is not null;
}
