namespace Zos.Protocols.Dhcp.Options;

/// <summary>
/// Option 82 (RFC 3046): sub-options set by a relay (1 circuit id, 2 remote id). The server echoes the whole option
/// unchanged in its reply (RFC 3046 §2.2), so the raw bytes are kept.
/// </summary>
public sealed record RelayAgentInformation(IReadOnlyList<DhcpOption> SubOptions, ReadOnlyMemory<byte> Raw)
{
    public const byte CircuitIdCode = 1;
    public const byte RemoteIdCode = 2;

    public ReadOnlyMemory<byte>? CircuitId => Find(CircuitIdCode);

    public ReadOnlyMemory<byte>? RemoteId => Find(RemoteIdCode);

    public static bool TryParse(ReadOnlySpan<byte> data, out RelayAgentInformation? info)
    {
        var subs = new List<DhcpOption>();
        info = data.Length > 0 && TlvReader.TryRead(data, padAndEnd: false, subs) ? new RelayAgentInformation(subs, data.ToArray()) : null;
        return info is not null;
    }

    private ReadOnlyMemory<byte>? Find(byte code)
    {
        foreach (var s in SubOptions)
        {
            if (s.Code == code)
                return s.Data;
        }
        return null;
    }
}
