using System.Buffers.Binary;
using System.Net;
using System.Text;
using Zos.Protocols.Dhcp.Options;

namespace Zos.Protocols.Dhcp;

/// <summary>
/// Decodes a DHCPv4 datagram (RFC 2131 §2, RFC 2132) strictly: every length is checked against what remains, the magic
/// cookie and end option are required, option overload (52) is followed into 'file' then 'sname', and repeated codes
/// are concatenated (RFC 3396 §7). Never throws on bad input: it returns a failure with the reason.
/// </summary>
public static class DhcpMessageReader
{
    public const int HeaderLength = 236;
    public const int MinimumLength = HeaderLength + 4;
    public const uint MagicCookie = 0x63825363;

    private const int SnameOffset = 44;
    private const int SnameLength = 64;
    private const int FileOffset = 108;
    private const int FileLength = 128;

    public static DhcpParseResult Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < MinimumLength)
            return DhcpParseResult.Fail(DhcpParseError.TooShort, $"a DHCP message has at least {MinimumLength} bytes (236 header + 4 cookie), got {data.Length}");
        var op = data[0];
        if (op is not ((byte)DhcpOpcode.BootRequest or (byte)DhcpOpcode.BootReply))
            return DhcpParseResult.Fail(DhcpParseError.BadOpcode, $"op must be 1 (BOOTREQUEST) or 2 (BOOTREPLY), got {op}");
        var hlen = data[2];
        if (hlen > 16)
            return DhcpParseResult.Fail(DhcpParseError.BadHardwareAddressLength, $"hlen must be at most 16, got {hlen}");
        var cookie = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(HeaderLength, 4));
        if (cookie != MagicCookie)
            return DhcpParseResult.Fail(DhcpParseError.BadMagicCookie, $"magic cookie must be 0x63825363, got 0x{cookie:x8}");

        var message = new DhcpMessage
        {
            Opcode = (DhcpOpcode)op,
            HardwareType = data[1],
            HardwareAddressLength = hlen,
            Hops = data[3],
            TransactionId = BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            Seconds = BinaryPrimitives.ReadUInt16BigEndian(data[8..]),
            Flags = BinaryPrimitives.ReadUInt16BigEndian(data[10..]),
            ClientAddress = new IPAddress(data.Slice(12, 4)),
            YourAddress = new IPAddress(data.Slice(16, 4)),
            ServerAddress = new IPAddress(data.Slice(20, 4)),
            GatewayAddress = new IPAddress(data.Slice(24, 4)),
            ClientHardwareAddress = data.Slice(28, 16).ToArray(),
        };

        var error = ReadOptions(data[MinimumLength..], message.Options, "options", out var detail);
        if (error != DhcpParseError.None)
            return DhcpParseResult.Fail(error, detail);

        var overload = message.Options.Get(DhcpOptionCode.OptionOverload);
        byte overloadValue = 0;
        if (overload is { } o)
        {
            if (o.Length != 1 || o.Span[0] is < 1 or > 3)
                return DhcpParseResult.Fail(DhcpParseError.BadOverload, $"option 52 (overload) must be one byte 1, 2 or 3, got {Convert.ToHexStringLower(o.Span)}");
            overloadValue = o.Span[0];
            message.Options.Remove(DhcpOptionCode.OptionOverload);
        }
        // RFC 3396 §7: the options field first, then 'file', then 'sname'.
        if ((overloadValue & 1) != 0)
        {
            error = ReadOptions(data.Slice(FileOffset, FileLength), message.Options, "file", out detail);
            if (error != DhcpParseError.None)
                return DhcpParseResult.Fail(error, detail);
        }
        else
        {
            message.BootFileName = ReadCString(data.Slice(FileOffset, FileLength));
        }
        if ((overloadValue & 2) != 0)
        {
            error = ReadOptions(data.Slice(SnameOffset, SnameLength), message.Options, "sname", out detail);
            if (error != DhcpParseError.None)
                return DhcpParseResult.Fail(error, detail);
        }
        else
        {
            message.ServerName = ReadCString(data.Slice(SnameOffset, SnameLength));
        }

        error = Validate(message.Options, out detail);
        return error == DhcpParseError.None ? DhcpParseResult.Ok(message) : DhcpParseResult.Fail(error, detail);
    }

    private static DhcpParseError ReadOptions(ReadOnlySpan<byte> area, DhcpOptionList into, string field, out string detail)
    {
        var i = 0;
        while (i < area.Length)
        {
            var code = area[i];
            if (code == DhcpOptionCode.Pad)
            {
                i++;
                continue;
            }
            if (code == DhcpOptionCode.End)
            {
                detail = "";
                return DhcpParseError.None;
            }
            if (i + 1 >= area.Length)
            {
                detail = $"option {code} in '{field}' at offset {i} has no length byte";
                return DhcpParseError.TruncatedOption;
            }
            var len = area[i + 1];
            if (i + 2 + len > area.Length)
            {
                detail = $"option {code} in '{field}' at offset {i} claims {len} bytes, {area.Length - i - 2} remain";
                return DhcpParseError.TruncatedOption;
            }
            into.Append(code, area.Slice(i + 2, len));
            i += 2 + len;
        }
        detail = $"'{field}' has no end option (255)";
        return DhcpParseError.MissingEndOption;
    }

    private static DhcpParseError Validate(DhcpOptionList options, out string detail)
    {
        foreach (var (code, data) in options.All)
        {
            var len = data.Length;
            var ok = code switch
            {
                DhcpOptionCode.SubnetMask or DhcpOptionCode.BroadcastAddress or DhcpOptionCode.RequestedIpAddress
                    or DhcpOptionCode.ServerIdentifier or DhcpOptionCode.IpAddressLeaseTime
                    or DhcpOptionCode.RenewalTime or DhcpOptionCode.RebindingTime => len == 4,
                DhcpOptionCode.Router or DhcpOptionCode.DomainNameServer => len >= 4 && len % 4 == 0,
                DhcpOptionCode.MessageType => len == 1,
                DhcpOptionCode.MaximumMessageSize => len == 2,
                DhcpOptionCode.ClientArchitecture => len >= 2 && len % 2 == 0,
                DhcpOptionCode.ClientNetworkInterface => len == 3,
                DhcpOptionCode.ClientMachineIdentifier => len == ClientGuidOption.Length,
                DhcpOptionCode.ClientIdentifier => len >= 2,
                DhcpOptionCode.ParameterRequestList or DhcpOptionCode.HostName or DhcpOptionCode.DomainName
                    or DhcpOptionCode.VendorClassIdentifier or DhcpOptionCode.UserClass
                    or DhcpOptionCode.TftpServerName or DhcpOptionCode.BootFileName
                    or DhcpOptionCode.RelayAgentInformation => len >= 1,
                _ => true,
            };
            if (!ok)
            {
                detail = $"option {code} has a length of {len}, which its definition does not allow";
                return DhcpParseError.BadOptionLength;
            }
            var valueOk = code switch
            {
                // RFC 2132 §9.10: the minimum legal value is 576.
                DhcpOptionCode.MaximumMessageSize => BinaryPrimitives.ReadUInt16BigEndian(data.Span) >= 576,
                DhcpOptionCode.ClientMachineIdentifier => data.Span[0] == 0,
                DhcpOptionCode.IpxeEncapsulated => IpxeEncapsulatedOptions.TryParse(data.Span, out _),
                DhcpOptionCode.RelayAgentInformation => RelayAgentInformation.TryParse(data.Span, out _),
                _ => true,
            };
            if (!valueOk)
            {
                detail = $"option {code} has an invalid value {Convert.ToHexStringLower(data.Span)}";
                return DhcpParseError.BadOptionValue;
            }
        }
        detail = "";
        return DhcpParseError.None;
    }

    private static string ReadCString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? field : field[..end]);
    }
}
