using System.Text;

namespace Zos.Protocols.Dhcp.Options;

/// <summary>
/// Option 77. RFC 3004 §4 encodes a list of length-prefixed class names; iPXE (ipxe.org/cfg/user-class) and older
/// clients send one plain string instead. A value is read as RFC 3004 only if its length prefixes tile it exactly.
/// </summary>
public sealed record UserClassOption(IReadOnlyList<string> Classes, bool IsRfc3004)
{
    public bool Contains(string userClass) => Classes.Any(c => string.Equals(c, userClass, StringComparison.Ordinal));

    public static UserClassOption Parse(ReadOnlySpan<byte> data)
    {
        var classes = new List<string>();
        var i = 0;
        while (i < data.Length)
        {
            var len = data[i];
            if (len == 0 || i + 1 + len > data.Length)
                break;
            classes.Add(Encoding.Latin1.GetString(data.Slice(i + 1, len)));
            i += 1 + len;
        }
        if (i == data.Length && classes.Count > 0)
            return new UserClassOption(classes, IsRfc3004: true);
        return new UserClassOption([Encoding.Latin1.GetString(data).TrimEnd('\0')], IsRfc3004: false);
    }

    public byte[] Encode()
    {
        if (!IsRfc3004)
            return Encoding.Latin1.GetBytes(Classes.Count == 0 ? "" : Classes[0]);
        var bytes = new List<byte>();
        foreach (var c in Classes)
        {
            var b = Encoding.Latin1.GetBytes(c);
            bytes.Add((byte)b.Length);
            bytes.AddRange(b);
        }
        return [.. bytes];
    }
}
