namespace Zos.Boot.Media;

/// <summary>An outside tool (mkfs.vfat, mtools, syslinux, xorriso) failed while building an image.</summary>
public sealed class MediaToolException : Exception
{
    public MediaToolException()
    {
    }

    public MediaToolException(string message) : base(message)
    {
    }

    public MediaToolException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
