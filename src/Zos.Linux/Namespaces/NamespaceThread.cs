using Microsoft.Win32.SafeHandles;
using Zos.Linux.Interop;

namespace Zos.Linux.Namespaces;

/// <summary>
/// Runs work inside a network namespace on a dedicated, short-lived OS thread (setns(2) changes only the calling
/// thread). The work must make only raw system calls (socket, setsockopt, bind, open, read, write, ioctl): any managed
/// socket, Task or timer created there would start runtime threads inside the namespace. Never uses the thread pool.
/// </summary>
internal static class NamespaceThread
{
    /// <summary>Enters <paramref name="namespaceHandle"/> on a new thread, runs <paramref name="rawWork"/> there and returns its result.</summary>
    public static T Run<T>(SafeFileHandle namespaceHandle, string operation, Func<T> rawWork)
    {
        RuntimeThreadWarmup.EnsureStarted();
        T result = default!;
        var setnsErrno = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            var added = false;
            try
            {
                namespaceHandle.DangerousAddRef(ref added);
                if (LibC.setns((int)namespaceHandle.DangerousGetHandle(), LibC.CLONE_NEWNET) != 0)
                {
                    setnsErrno = LibC.LastErrno;
                    return;
                }
                result = rawWork();
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                if (added)
                    namespaceHandle.DangerousRelease();
            }
        }, maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "zos-netns",
        };
        thread.Start();
        thread.Join();
        if (setnsErrno != 0)
            throw new SystemCallException($"{operation}: enter namespace", setnsErrno);
        if (failure is not null)
            throw failure;
        return result;
    }

    /// <summary>Runs <paramref name="rawWork"/> on a new thread that first unshares a fresh network namespace.</summary>
    public static T RunInNewNamespace<T>(string operation, Func<T> rawWork)
    {
        RuntimeThreadWarmup.EnsureStarted();
        T result = default!;
        var unshareErrno = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (LibC.unshare(LibC.CLONE_NEWNET) != 0)
                {
                    unshareErrno = LibC.LastErrno;
                    return;
                }
                result = rawWork();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "zos-netns-new",
        };
        thread.Start();
        thread.Join();
        if (unshareErrno != 0)
            throw new SystemCallException($"{operation}: unshare(CLONE_NEWNET)", unshareErrno);
        if (failure is not null)
            throw failure;
        return result;
    }
}
