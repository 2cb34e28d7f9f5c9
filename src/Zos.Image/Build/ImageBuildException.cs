namespace Zos.Image.Build;

/// <summary>The image cannot be built; the message says what is missing or wrong and how to fix it.</summary>
public sealed class ImageBuildException : Exception
{
    public ImageBuildException(string message) : base(message) { }

    public ImageBuildException(string message, Exception inner) : base(message, inner) { }

    public ImageBuildException() { }
}
