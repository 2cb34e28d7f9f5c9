namespace Zos.Boot.Image;

/// <summary>A node image directory that cannot be served or written to a medium (missing, incomplete, not matching its manifest).</summary>
public sealed class NodeImageException : Exception
{
    public NodeImageException()
    {
    }

    public NodeImageException(string message) : base(message)
    {
    }

    public NodeImageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
