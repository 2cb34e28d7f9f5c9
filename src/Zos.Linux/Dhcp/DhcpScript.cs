using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Zos.Linux.Processes;

namespace Zos.Linux.Dhcp;

/// <summary>
/// The udhcpc event script and the pure parser of what it prints. The script configures nothing: for every event
/// it prints one line <c>ZOSDHCP &lt;event&gt;\tname=value\t...</c> where backslash, tab, CR and newline in values are
/// escaped (\\, \t, \r, \n), so server-supplied text can never break the format. It runs under busybox ash and uses
/// only builtins: a script that forks per variable took over a second on a loaded machine.
/// </summary>
public static class DhcpScript
{
    /// <summary>The marker that starts every line the script prints.</summary>
    public const string LinePrefix = "ZOSDHCP ";

    /// <summary>The variables udhcpc exports that the script reports.</summary>
    public static readonly IReadOnlyList<string> Variables =
        ["interface", "ip", "subnet", "mask", "router", "dns", "serverid", "lease", "domain", "broadcast", "siaddr", "hostname", "message"];

    /// <summary>The script text for the busybox at <paramref name="busyboxPath"/> (its ash has ${var//x/y}).</summary>
    public static string Text(string busyboxPath)
    {
        var sb = new StringBuilder();
        sb.Append("#!").Append(busyboxPath).Append(" sh\n");
        sb.Append("# Written by Zos: reports udhcpc events on stdout and configures nothing.\n");
        sb.Append("nl='\n'\ncr=\"$(printf '\\r')\"\ntab='\t'\n");
        sb.Append("line=\"ZOSDHCP $1\"\n");
        sb.Append("for v in ").Append(string.Join(' ', Variables)).Append("; do\n");
        sb.Append("  eval \"val=\\${$v-}\"\n");
        sb.Append("  [ -n \"$val\" ] || continue\n");
        sb.Append("  val=${val//\\\\/\\\\\\\\}\n");
        sb.Append("  val=${val//$nl/\\\\n}\n");
        sb.Append("  val=${val//$cr/\\\\r}\n");
        sb.Append("  val=${val//$tab/\\\\t}\n");
        sb.Append("  line=\"$line$tab$v=$val\"\n");
        sb.Append("done\n");
        sb.Append("printf '%s\\n' \"$line\"\n");
        sb.Append("exit 0\n");
        return sb.ToString();
    }

    /// <summary>
    /// Installs the script once as <c>TMP/zos-udhcpc-HASH.sh</c> (mode 0700; HASH from its content) and returns the path.
    /// The file is shared by every probe and client and deliberately kept: a per-probe file would be left behind
    /// whenever the calling process is killed mid-probe. Concurrent callers are safe (write to a unique name, then an
    /// atomic rename of identical content). <paramref name="busyboxPath"/> defaults to busybox found on PATH.
    /// </summary>
    public static string EnsureInstalled(string? busyboxPath = null)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("udhcpc scripts are installed on Linux only");
        var busybox = busyboxPath ?? ExecutableLookup.Find("busybox")
            ?? throw new HelperProcessException("cannot install the udhcpc script: 'busybox' not found on PATH");
        var content = Encoding.UTF8.GetBytes(Text(busybox));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"zos-udhcpc-{hash}.sh");
        try
        {
            if (File.ReadAllBytes(path).AsSpan().SequenceEqual(content) && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0)
                return path;
        }
        catch (IOException)
        {
            // Missing or unreadable: (re)install below.
        }
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        using (var stream = new FileStream(temporary, new FileStreamOptions
               {
                   Mode = FileMode.CreateNew,
                   Access = FileAccess.Write,
                   UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
               }))
        {
            stream.Write(content);
        }
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// Parses one line printed by the script. Returns false with a reason for lines that are not script output or
    /// carry malformed values (the caller counts and drops them).
    /// </summary>
    public static bool TryParseLine(string line, out DhcpScriptEvent? result, out string error)
    {
        result = null;
        error = "";
        if (!line.StartsWith(LinePrefix, StringComparison.Ordinal))
        {
            error = $"not a script line: '{Truncate(line)}'";
            return false;
        }
        var parts = line[LinePrefix.Length..].Split('\t');
        if (parts[0].Length == 0)
        {
            error = "script line without an event name";
            return false;
        }
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"malformed variable '{Truncate(part)}' in script line";
                return false;
            }
            if (!TryUnescape(part[(eq + 1)..], out var value))
            {
                error = $"variable '{part[..eq]}' has a bad escape: '{Truncate(part[(eq + 1)..])}'";
                return false;
            }
            vars[part[..eq]] = value;
        }
        var kind = parts[0] switch
        {
            "deconfig" => DhcpEventKind.Deconfig,
            "bound" => DhcpEventKind.Bound,
            "renew" => DhcpEventKind.Renew,
            "leasefail" => DhcpEventKind.LeaseFail,
            "nak" => DhcpEventKind.Nak,
            _ => DhcpEventKind.Unknown,
        };
        UdhcpcLease? lease = null;
        if (kind is DhcpEventKind.Bound or DhcpEventKind.Renew && !TryParseLease(vars, out lease, out error))
            return false;
        result = new DhcpScriptEvent(kind, lease, vars);
        return true;
    }

    /// <summary>Builds a lease from udhcpc's variables (ip, mask as prefix or subnet as dotted mask, router list, ...).</summary>
    public static bool TryParseLease(IReadOnlyDictionary<string, string> vars, out UdhcpcLease? lease, out string error)
    {
        lease = null;
        error = "";
        if (!vars.TryGetValue("ip", out var ipText) || !TryIPv4(ipText, out var ip))
        {
            error = $"lease without a valid 'ip': '{vars.GetValueOrDefault("ip")}'";
            return false;
        }
        int prefix;
        if (vars.TryGetValue("mask", out var maskText) && int.TryParse(maskText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix is >= 0 and <= 32)
        {
        }
        else if (vars.TryGetValue("subnet", out var subnetText) && TryIPv4(subnetText, out var subnet) && TryMaskToPrefix(subnet, out prefix))
        {
        }
        else
        {
            error = $"lease without a valid subnet mask: mask='{vars.GetValueOrDefault("mask")}' subnet='{vars.GetValueOrDefault("subnet")}'";
            return false;
        }
        if (!TryAddressList(vars.GetValueOrDefault("router"), out var routers, out error, "router")
            || !TryAddressList(vars.GetValueOrDefault("dns"), out var dns, out error, "dns"))
            return false;
        IPAddress? serverId = null;
        if (vars.TryGetValue("serverid", out var sid) && !TryIPv4(sid, out serverId))
        {
            error = $"invalid 'serverid': '{sid}'";
            return false;
        }
        IPAddress? broadcast = null;
        if (vars.TryGetValue("broadcast", out var bc) && !TryIPv4(bc, out broadcast))
        {
            error = $"invalid 'broadcast': '{bc}'";
            return false;
        }
        var leaseTime = TimeSpan.Zero;
        if (vars.TryGetValue("lease", out var leaseText))
        {
            if (!uint.TryParse(leaseText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                error = $"invalid 'lease': '{leaseText}'";
                return false;
            }
            leaseTime = TimeSpan.FromSeconds(seconds);
        }
        lease = new UdhcpcLease(vars.GetValueOrDefault("interface") ?? "", ip!, prefix, routers, dns, serverId, leaseTime,
            vars.GetValueOrDefault("domain"), broadcast);
        return true;
    }

    private static bool TryAddressList(string? text, out IReadOnlyList<IPAddress> list, out string error, string name)
    {
        var result = new List<IPAddress>();
        list = result;
        error = "";
        foreach (var item in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryIPv4(item, out var a))
            {
                error = $"invalid address '{item}' in '{name}'";
                return false;
            }
            result.Add(a!);
        }
        return true;
    }

    // Strict dotted quad: IPAddress.TryParse also accepts "10" as 0.0.0.10.
    private static bool TryIPv4(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        return text.Count(c => c == '.') == 3 && IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetwork;
    }

    private static bool TryMaskToPrefix(IPAddress mask, out int prefix)
    {
        var bytes = mask.GetAddressBytes();
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        prefix = System.Numerics.BitOperations.PopCount(value);
        // A valid mask is contiguous ones: its complement plus one is a power of two.
        return ((~value + 1) & ~value) == 0;
    }

    private static bool TryUnescape(string text, out string value)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                sb.Append(text[i]);
                continue;
            }
            if (++i == text.Length)
            {
                value = "";
                return false;
            }
            char? c = text[i] switch { '\\' => '\\', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => null };
            if (c is null)
            {
                value = "";
                return false;
            }
            sb.Append(c.Value);
        }
        value = sb.ToString();
        return true;
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
