using Zos.Linux.Namespaces;
using Zos.Node.Network;
using Zos.Testing;
using Xunit;

namespace Zos.Node.Tests.Network;

/// <summary>The per-namespace sockets and cached reads behind a cheap no-op pass.</summary>
public sealed class NamespaceWatchesTests : IDisposable
{
    private readonly string _name = TestNames.New("nw");
    private readonly NamespaceWatches _watches = new(null);

    [Fact]
    public void Read_NothingChanged_CachedThenReadAgainAfterAChange()
    {
        Require.Privileged("ip");
        Sh.Run("ip", "netns", "add", _name).EnsureSuccess("setup");
        var watch = _watches.Find(_name)!;
        var reads = 0;
        IReadOnlyList<string> ReadNames(Zos.Linux.Netlink.RouteNetlink nl)
        {
            reads++;
            return [.. nl.GetLinks().Select(l => l.Name).Order(StringComparer.Ordinal)];
        }

        var first = watch.Read(ReadNames);
        var second = watch.Read(ReadNames);
        Sh.Run("ip", "-n", _name, "link", "add", "zw0", "type", "bridge").EnsureSuccess("link add");
        var third = watch.Read(ReadNames);

        Assert.Equal(["lo"], first);
        Assert.Same(first, second);
        Assert.Equal(["lo", "zw0"], third);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void Find_NamespaceDeletedThenCreatedAgain_NullThenANewWatch()
    {
        Require.Privileged("ip");
        Sh.Run("ip", "netns", "add", _name).EnsureSuccess("setup");
        var old = _watches.Find(_name)!;
        Assert.Same(old, _watches.Find(_name));

        Sh.Run("ip", "netns", "del", _name).EnsureSuccess("del");
        Assert.Null(_watches.Find(_name));
        Sh.Run("ip", "netns", "add", _name).EnsureSuccess("add again");
        var fresh = _watches.Find(_name)!;

        Assert.NotSame(old, fresh);
        Assert.Equal(NetworkNamespace.InodeOf(_name), fresh.Inode);
    }

    public void Dispose()
    {
        _watches.Dispose();
        Sh.Run("ip", "netns", "del", _name);
    }
}
