using System.Net;
using Xunit;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Protocols.Tests.Dhcp;

public sealed class DhcpFuzzTests
{
    [Fact]
    public void ParseAndDecide_100000RandomAndMutatedPackets_NeverThrow()
    {
        var random = new Random(20261127);
        var seeds = new[]
        {
            DhcpTestPackets.IpxeBiosDiscover(),
            DhcpTestPackets.OvmfUefiDiscover(),
            DhcpTestPackets.PerfdhcpRelayedDiscover(),
            DhcpMessageWriter.Encode(DhcpTestPackets.UefiDiscover(MacAddress.Parse("02:00:00:00:00:07"))),
            DhcpMessageWriter.Encode(DhcpTestPackets.RelayedRequest(MacAddress.Parse("02:00:00:00:00:08"), IPAddress.Parse("10.20.0.1"), IPAddress.Parse("10.20.0.9"), IPAddress.Parse("10.10.0.1"))),
        };
        var config = new DhcpServerConfig
        {
            ServerAddress = IPAddress.Parse("10.10.0.1"),
            Subnets =
            [
                new DhcpSubnet(IPNetwork.Parse("10.10.0.0/24"), IPAddress.Parse("10.10.0.100"), IPAddress.Parse("10.10.0.200"), IPAddress.Parse("10.10.0.1"), [], "lab", TimeSpan.FromHours(1)),
                new DhcpSubnet(IPNetwork.Parse("10.20.0.0/24"), IPAddress.Parse("10.20.0.100"), IPAddress.Parse("10.20.0.200"), null, [], null, TimeSpan.FromHours(1)),
            ],
            UnknownClients = UnknownClientPolicy.ServeAsOrphan,
            Boot = new PxeBootFiles(IpxeScriptBaseUrl: "http://10.10.0.1/boot/"),
        };
        var proxy = config with { Mode = DhcpServerMode.Proxy };
        var leases = new DhcpLeaseTable();
        var now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var parsed = 0;
        var replies = 0;
        var errors = new Dictionary<DhcpParseError, int>();

        for (var i = 0; i < 100_000; i++)
        {
            var packet = Mutate(random, seeds[random.Next(seeds.Length)]);
            var result = DhcpMessageReader.Parse(packet);
            if (!result.Success)
            {
                errors[result.Error] = errors.GetValueOrDefault(result.Error) + 1;
                Assert.NotEmpty(result.Detail);
                continue;
            }
            parsed++;
            var port = random.Next(4) == 0 ? DhcpRequest.PxePort : DhcpRequest.ServerPort;
            var request = new DhcpRequest(result.Message, port, new IPEndPoint(result.Message.ClientAddress, 68));
            var decision = DhcpDecider.Decide(request, random.Next(2) == 0 ? config : proxy, leases, now.AddSeconds(i));
            leases.Apply(decision.Changes);
            if (decision.Reply is { } reply)
            {
                replies++;
                DhcpReplyAddressing.For(request, reply);
                Assert.True(DhcpMessageReader.Parse(DhcpMessageWriter.Encode(reply)).Success);
            }
        }

        // The mix exercised both paths: decodable messages reached the decision, broken ones failed with reasons.
        Assert.InRange(parsed, 10_000, 90_000);
        Assert.True(replies > 1_000, $"only {replies} replies");
        Assert.True(errors.Count >= 5, string.Join(", ", errors.Select(e => $"{e.Key}={e.Value}")));
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        switch (random.Next(6))
        {
            case 0:
            {
                var junk = new byte[random.Next(0, 700)];
                random.NextBytes(junk);
                return junk;
            }
            case 1:
                return seed.AsSpan(0, random.Next(seed.Length)).ToArray();
            case 2:
            {
                var b = (byte[])seed.Clone();
                for (var n = random.Next(1, 8); n > 0; n--)
                    b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
                return b;
            }
            case 3:
            {
                // Length lies: change an option length byte in the options area.
                var b = (byte[])seed.Clone();
                var i = DhcpMessageReader.MinimumLength;
                var stop = random.Next(1, 12);
                while (i + 1 < b.Length && b[i] != 255 && stop-- > 0)
                {
                    if (stop == 0)
                        b[i + 1] = (byte)random.Next(256);
                    i += b[i] == 0 ? 1 : 2 + b[i + 1];
                }
                return b;
            }
            case 4:
            {
                // Valid header, random options tail (exercises overload, 82, 175, 97 parsing).
                var b = seed.AsSpan(0, DhcpMessageReader.MinimumLength).ToArray().Concat(RandomOptions(random)).ToArray();
                return b;
            }
            default:
            {
                // Header fields randomised but options kept: exercises the decision function.
                var b = (byte[])seed.Clone();
                var header = new byte[28];
                random.NextBytes(header);
                header[0] = 1;
                header[1] = 1;
                header[2] = 6;
                header.AsSpan(0, 28).CopyTo(b);
                var type = (byte)random.Next(1, 10);
                if (b[240] == 53)
                    b[242] = type;
                return b;
            }
        }
    }

    private static byte[] RandomOptions(Random random)
    {
        var codes = new byte[] { 53, 52, 50, 54, 61, 82, 93, 94, 97, 175, 77, 60, 57, 55, 12, 3 };
        var list = new List<byte>();
        for (var n = random.Next(0, 10); n > 0; n--)
        {
            var code = codes[random.Next(codes.Length)];
            var len = random.Next(0, 20);
            list.Add(code);
            list.Add((byte)len);
            for (var k = 0; k < len; k++)
                list.Add((byte)random.Next(256));
        }
        if (random.Next(4) != 0)
            list.Add(255);
        return [.. list];
    }
}
