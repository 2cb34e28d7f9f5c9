using Xunit;
using Zos.Linux.Sysctl;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Sysctl;

/// <summary>Per-namespace sysctls: a write in one namespace is seen there and nowhere else.</summary>
public sealed class NamespaceSysctlTests
{
    [Fact]
    public void Write_ForwardingInOneNamespace_SeenThereOnlyAndByIpNetnsExec()
    {
        Require.Privileged("ip", "sysctl");
        using var a = new ScratchNamespace("a");
        using var b = new ScratchNamespace("b");
        var rootBefore = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();

        NamespaceSysctl.Write(a.Namespace, "net.ipv4.ip_forward", "1");
        NamespaceSysctl.Write(a.Namespace, "net.ipv6.conf.all.forwarding", "1");

        Assert.Equal("1", NamespaceSysctl.Read(a.Namespace, "net.ipv4.ip_forward"));
        Assert.Equal("0", NamespaceSysctl.Read(b.Namespace, "net.ipv4.ip_forward"));
        Assert.Equal("net.ipv4.ip_forward = 1", Sh.Run("ip", "netns", "exec", a.Name, "sysctl", "net.ipv4.ip_forward").StdOut.Trim());
        Assert.Equal("net.ipv6.conf.all.forwarding = 1", Sh.Run("ip", "netns", "exec", a.Name, "sysctl", "net.ipv6.conf.all.forwarding").StdOut.Trim());
        Assert.Equal("net.ipv4.ip_forward = 0", Sh.Run("ip", "netns", "exec", b.Name, "sysctl", "net.ipv4.ip_forward").StdOut.Trim());
        Assert.Equal(rootBefore, File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim());
    }

    [Fact]
    public void Write_PerInterfaceKeyWithSlashes_AppliesToThatInterface()
    {
        Require.Privileged("ip", "sysctl");
        using var s = new ScratchNamespace();
        s.Netlink.CreateBridge("br.1");

        NamespaceSysctl.Write(s.Namespace, "net/ipv6/conf/br.1/accept_ra", "2");

        Assert.Equal("2", NamespaceSysctl.Read(s.Namespace, "net/ipv6/conf/br.1/accept_ra"));
        Assert.Equal("2", Sh.Run("ip", "netns", "exec", s.Name, "cat", "/proc/sys/net/ipv6/conf/br.1/accept_ra").StdOut.Trim());
    }

    [Fact]
    public void WriteAll_SeveralKeys_AllAppliedInThatNamespace()
    {
        Require.Privileged("ip", "sysctl");
        using var s = new ScratchNamespace();

        NamespaceSysctl.WriteAll(s.Namespace, [("net.ipv4.ip_forward", "1"), ("net/ipv6/conf/default/accept_ra", "2"), ("net.ipv6.conf.all.forwarding", "1")]);

        Assert.Equal("1", NamespaceSysctl.Read(s.Namespace, "net.ipv4.ip_forward"));
        Assert.Equal("2", NamespaceSysctl.Read(s.Namespace, "net/ipv6/conf/default/accept_ra"));
        Assert.Equal("net.ipv6.conf.all.forwarding = 1", Sh.Run("ip", "netns", "exec", s.Name, "sysctl", "net.ipv6.conf.all.forwarding").StdOut.Trim());
    }

    [Fact]
    public void WriteAll_SecondKeyMissing_StopsThereNamingKeyValueAndNamespace()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();

        var e = Assert.Throws<Zos.Linux.Interop.SystemCallException>(() =>
            NamespaceSysctl.WriteAll(s.Namespace, [("net.ipv4.ip_forward", "1"), ("net.ipv4.nonexistent", "5"), ("net.ipv6.conf.all.forwarding", "1")]));

        Assert.Equal($"write sysctl net.ipv4.nonexistent=5 in {s.Name}: No such file or directory (ENOENT)", e.Message);
        Assert.Equal("1", NamespaceSysctl.Read(s.Namespace, "net.ipv4.ip_forward"));
        Assert.Equal("0", NamespaceSysctl.Read(s.Namespace, "net.ipv6.conf.all.forwarding"));
    }

    [Fact]
    public void Read_UnknownKey_EnoentNamingKeyAndNamespace()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();

        var e = Assert.Throws<Zos.Linux.Interop.SystemCallException>(() => NamespaceSysctl.Read(s.Namespace, "net.ipv4.nonexistent"));

        Assert.Equal($"read sysctl net.ipv4.nonexistent in {s.Name}: No such file or directory (ENOENT)", e.Message);
    }

    [Theory]
    [InlineData("kernel.hostname")]
    [InlineData("net..ipv4")]
    [InlineData("net/../kernel/hostname")]
    public void ToPath_NotPerNamespaceNetKey_ArgumentExceptionNamingIt(string key)
    {
        var e = Assert.Throws<ArgumentException>(() => NamespaceSysctl.ToPath(key));
        Assert.StartsWith($"sysctl key '{key}' is not a per-namespace key under net", e.Message, StringComparison.Ordinal);
    }
}
