namespace Zos.Registry.Storage;

/// <summary>A second registry process tried to open a SQLite store another one serves.</summary>
public sealed class StoreInUseException(string path, Exception inner) : IOException(
    $"the SQLite store {path} is in use by another registry process (lock file {path}.lock); one process serves a SQLite " +
    "store: stop the other one, give this one its own --data directory, or run several registries on PostgreSQL (--postgres)", inner)
{
    public string StorePath => path;
}
