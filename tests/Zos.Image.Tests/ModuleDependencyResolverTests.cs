using Xunit;
using Zos.Image.Modules;

namespace Zos.Image.Tests;

public sealed class ModuleDependencyResolverTests
{
    // Shaped like depmod's output for Debian 12's kernel (paths relative to lib/modules/VERSION).
    private const string Dep = """
        kernel/drivers/net/wireguard/wireguard.ko: kernel/net/ipv4/udp_tunnel.ko kernel/net/ipv6/ip6_udp_tunnel.ko kernel/lib/crypto/libcurve25519-generic.ko
        kernel/net/ipv4/udp_tunnel.ko:
        kernel/net/ipv6/ip6_udp_tunnel.ko:
        kernel/lib/crypto/libcurve25519-generic.ko:
        kernel/fs/ext4/ext4.ko: kernel/fs/jbd2/jbd2.ko kernel/fs/mbcache.ko
        kernel/fs/jbd2/jbd2.ko:
        kernel/fs/mbcache.ko:
        kernel/crypto/crc32c_generic.ko:
        kernel/net/netfilter/nft_ct.ko: kernel/net/netfilter/nf_tables.ko kernel/net/netfilter/nf_conntrack.ko
        kernel/net/netfilter/nf_tables.ko: kernel/net/netfilter/nfnetlink.ko
        kernel/net/netfilter/nfnetlink.ko:
        kernel/net/netfilter/nf_conntrack.ko:
        kernel/net/netfilter/xt_mark.ko:
        kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko:
        """;

    private const string Softdep = "# Soft dependencies extracted from modules themselves.\nsoftdep ext4 pre: crc32c-generic post: mbcache\n";

    [Fact]
    public void Names_take_their_hard_and_soft_dependencies()
    {
        var closure = ModuleDependencyResolver.Resolve(new ModuleSelection(["wireguard", "ext4"], [], []), Dep, Softdep, "");
        Assert.Empty(closure.Missing);
        Assert.Equal(
            [
                "kernel/crypto/crc32c_generic.ko", "kernel/drivers/net/wireguard/wireguard.ko", "kernel/fs/ext4/ext4.ko", "kernel/fs/jbd2/jbd2.ko",
                "kernel/fs/mbcache.ko", "kernel/lib/crypto/libcurve25519-generic.ko", "kernel/net/ipv4/udp_tunnel.ko", "kernel/net/ipv6/ip6_udp_tunnel.ko",
            ], closure.Paths);
    }

    [Fact]
    public void Directories_with_prefixes_take_only_matching_modules()
    {
        var closure = ModuleDependencyResolver.Resolve(new ModuleSelection([], ["kernel/net/netfilter"], ["nft_"]), Dep, Softdep, "");
        Assert.Equal(["kernel/net/netfilter/nf_conntrack.ko", "kernel/net/netfilter/nf_tables.ko", "kernel/net/netfilter/nfnetlink.ko", "kernel/net/netfilter/nft_ct.ko"], closure.Paths);
    }

    [Fact]
    public void Dashes_and_underscores_are_one_name_and_built_in_modules_are_not_missing()
    {
        var closure = ModuleDependencyResolver.Resolve(new ModuleSelection(["crc32c-generic", "bridge", "fm10k"], [], []), Dep, Softdep,
            "kernel/net/bridge/bridge.ko\n");
        Assert.Equal(["kernel/crypto/crc32c_generic.ko"], closure.Paths);
        Assert.Equal(["fm10k"], closure.Missing);
    }
}
