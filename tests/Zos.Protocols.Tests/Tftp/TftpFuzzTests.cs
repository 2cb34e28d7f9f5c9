using Xunit;
using Zos.Protocols.Tftp;

namespace Zos.Protocols.Tests.Tftp;

public class TftpFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        [0, 1, .. "boot.ipxe"u8, 0, .. "octet"u8, 0, .. "blksize"u8, 0, .. "1432"u8, 0, .. "tsize"u8, 0, .. "0"u8, 0],
        [0, 2, .. "x"u8, 0, .. "netascii"u8, 0],
        [0, 3, 0, 1, 1, 2, 3, 4],
        [0, 4, 0, 7],
        [0, 5, 0, 1, .. "not found"u8, 0],
        [0, 6, .. "blksize"u8, 0, .. "1468"u8, 0],
    ];

    [Fact]
    public void Parse_100000RandomAndMutatedPackets_NeverThrowsAndSuccessesRoundTrip()
    {
        var random = new Random(20261127);
        var parsed = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var datagram = i % 2 == 0 ? RandomBytes(random) : Mutate(Seeds[random.Next(Seeds.Length)], random);

            var result = TftpCodec.Parse(datagram);

            Assert.True(result.IsSuccess ^ (result.Error is not null));
            if (result.Packet is { } packet)
            {
                parsed++;
                // Anything we accept re-encodes to a packet we accept again as the same thing.
                var again = TftpCodec.Parse(TftpCodec.Encode(packet)).Packet;
                Assert.NotNull(again);
                Assert.Equal(packet.Opcode, again.Opcode);
            }
        }
        Assert.InRange(parsed, 1000, 99_000);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 80)];
        random.NextBytes(bytes);
        if (bytes.Length >= 2 && random.Next(2) == 0)
        {
            bytes[0] = 0;
            bytes[1] = (byte)random.Next(0, 8);
        }
        return bytes;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveAt(random.Next(bytes.Count));
                    break;
                case 2:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                default:
                    // Truncate at a random point.
                    var keep = random.Next(bytes.Count + 1);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
            }
        }
        return [.. bytes];
    }
}
