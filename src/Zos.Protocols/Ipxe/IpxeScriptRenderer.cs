using System.Globalization;
using System.Text;

namespace Zos.Protocols.Ipxe;

/// <summary>
/// Renders the iPXE scripts of the boot server and the boot media (pure). The node script follows the shape of
/// 0-bootstrap's <c>boot.ipxe</c> (boot-and-registry.md §1.4): loop over every NIC with DHCP until one has an address,
/// a gateway and DNS, retry the loop, fetch the kernel with its command line, retry, and on any failure reboot after a
/// pause. iPXE ends a script at the first failing command not followed by <c>||</c>, so every fallible command has one.
/// </summary>
public static class IpxeScriptRenderer
{
    /// <summary>The script a known (or, under the orphan policy, unknown) node gets from <c>GET /boot/&lt;mac&gt;</c>.</summary>
    public static string NodeScript(IpxeBootTarget target, string description)
    {
        Check(target);
        var s = new StringBuilder();
        Header(s, description, target);
        ConfiguredNic(s, onConfigured: "got_net");
        NicLoop(s, target.Retries, onConfigured: "got_net");
        s.Append(":got_net\n");
        s.Append("echo Network: net${idx} ${net${idx}/ip} gateway ${net${idx}/gateway} dns ${net${idx}/dns}\n");
        KernelFetch(s, target);
        Failures(s, target.FailureDelaySeconds);
        return s.ToString();
    }

    /// <summary>
    /// The script embedded in boot media. With a boot server, each NIC that gets DHCP chains to
    /// <c>&lt;server&gt;/boot/&lt;its mac&gt;</c> (the server knows the node); when no NIC reaches the server, or without a
    /// server, the medium fetches the kernel itself with the farm id it carries.
    /// </summary>
    public static string MediaScript(IpxeBootTarget target, string? bootServerUrl, string description)
    {
        Check(target);
        if (bootServerUrl is not null && IpxeSafeText.UrlProblem(bootServerUrl) is { } problem)
            throw new ArgumentException($"boot server: {problem}", nameof(bootServerUrl));
        var s = new StringBuilder();
        Header(s, description, target);
        if (bootServerUrl is null)
        {
            NicLoop(s, target.Retries, onConfigured: "got_net");
        }
        else
        {
            var server = bootServerUrl.TrimEnd('/');
            s.Append("echo Boot server: ").Append(server).Append('\n');
            // First pass: ask the boot server for this node's script on every NIC that gets an address.
            s.Append("set idx:int32 0\n");
            s.Append(":chain_nic\n");
            s.Append("isset ${net${idx}/mac} || goto chain_done\n");
            s.Append("dhcp net${idx} || goto chain_next\n");
            s.Append("chain --autofree ").Append(server).Append("/boot/${net${idx}/mac:hexhyp} || goto chain_next\n");
            s.Append(":chain_next\n");
            s.Append("inc idx\n");
            s.Append("goto chain_nic\n");
            s.Append(":chain_done\n");
            s.Append("echo The boot server did not answer on any NIC: booting the kernel this medium names\n");
            NicLoop(s, target.Retries, onConfigured: "got_net");
        }
        s.Append(":got_net\n");
        s.Append("echo Network: net${idx} ${net${idx}/ip} gateway ${net${idx}/gateway}\n");
        KernelFetch(s, target);
        Failures(s, target.FailureDelaySeconds);
        return s.ToString();
    }

    private static void Check(IpxeBootTarget target)
    {
        var errors = target.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors), nameof(target));
    }

    private static void Header(StringBuilder s, string description, IpxeBootTarget target)
    {
        s.Append("#!ipxe\n");
        s.Append("# ").Append(IpxeSafeText.Echo(description)).Append('\n');
        s.Append("echo Zero-OS boot: ").Append(IpxeSafeText.Echo(description)).Append('\n');
        s.Append("echo Farm: ").Append(target.FarmId is { } f ? f.ToString(CultureInfo.InvariantCulture) : "none (orphan)")
            .Append(", runmode: ").Append(target.Runmode).Append('\n');
        s.Append("isset ${net0/mac} || goto no_nic\n");
    }

    /// <summary>
    /// The NIC this script came through already has its lease (the iPXE that fetched it ran DHCP on it): a NIC with an
    /// address and a gateway is used as it is, so the node script costs no second DHCP exchange.
    /// </summary>
    private static void ConfiguredNic(StringBuilder s, string onConfigured)
    {
        s.Append("set idx:int32 0\n");
        s.Append(":lease_next\n");
        s.Append("isset ${net${idx}/mac} || goto lease_none\n");
        s.Append("isset ${net${idx}/ip} && isset ${net${idx}/gateway} && goto ").Append(onConfigured).Append(" ||\n");
        s.Append("inc idx\n");
        s.Append("goto lease_next\n");
        s.Append(":lease_none\n");
    }

    /// <summary>
    /// <c>dhcp</c> on net0, net1, ... in turn; the first NIC with an address and a gateway wins (DNS is not required:
    /// the kernel URL may be an address). The whole round is tried <paramref name="retries"/> times.
    /// </summary>
    private static void NicLoop(StringBuilder s, int retries, string onConfigured)
    {
        s.Append("set round:int32 0\n");
        s.Append(":nic_round\n");
        s.Append("set idx:int32 0\n");
        s.Append(":nic_next\n");
        s.Append("isset ${net${idx}/mac} || goto nic_round_done\n");
        s.Append("echo Configuring net${idx} (${net${idx}/mac})\n");
        s.Append("dhcp net${idx} || goto nic_skip\n");
        s.Append("isset ${net${idx}/ip} || goto nic_skip\n");
        s.Append("isset ${net${idx}/gateway} || goto nic_skip\n");
        s.Append("goto ").Append(onConfigured).Append('\n');
        s.Append(":nic_skip\n");
        s.Append("ifclose net${idx} ||\n");
        s.Append("inc idx\n");
        s.Append("goto nic_next\n");
        s.Append(":nic_round_done\n");
        s.Append("inc round\n");
        s.Append("iseq ${round} ").Append(retries.ToString(CultureInfo.InvariantCulture)).Append(" && goto no_dhcp || goto nic_round\n");
    }

    /// <summary>
    /// A kernel with its initramfs built in (upstream Zero-OS) is fetched with its command line and executed. With a
    /// separate initramfs (the Zos node image): <c>kernel</c> with <c>initrd=&lt;name&gt;</c> first on the command
    /// line (the EFI stub loads only the initrd named there; BIOS boots ignore it), <c>initrd</c>, <c>boot</c>. A
    /// failed download frees what was fetched (by name: the running script is an image too) before the retry.
    /// </summary>
    private static void KernelFetch(StringBuilder s, IpxeBootTarget target)
    {
        s.Append("set tries:int32 0\n");
        s.Append(":fetch_kernel\n");
        s.Append("echo Fetching ").Append(target.KernelUrl).Append('\n');
        if (target.InitrdUrl is null)
        {
            s.Append("imgfetch --name zos ").Append(target.KernelUrl).Append(' ').Append(target.CommandLine).Append(" || goto fetch_failed\n");
            s.Append("imgstat ||\n");
            s.Append("imgexec zos || goto no_kernel\n");
            s.Append(":fetch_failed\n");
        }
        else
        {
            var name = target.InitrdName;
            s.Append("kernel --name zos ").Append(target.KernelUrl).Append(" initrd=").Append(name).Append(' ').Append(target.CommandLine)
                .Append(" || goto fetch_failed\n");
            s.Append("echo Fetching ").Append(target.InitrdUrl).Append('\n');
            s.Append("initrd --name ").Append(name).Append(' ').Append(target.InitrdUrl).Append(" || goto fetch_failed\n");
            s.Append("imgstat ||\n");
            s.Append("boot zos || goto no_kernel\n");
            s.Append(":fetch_failed\n");
            s.Append("imgfree zos ||\n");
            s.Append("imgfree ").Append(name).Append(" ||\n");
        }
        s.Append("inc tries\n");
        s.Append("iseq ${tries} ").Append(target.Retries.ToString(CultureInfo.InvariantCulture)).Append(" && goto no_kernel || goto fetch_kernel\n");
    }

    private static void Failures(StringBuilder s, int delaySeconds)
    {
        var delay = delaySeconds.ToString(CultureInfo.InvariantCulture);
        s.Append(":no_nic\n");
        s.Append("echo No network card found: enable the NIC in the firmware (and disable CSM for UEFI PXE)\n");
        s.Append("goto reboot\n");
        s.Append(":no_dhcp\n");
        s.Append("echo No NIC got an address and a gateway by DHCP\n");
        s.Append("goto reboot\n");
        s.Append(":no_kernel\n");
        s.Append("echo Could not fetch or start the Zero-OS kernel\n");
        s.Append(":reboot\n");
        s.Append("echo Rebooting in ").Append(delay).Append(" seconds\n");
        s.Append("sleep ").Append(delay).Append(" ||\n");
        s.Append("reboot\n");
    }
}
