namespace Zos.Boot.Hosting;

/// <summary>Why `zos boot serve` stopped before serving (the command's exit code follows from it).</summary>
public enum BootServeFailure
{
    /// <summary>An option is wrong or names something that is not there.</summary>
    Usage,

    /// <summary>The boot configuration was read and has errors.</summary>
    Invalid,

    /// <summary>Something outside failed: a socket, the registry.</summary>
    Failed,
}
