using System.Globalization;

namespace Zos.Protocols.Tftp;

/// <summary>Server side of TFTP option negotiation for a read request (RFC 2347, 2348, 2349).</summary>
public static class TftpNegotiation
{
    public static TftpNegotiatedOptions Negotiate(TftpRequest request, long fileLength, TftpTransferLimits limits)
    {
        var blockSize = TftpTransferLimits.DefaultBlockSize;
        var timeout = limits.DefaultTimeout;
        var acknowledged = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in request.Options)
        {
            switch (name)
            {
                // RFC 2348: 8..65464; the server may answer with a smaller value, which the client must use.
                // An out-of-range value is not an error: the option is left out of the OACK and 512 applies.
                case "blksize" when TryParseInt(value, out var requested)
                                    && requested is >= TftpTransferLimits.MinBlockSize and <= TftpTransferLimits.MaxProtocolBlockSize:
                    blockSize = Math.Min(requested, Math.Max(TftpTransferLimits.MinBlockSize, limits.MaxBlockSize));
                    acknowledged.Add(new(name, blockSize.ToString(CultureInfo.InvariantCulture)));
                    break;
                // RFC 2349: on a read request the client sends 0 and the server answers with the file size.
                case "tsize" when TryParseInt(value, out _):
                    acknowledged.Add(new(name, fileLength.ToString(CultureInfo.InvariantCulture)));
                    break;
                // RFC 2349: 1..255 seconds, echoed unchanged when accepted.
                case "timeout" when TryParseInt(value, out var seconds) && seconds is >= 1 and <= 255:
                    timeout = TimeSpan.FromSeconds(seconds);
                    acknowledged.Add(new(name, seconds.ToString(CultureInfo.InvariantCulture)));
                    break;
                default:
                    // Unknown or invalid options (windowsize, multicast, junk) are simply not acknowledged (RFC 2347).
                    break;
            }
        }
        return new TftpNegotiatedOptions(blockSize, timeout, acknowledged);
    }

    private static bool TryParseInt(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
}
