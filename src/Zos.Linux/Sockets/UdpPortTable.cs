using System.Globalization;
using System.Text;
using Zos.Linux.Interop;
using Zos.Linux.Namespaces;

namespace Zos.Linux.Sockets;

/// <summary>
/// The UDP ports bound in a network namespace, as the kernel lists its sockets in /proc/net/udp and /proc/net/udp6
/// (net/ipv4/udp.c udp4_format_sock: "sl local_address rem_address st ...", the local address as hex IP ":" hex port).
/// Read from a thread inside the namespace through /proc/thread-self/net, which follows the thread's namespace, so every
/// socket counts: wireguard-go's, the kernel module's, and any other program's.
/// </summary>
public static class UdpPortTable
{
    private static readonly string[] s_files = ["/proc/thread-self/net/udp", "/proc/thread-self/net/udp6"];

    /// <summary>The local ports of every socket in the text of /proc/net/udp or udp6; throws naming the line when it is not that format.</summary>
    public static IReadOnlySet<int> ParseLocalPorts(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var ports = new HashSet<int>();
        var lines = table.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var colon = fields.Length > 1 ? fields[1].LastIndexOf(':') : -1;
            if (colon < 0 || !int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)
                || port is < 0 or > 65535)
                throw new FormatException($"UDP socket table line {i + 1} is not 'sl local_address ...' with a hex port: '{line}'");
            if (port != 0)
                ports.Add(port);
        }
        return ports;
    }

    /// <summary>The UDP ports bound in <paramref name="ns"/> (IPv4 and IPv6 sockets together).</summary>
    public static IReadOnlySet<int> ReadBoundPorts(NetworkNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var operation = $"read UDP sockets in {ns.Label}";
        var texts = ns.Run(operation, () => s_files.Select(ReadRaw).ToList());
        var ports = new HashSet<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var (errno, text) = texts[i];
            // udp6 is absent when IPv6 is off (ipv6.disable=1): nothing is bound there then.
            if (errno == LibC.ENOENT && i == 1)
                continue;
            if (errno != 0)
                throw new SystemCallException($"{operation}: {s_files[i]}", errno);
            ports.UnionWith(ParseLocalPorts(text));
        }
        return ports;
    }

    /// <summary>Reads the whole file with raw calls only (this runs on a setns'd thread).</summary>
    private static unsafe (int Errno, string Text) ReadRaw(string path)
    {
        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            return (LibC.LastErrno, "");
        try
        {
            using var all = new MemoryStream();
            var buffer = new byte[16384];
            while (true)
            {
                nint n;
                fixed (byte* p = buffer)
                    n = LibC.read(fd, p, buffer.Length);
                if (n < 0)
                    return (LibC.LastErrno, "");
                if (n == 0)
                    return (0, Encoding.ASCII.GetString(all.GetBuffer(), 0, (int)all.Length));
                all.Write(buffer, 0, (int)n);
            }
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
