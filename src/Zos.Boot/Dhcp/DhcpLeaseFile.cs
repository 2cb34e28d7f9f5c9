using System.Net;
using System.Text.Json;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Boot.Dhcp;

/// <summary>
/// Leases on disk as a JSON array. Written atomically (temporary file in the same directory, flushed, then renamed over
/// the old one), so a crash leaves either the old or the new file, never a torn one.
/// </summary>
public static class DhcpLeaseFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Save(string path, IEnumerable<DhcpServerLease> leases)
    {
        var entries = leases
            .OrderBy(l => Protocols.Dhcp.Ipv4.ToUInt32(l.Address))
            .Select(l => new DhcpLeaseFileEntry(l.Client?.ToString(), l.Address.ToString(), l.ExpiresAt, l.Status.ToString()))
            .ToList();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, entries, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a lease file; a missing file is empty. Bad entries are reported by index and value, not loaded.</summary>
    public static (IReadOnlyList<DhcpServerLease> Leases, IReadOnlyList<string> Errors) Load(string path)
    {
        if (!File.Exists(path))
            return ([], []);
        List<DhcpLeaseFileEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<DhcpLeaseFileEntry>>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            return ([], [$"{path}: not a lease file: {e.Message}"]);
        }
        var leases = new List<DhcpServerLease>();
        var errors = new List<string>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var e = entries![i];
            MacAddress? mac = null;
            if (e.Mac is not null)
            {
                if (!MacAddress.TryParse(e.Mac, out var m))
                {
                    errors.Add($"{path}: [{i}].mac: '{e.Mac}' is not a MAC address");
                    continue;
                }
                mac = m;
            }
            if (!IPAddress.TryParse(e.Address, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                errors.Add($"{path}: [{i}].address: '{e.Address}' is not an IPv4 address");
                continue;
            }
            if (!Enum.TryParse<DhcpLeaseStatus>(e.Status, ignoreCase: false, out var status) || !Enum.IsDefined(status))
            {
                errors.Add($"{path}: [{i}].status: '{e.Status}' is not one of Offered, Bound, Declined");
                continue;
            }
            leases.Add(new DhcpServerLease(mac, address, e.ExpiresAt, status));
        }
        return (leases, errors);
    }
}
