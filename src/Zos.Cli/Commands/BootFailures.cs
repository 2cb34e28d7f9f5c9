using System.Net.Sockets;
using Zos.Boot.Hosting;
using Zos.Client;

namespace Zos.Cli.Commands;

/// <summary>The exit codes and messages of the boot server's and the boot media builder's failures.</summary>
internal static class BootFailures
{
    /// <summary>
    /// A boot server that cannot start: a configuration file it cannot read is usage, one with errors is invalid, a
    /// port taken or a registry that does not answer is unreachable; the rest failed here.
    /// </summary>
    public static int ExitCodeOf(BootServeException e)
    {
        if (e.Failure == BootServeFailure.Usage || Inner<FileNotFoundException>(e) is not null || Inner<DirectoryNotFoundException>(e) is not null
            || Inner<UnauthorizedAccessException>(e) is not null)
            return ExitCodes.Usage;
        if (Inner<SocketException>(e) is not null || Inner<HttpRequestException>(e) is not null || Inner<RegistryTrustException>(e) is not null)
            return ExitCodes.Unreachable;
        return e.Failure == BootServeFailure.Invalid ? ExitCodes.Invalid : ExitCodes.Failed;
    }

    /// <summary>A boot loader file missing from this machine, named with the Debian package that brings it; null for any other file.</summary>
    public static string? MissingMediaFile(Exception e)
    {
        // A missing directory's exception carries its path in the message only ("Could not find a part of the path ...").
        var message = e is FileNotFoundException { FileName: { } file } ? file : e.Message;
        var package = message switch
        {
            _ when message.Contains("/usr/lib/ISOLINUX/", StringComparison.Ordinal) => "isolinux",
            _ when message.Contains("/usr/lib/syslinux/", StringComparison.Ordinal) || message.Contains("/usr/lib/SYSLINUX/", StringComparison.Ordinal) => "syslinux-common",
            _ when message.Contains("/usr/lib/ipxe", StringComparison.Ordinal) => "ipxe",
            _ when message.Contains("/usr/lib/grub", StringComparison.Ordinal) => "grub-efi-amd64-bin",
            _ => null,
        };
        return package is null ? null : $"{e.Message.TrimEnd('.')}: this medium needs Debian's {package} package; install it (apt-get install {package}) and run the same command again";
    }

    private static T? Inner<T>(Exception e) where T : Exception
    {
        for (var x = e.InnerException; x is not null; x = x.InnerException)
        {
            if (x is T found)
                return found;
        }
        return null;
    }
}
