namespace Zos.Protocols.Dhcp.Options;

/// <summary>Option 94 (RFC 4578 §2.2): interface type 1 (UNDI) and its major/minor version. Informational.</summary>
public sealed record ClientNdiOption(byte Type, byte Major, byte Minor)
{
    public static bool TryParse(ReadOnlySpan<byte> data, out ClientNdiOption? option)
    {
        option = data.Length == 3 ? new ClientNdiOption(data[0], data[1], data[2]) : null;
        return option is not null;
    }

    public byte[] Encode() => [Type, Major, Minor];
}
