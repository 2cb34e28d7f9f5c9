using Xunit;
using Zos.Image.Archive;

namespace Zos.Image.Tests;

public sealed class ImageTreeTests
{
    [Fact]
    public void Parents_are_added_with_their_first_child()
    {
        var tree = new ImageTree();
        tree.AddFile("usr/lib/zos/zos-node", [1], executable: true);
        Assert.Equal(["usr", "usr/lib", "usr/lib/zos", "usr/lib/zos/zos-node"], tree.Entries.Select(e => e.Path));
    }

    [Fact]
    public void The_same_file_twice_is_one_entry_but_different_contents_are_refused()
    {
        var tree = new ImageTree();
        tree.AddFile("etc/hosts", [1, 2], executable: false);
        tree.AddFile("etc/hosts", [1, 2], executable: false);
        Assert.Single(tree.Entries, e => e.Path == "etc/hosts");
        var e = Assert.Throws<InvalidOperationException>(() => tree.AddFile("etc/hosts", [3], executable: false));
        Assert.Contains("'etc/hosts' twice", e.Message, StringComparison.Ordinal);
    }
}
