namespace Zos.Registry.Storage;

/// <summary>A unique constraint refused a write (e.g. a farm name taken); <see cref="Field"/> names the input field.</summary>
public sealed class StoreConflictException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
