using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Zos.Boot.Dhcp;
using Zos.Protocols.Dhcp.Server;

// A minimal host for the DHCP benchmark: runs our DhcpServer with the given subnet until SIGTERM/SIGINT, then prints
// the counters. Usage: DhcpBenchHost IFACE SERVER-IP NETWORK/PREFIX POOL-START POOL-END LEASE-FILE
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: DhcpBenchHost IFACE SERVER-IP NETWORK/PREFIX POOL-START POOL-END LEASE-FILE");
    return 2;
}
var options = new DhcpServerOptions
{
    Interface = args[0],
    Config = new DhcpServerConfig
    {
        ServerAddress = IPAddress.Parse(args[1]),
        Subnets = [new DhcpSubnet(IPNetwork.Parse(args[2]), IPAddress.Parse(args[3]), IPAddress.Parse(args[4]), IPAddress.Parse(args[1]), [IPAddress.Parse(args[1])], "bench.test", TimeSpan.FromHours(1))],
        // perfdhcp invents a MAC per exchange: serve everyone.
        UnknownClients = UnknownClientPolicy.ServeAsOrphan,
    },
    LeaseFile = args[5],
};
await using var server = new DhcpServer(options);
server.Start();
var stop = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {server.LocalEndPoint}"));
await stop.Task;
await server.StopAsync();
Console.WriteLine($"counters {server.Counters}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"leases {server.Leases().Count} lease-file-writes {server.LeaseWrites}"));
return 0;
