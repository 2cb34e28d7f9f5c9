using System.Net;
using System.Net.Sockets;

namespace Zos.Linux.Namespaces;

/// <summary>
/// Starts the runtime's helper threads (socket epoll thread, timer thread, thread-pool workers and gate thread) in
/// the process's own network namespace before any thread enters another one. A new thread inherits the namespace
/// of the thread that creates it; if the first managed socket of the process were created on a setns'd thread, the
/// epoll thread and every thread-pool worker it later spawns would live in that namespace, and ordinary sockets
/// created "anywhere" would silently land there (see reference linux-on-this-machine.md §1, pitfall 1).
/// Idempotent; called automatically by every namespace operation of this library.
/// </summary>
public static class RuntimeThreadWarmup
{
    private static readonly Lock s_lock = new();
    private static bool s_done;

    /// <summary>Warms the runtime threads up once, from the calling thread (which must be in the process's namespace).</summary>
    public static void EnsureStarted()
    {
        lock (s_lock)
        {
            if (s_done)
                return;
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                // An async receive registers the socket with the epoll engine, which starts its thread now.
                var pending = socket.ReceiveAsync(new byte[1], SocketFlags.None);
                socket.Dispose();
                try
                {
                    pending.Wait(TimeSpan.FromSeconds(5));
                }
                catch (AggregateException)
                {
                    // Expected: the receive is aborted by the dispose.
                }
            }
            Task.Delay(1).Wait(); // the timer thread
            Task.Run(static () => { }).Wait(); // a worker and the gate thread
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 2), io);
            s_done = true;
        }
    }
}
