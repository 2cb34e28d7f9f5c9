using System.Runtime.InteropServices;

namespace Zos.Linux.Processes;

/// <summary>kill(2), for the signals .NET's Process does not send (SIGTERM for a graceful stop, SIGUSR1 to udhcpc).</summary>
internal static partial class ProcessSignals
{
    /// <summary>Signal numbers from asm-generic/signal.h (x86-64 and arm64 agree).</summary>
    internal const int SigKill = 9, SigUsr1 = 10, SigUsr2 = 12, SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists (ESRCH).</summary>
    internal static bool Send(int pid, int signal) => Kill(pid, signal) == 0;
}
