namespace Zos.Protocols.Dhcp.Options;

/// <summary>Option 97 (RFC 4578 §2.3): type 0 followed by a 16-byte machine UUID. Echoed back to PXE clients.</summary>
public sealed record ClientGuidOption(Guid Uuid)
{
    public const int Length = 17;

    public static bool TryParse(ReadOnlySpan<byte> data, out ClientGuidOption? option)
    {
        option = null;
        if (data.Length != Length || data[0] != 0)
            return false;
        option = new ClientGuidOption(new Guid(data[1..], bigEndian: true));
        return true;
    }

    public byte[] Encode()
    {
        var b = new byte[Length];
        Uuid.TryWriteBytes(b.AsSpan(1), bigEndian: true, out _);
        return b;
    }
}
