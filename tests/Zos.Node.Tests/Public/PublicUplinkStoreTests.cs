using Zos.Core.Public;
using Zos.Node.Network;
using Xunit;

namespace Zos.Node.Tests.Public;

public sealed class PublicUplinkStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-uplink-").FullName;

    [Fact]
    public void SaveThenLoad_KeptChoiceFeedsTheSelectorAcrossRestarts()
    {
        var store = new PublicUplinkStore(Path.Combine(_dir, "state", "public-uplink.json"));
        store.Save(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth2", "detected: eth2 got public IPv4 by DHCP"));

        var restarted = new PublicUplinkStore(store.Path).Load();
        var choice = PublicUplinkSelector.Choose(null, restarted, [new PublicNicProbe("eth1", true, true, false), new PublicNicProbe("eth2", true, false, false)]);

        Assert.Equal(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth2", "kept from an earlier run: eth2"), choice);
        Assert.False(File.Exists(store.Path + ".tmp"));
    }

    [Fact]
    public void Load_CorruptOrMissingFile_NoChoice()
    {
        var store = new PublicUplinkStore(Path.Combine(_dir, "public-uplink.json"));
        Assert.Null(store.Load());
        File.WriteAllText(store.Path, "{not json");

        Assert.Null(store.Load());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
