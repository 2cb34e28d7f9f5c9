using System.Net;
using System.Net.Sockets;
using Xunit;
using Zos.Linux.Interop;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Namespaces;

/// <summary>
/// Runs alone: one test checks that every thread of the process is back in the root namespace, which another test
/// working inside a namespace at that moment would falsify.
/// </summary>
[CollectionDefinition(nameof(ProcessThreadsCollection), DisableParallelization = true)]
public sealed class ProcessThreadsCollection;

/// <summary>Named namespaces compatible with <c>ip netns</c>, and in-process use of several namespaces.</summary>
[Collection(nameof(ProcessThreadsCollection))]
public sealed class NetworkNamespaceTests
{
    [Fact]
    public void Create_IpNetnsListsItAndRunsInIt_DeleteRemovesIt()
    {
        Require.Privileged("ip");
        var name = TestNames.New("ns");
        try
        {
            using (var ns = NetworkNamespace.Create(name))
            {
                Assert.Contains(name, Sh.Run("ip", "netns", "list").StdOut.Split('\n').Select(l => l.Split(' ')[0]));
                Assert.Contains(name, NetworkNamespace.List());
                Assert.True(NetworkNamespace.Exists(name));
                // iproute2 can enter it: a namespace of its own with only lo.
                var inside = Sh.Run("ip", "netns", "exec", name, "readlink", "/proc/self/ns/net").EnsureSuccess("ip netns exec").StdOut.Trim();
                Assert.Equal($"net:[{ns.Inode}]", inside);
                Assert.NotEqual(NetworkNamespace.CurrentThreadInode, ns.Inode);
            }

            NetworkNamespace.Delete(name);

            Assert.DoesNotContain(name, Sh.Run("ip", "netns", "list").StdOut);
            Assert.False(NetworkNamespace.Exists(name));
        }
        finally
        {
            NetworkNamespace.EnsureDeleted(name);
        }
    }

    [Fact]
    public void Create_Twice_EexistNamingNamespace_EnsureOpensExisting()
    {
        Require.Privileged("ip");
        var name = TestNames.New("ns");
        try
        {
            using var first = NetworkNamespace.Create(name);

            var e = Assert.Throws<SystemCallException>(() => NetworkNamespace.Create(name));

            Assert.Equal($"create namespace {name}: File exists (EEXIST)", e.Message);
            using var again = NetworkNamespace.Ensure(name);
            Assert.Equal(first.Inode, again.Inode);
        }
        finally
        {
            NetworkNamespace.EnsureDeleted(name);
        }
    }

    [Fact]
    public void Open_NamespaceMadeByIproute2_OurSocketSeesItsLinks()
    {
        Require.Privileged("ip");
        var name = TestNames.New("ip");
        Sh.Run("ip", "netns", "add", name).EnsureSuccess("ip netns add");
        try
        {
            Sh.Run("ip", "-n", name, "link", "add", "fromip", "type", "bridge").EnsureSuccess("ip link add");

            using var nl = RouteNetlink.Open(name);

            Assert.Equal(["lo", "fromip"], nl.GetLinks().Select(l => l.Name));
        }
        finally
        {
            NetworkNamespace.EnsureDeleted(name);
        }
    }

    [Fact]
    public void Delete_Absent_EnoentNamingNamespace()
    {
        Require.Privileged("ip");
        var name = TestNames.New("no");

        var e = Assert.Throws<SystemCallException>(() => NetworkNamespace.Delete(name));

        Assert.Equal($"delete namespace {name}: No such file or directory (ENOENT)", e.Message);
        Assert.False(NetworkNamespace.EnsureDeleted(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void Create_InvalidName_ArgumentExceptionNamingIt(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => NetworkNamespace.Create(name));
        Assert.StartsWith($"namespace name '{name}' is invalid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoNamespacesDrivenConcurrently_LaterThreadPoolSocketsStayInRoot()
    {
        Require.Privileged("ip");
        var rootInode = NetworkNamespace.CurrentThreadInode;
        using var a = new ScratchNamespace("a");
        using var b = new ScratchNamespace("b");

        // Drive both namespaces at once from thread-pool threads: sockets opened per namespace, links and addresses.
        var work = new[] { a, b }.Select((s, i) => Task.Run(() =>
        {
            for (var n = 0; n < 20; n++)
            {
                using var nl = RouteNetlink.Open(s.Namespace);
                nl.CreateBridge($"c{n}", options: new LinkCreateOptions { Up = true });
                nl.AddAddress($"c{n}", IPAddress.Parse($"10.{i}.{n}.1"), 24);
            }
        })).ToArray();
        await Task.WhenAll(work);

        Assert.Equal(21, IpJson.Links(a.Name).Count);
        Assert.Equal(21, IpJson.Links(b.Name).Count);
        // Every runtime thread (epoll, timers, workers, gate) is still in the root namespace.
        var threads = Directory.GetDirectories("/proc/self/task")
            .Select(t => (Tid: Path.GetFileName(t), Ns: new FileInfo(Path.Combine(t, "ns/net")).LinkTarget))
            .Where(t => t.Ns is not null).ToList();
        Assert.All(threads, t => Assert.Equal($"net:[{rootInode}]", t.Ns));
        // A listener only reachable in the root namespace: a socket created on the thread pool after the namespace
        // work must connect to it (in a scratch namespace it would be refused).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        await Task.Yield();
        var (inode, connected) = await Task.Run(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return (NetworkNamespace.CurrentThreadInode, client.Connected);
        });
        using var server = await accept;
        Assert.True(connected);
        Assert.Equal(rootInode, inode);
    }
}
