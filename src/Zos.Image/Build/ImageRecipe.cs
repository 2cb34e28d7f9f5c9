using Zos.Image.Modules;

namespace Zos.Image.Build;

/// <summary>
/// What the node image is made of: Debian packages, the programs taken from them, the kernel modules. The image has a
/// merged /usr (bin, sbin, lib and lib64 are links into /usr), so every package path is moved under usr/.
/// </summary>
public static class ImageRecipe
{
    /// <summary>The package that names the current kernel of the Debian release (its Depends is linux-image-VERSION).</summary>
    public const string KernelMetaPackage = "linux-image-amd64";

    public static string KernelPackage(string kernelVersion) => $"linux-image-{kernelVersion}";

    /// <summary>Programs and their files: package, path inside the package (a file, or a directory taken whole), path in the image.</summary>
    public static IReadOnlyList<(string Package, string From, string To)> Programs { get; } =
    [
        ("busybox-static", "bin/busybox", "usr/bin/busybox"),
        ("iproute2", "bin/ip", "usr/bin/ip"),
        ("iproute2", "etc/iproute2", "etc/iproute2"),
        ("nftables", "usr/sbin/nft", "usr/sbin/nft"),
        ("wireguard-tools", "usr/bin/wg", "usr/bin/wg"),
        ("e2fsprogs", "sbin/mke2fs", "usr/sbin/mke2fs"),
        ("e2fsprogs", "etc/mke2fs.conf", "etc/mke2fs.conf"),
    ];

    /// <summary>
    /// The certificate authorities an https registry is checked against: Debian's ca-certificates (Mozilla's list),
    /// concatenated into one bundle in name order, as update-ca-certificates would, and where OpenSSL (and so .NET)
    /// looks by default.
    /// </summary>
    public static (string Package, string From, string Bundle) Certificates { get; } =
        ("ca-certificates", "usr/share/ca-certificates/mozilla", "etc/ssl/certs/ca-certificates.crt");

    /// <summary>
    /// busybox applets left out: every server among them (the node listens on nothing) and those a real program of the
    /// image replaces.
    /// </summary>
    public static IReadOnlySet<string> ExcludedApplets { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "httpd", "telnetd", "ftpd", "tftpd", "udhcpd", "dhcprelay", "inetd", "dnsd", "fakeidentd", "tcpsvd", "udpsvd",
        "ntpd", "nc", "telnet", "ftpget", "ftpput", "tftp", "wget", "ssl_client", "linuxrc", "init",
    };

    /// <summary>Links in the image besides busybox's applets: (path, target).</summary>
    public static IReadOnlyList<(string Path, string Target)> Links { get; } =
    [
        ("bin", "usr/bin"),
        ("sbin", "usr/sbin"),
        ("lib", "usr/lib"),
        ("lib64", "usr/lib64"),
        ("usr/lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
        ("usr/sbin/mkfs.ext4", "mke2fs"),
        ("usr/bin/zos-node", "../lib/zos/zos-node"),
        ("usr/lib/ssl/cert.pem", "/etc/ssl/certs/ca-certificates.crt"),
        ("usr/lib/ssl/certs", "/etc/ssl/certs"),
    ];

    /// <summary>
    /// Packages that only provide shared libraries. Which libraries go into the image follows from the programs'
    /// DT_NEEDED entries (and <see cref="LoadedAtRunTime"/>); a library found in none of these is a build error.
    /// </summary>
    public static IReadOnlyList<string> LibraryPackages { get; } =
    [
        "libc6", "libstdc++6", "libgcc-s1", "zlib1g", "libssl3", "libzstd1",
        "libnftables1", "libnftnl11", "libmnl0", "libjansson4", "libgmp10", "libxtables12", "libedit2", "libbsd0", "libmd0", "libtinfo6",
        "libext2fs2", "libcom-err2", "libblkid1", "libuuid1", "libss2",
        "libbpf1", "libelf1", "libcap2", "libselinux1", "libpcre2-8-0", "libdb5.3", "libtirpc3",
    ];

    /// <summary>Libraries programs open with dlopen, invisible to DT_NEEDED: .NET's crypto shim loads OpenSSL.</summary>
    public static IReadOnlyList<string> LoadedAtRunTime { get; } = ["libssl.so.3", "libcrypto.so.3"];

    /// <summary>Where libraries live in the image, and where they are looked for in packages.</summary>
    public const string LibraryDirectory = "usr/lib/x86_64-linux-gnu";

    public static IReadOnlyList<string> LibrarySearchPaths { get; } = ["lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu"];

    /// <summary>
    /// Kernel modules: the NIC drivers of real servers (virtio and e1000 for VMs; Intel, Broadcom, Mellanox, Realtek,
    /// Marvell/QLogic, Emulex, Solarflare, Chelsio, Cisco, Amazon, VMware, Aquantia), the features the node builds with
    /// (bridge, 802.1Q, WireGuard, veth, tun, macvlan, nftables with conntrack and NAT), the disks a state disk may sit on
    /// (virtio, SATA/AHCI, SCSI, NVMe) and ext4. The firmware files these modules name are taken from
    /// <see cref="FirmwarePackages"/>.
    /// </summary>
    public static ModuleSelection Modules { get; } = new(
        Names:
        [
            "virtio_pci", "virtio_net", "virtio_blk", "virtio_scsi", "virtio_console", "virtio_rng",
            "e1000", "e1000e", "igb", "igc", "ixgb", "ixgbe", "ixgbevf", "i40e", "iavf", "ice",
            "bnxt_en", "bnx2", "bnx2x", "tg3", "mlx4_en", "mlx5_core", "r8169", "8139cp", "atlantic", "qede", "qlcnic",
            "be2net", "sfc", "cxgb4", "enic", "ena", "vmxnet3", "sky2", "forcedeth", "alx", "atl1c", "igbvf",
            "bridge", "8021q", "wireguard", "veth", "tun", "macvlan", "nf_tables", "nf_conntrack", "nf_nat",
            "ext4", "sd_mod", "ahci", "ata_piix", "nvme", "crc32c_intel", "crc32c_generic",
        ],
        Directories: ["kernel/net/netfilter", "kernel/net/ipv4/netfilter", "kernel/net/ipv6/netfilter", "kernel/net/bridge/netfilter"],
        NamePrefixes: ["nft_", "nf_"]);

    /// <summary>
    /// Debian's component with the NIC firmware (bnx2, bnx2x and tg3's tigon, Realtek's rtl_nic, ice's DDP package,
    /// Chelsio's and QLogic's), which the build machine's apt sources need not list: it is read through a source list
    /// of the image build's own (<see cref="Debian.AptPackageSource.WithPrivateSourceAsync"/>).
    /// </summary>
    public const string FirmwareComponent = "non-free-firmware";

    public const string FirmwareMirror = "http://deb.debian.org/debian";

    /// <summary>
    /// The packages the modules' firmware is looked for in. Only the files a module of the image names
    /// (<c>modinfo -F firmware</c>) are taken, not the packages whole (firmware-misc-nonfree alone is 13 MB of mostly
    /// GPU and Wi-Fi blobs).
    /// </summary>
    public static IReadOnlyList<string> FirmwarePackages { get; } =
        ["firmware-bnx2", "firmware-bnx2x", "firmware-realtek", "firmware-misc-nonfree", "firmware-qlogic"];

    /// <summary>Where the kernel's firmware loader looks (merged /usr: /lib/firmware is this).</summary>
    public const string FirmwareDirectory = "usr/lib/firmware";
}
