namespace Zos.Protocols.Dhcp.Options;

/// <summary>
/// Walks code/length/value sub-options (the layout of options 43, 82 and 175). Pad (0) and end (255) are single bytes
/// where <paramref name="padAndEnd"/> says so (PXE's option 43 and iPXE's 175 use them; RFC 3046's 82 does not).
/// </summary>
internal static class TlvReader
{
    public static bool TryRead(ReadOnlySpan<byte> data, bool padAndEnd, List<DhcpOption> into)
    {
        var i = 0;
        while (i < data.Length)
        {
            var code = data[i];
            if (padAndEnd && code == 0)
            {
                i++;
                continue;
            }
            if (padAndEnd && code == 255)
                return true;
            if (i + 1 >= data.Length)
                return false;
            var len = data[i + 1];
            if (i + 2 + len > data.Length)
                return false;
            into.Add(new DhcpOption(code, data.Slice(i + 2, len).ToArray()));
            i += 2 + len;
        }
        return true;
    }
}
