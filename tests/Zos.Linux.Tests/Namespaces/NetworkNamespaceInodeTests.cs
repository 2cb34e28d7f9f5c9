using Xunit;
using Zos.Linux.Namespaces;
using Zos.Testing;

namespace Zos.Linux.Tests.Namespaces;

/// <summary><see cref="NetworkNamespace.InodeOf"/>: tells a namespace created again under the same name from the old one.</summary>
public sealed class NetworkNamespaceInodeTests
{
    [Fact]
    public void InodeOf_DeletedAndCreatedAgain_NullThenNewInode()
    {
        Require.Privileged();
        var name = TestNames.New("ino");
        try
        {
            // Held open, as the network manager holds sockets in it: its inode number cannot be reused while it lives.
            using var old = NetworkNamespace.Create(name);
            var first = old.Inode;
            Assert.Equal(first, NetworkNamespace.InodeOf(name));
            NetworkNamespace.Delete(name);
            Assert.Null(NetworkNamespace.InodeOf(name));

            using var again = NetworkNamespace.Create(name);

            Assert.Equal(again.Inode, NetworkNamespace.InodeOf(name));
            Assert.NotEqual(first, again.Inode);
        }
        finally
        {
            NetworkNamespace.EnsureDeleted(name);
        }
    }
}
