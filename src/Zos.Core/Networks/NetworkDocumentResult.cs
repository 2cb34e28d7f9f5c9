using Zos.Core.Validation;

namespace Zos.Core.Networks;

/// <summary>A parsed network document, or every problem that made it unreadable (each with the field's path).</summary>
public sealed record NetworkDocumentResult(UserNetwork? Network, IReadOnlyList<ValidationError> Errors)
{
    public bool Succeeded => Network is not null;
}
