namespace Zos.Protocols.Tftp;

/// <summary>
/// RRQ or WRQ: <c>opcode | filename 0 | mode 0 | (option 0 value 0)*</c> (RFC 1350 §5, RFC 2347).
/// Option names are compared case-insensitively and kept lower-case; the first occurrence of a name wins.
/// </summary>
public sealed record TftpRequest(TftpOpcode Opcode, string FileName, string Mode, IReadOnlyList<KeyValuePair<string, string>> Options)
    : TftpPacket(Opcode)
{
    /// <summary>The value of option <paramref name="name"/> (lower-case), or null when the client did not send it.</summary>
    public string? Option(string name)
    {
        foreach (var (key, value) in Options)
        {
            if (key == name)
                return value;
        }
        return null;
    }
}
