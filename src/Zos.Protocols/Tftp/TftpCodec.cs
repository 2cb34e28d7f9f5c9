using System.Buffers.Binary;
using System.Text;

namespace Zos.Protocols.Tftp;

/// <summary>
/// Encodes and decodes TFTP datagrams (RFC 1350 §5, RFC 2347 options and OACK) over spans.
/// Decoding never throws: a datagram that is not a well-formed packet yields a result naming what is wrong.
/// Strings on the wire are NUL-terminated; we accept printable ASCII only, which covers file names, modes and
/// option names and values that boot clients send, and rules out NUL and control-character smuggling.
/// </summary>
public static class TftpCodec
{
    /// <summary>Opcode (2) + block (2): the header of DATA and ACK.</summary>
    public const int DataHeaderLength = 4;

    /// <summary>The largest string we accept in a packet; a file name longer than this is not a boot file.</summary>
    public const int MaxStringLength = 1024;

    public static TftpParseResult Parse(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 2)
            return TftpParseResult.Fail($"datagram of {datagram.Length} bytes is shorter than an opcode");
        var opcode = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        var body = datagram[2..];
        switch ((TftpOpcode)opcode)
        {
            case TftpOpcode.ReadRequest:
            case TftpOpcode.WriteRequest:
                return ParseRequest((TftpOpcode)opcode, body);
            case TftpOpcode.Data:
                if (body.Length < 2)
                    return TftpParseResult.Fail("DATA without a block number");
                return TftpParseResult.Ok(new TftpData(BinaryPrimitives.ReadUInt16BigEndian(body), body[2..].ToArray()));
            case TftpOpcode.Ack:
                if (body.Length < 2)
                    return TftpParseResult.Fail("ACK without a block number");
                // Some clients pad ACKs; RFC 1350 gives the length, extra bytes carry nothing, so they are ignored.
                return TftpParseResult.Ok(new TftpAck(BinaryPrimitives.ReadUInt16BigEndian(body)));
            case TftpOpcode.Error:
            {
                if (body.Length < 2)
                    return TftpParseResult.Fail("ERROR without an error code");
                var code = BinaryPrimitives.ReadUInt16BigEndian(body);
                var rest = body[2..];
                // The message should be NUL-terminated; be lenient about a missing terminator on errors only.
                var end = rest.IndexOf((byte)0);
                var text = end < 0 ? rest : rest[..end];
                if (!TryDecodeString(text, out var message, out var why))
                    return TftpParseResult.Fail($"ERROR message: {why}");
                return TftpParseResult.Ok(new TftpError((TftpErrorCode)code, message));
            }
            case TftpOpcode.OptionAck:
            {
                var options = new List<KeyValuePair<string, string>>();
                if (!TryParseOptions(body, options, out var why))
                    return TftpParseResult.Fail($"OACK: {why}");
                return TftpParseResult.Ok(new TftpOptionAck(options));
            }
            default:
                return TftpParseResult.Fail($"unknown opcode {opcode}");
        }
    }

    /// <summary>
    /// The allocation-free path for the packet a transfer receives once per block: true with the block number when
    /// <paramref name="datagram"/> is an ACK (trailing padding ignored, as in <see cref="Parse"/>); false for anything
    /// else, which the caller then hands to <see cref="Parse"/>.
    /// </summary>
    public static bool TryReadAck(ReadOnlySpan<byte> datagram, out ushort block)
    {
        if (datagram.Length >= DataHeaderLength && BinaryPrimitives.ReadUInt16BigEndian(datagram) == (ushort)TftpOpcode.Ack)
        {
            block = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
            return true;
        }
        block = 0;
        return false;
    }

    private static TftpParseResult ParseRequest(TftpOpcode opcode, ReadOnlySpan<byte> body)
    {
        var name = opcode == TftpOpcode.ReadRequest ? "RRQ" : "WRQ";
        if (!TryReadString(ref body, out var fileName, out var why))
            return TftpParseResult.Fail($"{name} file name: {why}");
        if (fileName.Length == 0)
            return TftpParseResult.Fail($"{name} has an empty file name");
        if (!TryReadString(ref body, out var mode, out why))
            return TftpParseResult.Fail($"{name} mode: {why}");
        if (mode.Length == 0)
            return TftpParseResult.Fail($"{name} has an empty mode");
        var options = new List<KeyValuePair<string, string>>();
        if (!TryParseOptions(body, options, out why))
            return TftpParseResult.Fail($"{name} options: {why}");
        return TftpParseResult.Ok(new TftpRequest(opcode, fileName, mode.ToLowerInvariant(), options));
    }

    private static bool TryParseOptions(ReadOnlySpan<byte> body, List<KeyValuePair<string, string>> options, out string why)
    {
        // RFC 2347: pairs of NUL-terminated strings after the mode. Some clients pad the datagram with NULs.
        while (body.Length > 0 && body.IndexOfAnyExcept((byte)0) >= 0)
        {
            if (!TryReadString(ref body, out var key, out why))
                return false;
            if (key.Length == 0)
            {
                why = "empty option name";
                return false;
            }
            if (!TryReadString(ref body, out var value, out why))
            {
                why = $"option '{key}': {why}";
                return false;
            }
            key = key.ToLowerInvariant();
            if (!options.Exists(o => o.Key == key))
                options.Add(new(key, value));
        }
        why = "";
        return true;
    }

    private static bool TryReadString(ref ReadOnlySpan<byte> span, out string value, out string why)
    {
        value = "";
        var end = span.IndexOf((byte)0);
        if (end < 0)
        {
            why = "missing NUL terminator";
            return false;
        }
        if (!TryDecodeString(span[..end], out value, out why))
            return false;
        span = span[(end + 1)..];
        return true;
    }

    private static bool TryDecodeString(ReadOnlySpan<byte> bytes, out string value, out string why)
    {
        value = "";
        if (bytes.Length > MaxStringLength)
        {
            why = $"string of {bytes.Length} bytes exceeds {MaxStringLength}";
            return false;
        }
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7e)
            {
                why = $"byte 0x{b:x2} is not printable ASCII";
                return false;
            }
        }
        value = Encoding.ASCII.GetString(bytes);
        why = "";
        return true;
    }

    public static int WriteRequest(Span<byte> destination, TftpOpcode opcode, string fileName, string mode, IEnumerable<KeyValuePair<string, string>>? options = null)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)opcode);
        var n = 2;
        n += WriteString(destination[n..], fileName);
        n += WriteString(destination[n..], mode);
        foreach (var (key, value) in options ?? [])
        {
            n += WriteString(destination[n..], key);
            n += WriteString(destination[n..], value);
        }
        return n;
    }

    public static int WriteData(Span<byte> destination, ushort block, ReadOnlySpan<byte> payload)
    {
        WriteDataHeader(destination, block);
        payload.CopyTo(destination[DataHeaderLength..]);
        return DataHeaderLength + payload.Length;
    }

    /// <summary>Writes only the DATA header, for callers that read the payload straight into the buffer after it.</summary>
    public static void WriteDataHeader(Span<byte> destination, ushort block)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Data);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
    }

    public static int WriteAck(Span<byte> destination, ushort block)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Ack);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        return 4;
    }

    public static int WriteError(Span<byte> destination, TftpErrorCode code, string message)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Error);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)code);
        return 4 + WriteString(destination[4..], message);
    }

    public static int WriteOptionAck(Span<byte> destination, IEnumerable<KeyValuePair<string, string>> options)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.OptionAck);
        var n = 2;
        foreach (var (key, value) in options)
        {
            n += WriteString(destination[n..], key);
            n += WriteString(destination[n..], value);
        }
        return n;
    }

    /// <summary>Encodes any packet into a new array (for tests and clients; the server writes into its own buffers).</summary>
    public static byte[] Encode(TftpPacket packet)
    {
        var buffer = new byte[packet switch
        {
            TftpData d => DataHeaderLength + d.Payload.Length,
            _ => 65536,
        }];
        var n = packet switch
        {
            TftpRequest r => WriteRequest(buffer, r.Opcode, r.FileName, r.Mode, r.Options),
            TftpData d => WriteData(buffer, d.Block, d.Payload.Span),
            TftpAck a => WriteAck(buffer, a.Block),
            TftpError e => WriteError(buffer, e.Code, e.Message),
            TftpOptionAck o => WriteOptionAck(buffer, o.Options),
            _ => throw new ArgumentException($"unknown TFTP packet type {packet.GetType().Name}", nameof(packet)),
        };
        return buffer.AsSpan(0, n).ToArray();
    }

    private static int WriteString(Span<byte> destination, string value)
    {
        // Non-ASCII characters become '?', so an encoded string is always what a strict parser accepts back.
        var n = Encoding.ASCII.GetBytes(value, destination);
        destination[n] = 0;
        return n + 1;
    }
}
