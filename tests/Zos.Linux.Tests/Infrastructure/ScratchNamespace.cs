using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Testing;

namespace Zos.Linux.Tests.Infrastructure;

/// <summary>
/// A uniquely named namespace for one test, created with our code and deleted in Dispose even when the test failed;
/// holds an open <see cref="RouteNetlink"/> bound to it.
/// </summary>
public sealed class ScratchNamespace : IDisposable
{
    public ScratchNamespace(string role = "ns")
    {
        Name = TestNames.New(role);
        Namespace = NetworkNamespace.Create(Name);
        try
        {
            Netlink = RouteNetlink.Open(Namespace);
            Netlink.SetUp("lo");
        }
        catch
        {
            Namespace.Dispose();
            NetworkNamespace.EnsureDeleted(Name);
            throw;
        }
    }

    public string Name { get; }

    public NetworkNamespace Namespace { get; }

    public RouteNetlink Netlink { get; }

    public void Dispose()
    {
        Netlink.Dispose();
        Namespace.Dispose();
        NetworkNamespace.EnsureDeleted(Name);
    }
}
