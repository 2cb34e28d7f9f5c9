using System.Globalization;
using System.Text.Json;
using Zos.Testing;

namespace Zos.EndToEnd;

/// <summary>
/// What a lab node holds of the demo network, read from outside its daemon: the network resource's namespace
/// (n-&lt;netid&gt;, in the node's private /run/netns) by its namespace inode, and the workload's namespace. Same inodes
/// before and after a daemon restart mean the restart kept the network resource instead of rebuilding it.
/// </summary>
internal sealed record LabNodeNetworks(string NetId, string ResourceInode, string WorkloadInode)
{
    public static LabNodeNetworks Read(LabCli lab, string nodeLabel)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(lab.LabDirectory, "state.json")));
        var netId = state.RootElement.GetProperty("demo").GetProperty("netId").GetString()
            ?? throw new InvalidOperationException("state.json has no demo network");
        var node = state.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("label").GetString() == nodeLabel);
        var holder = node.GetProperty("mountHolder").GetInt32().ToString(CultureInfo.InvariantCulture);
        return new LabNodeNetworks(netId, Inode(holder, "n-" + netId), Inode(holder, "demo-w"));
    }

    private static string Inode(string holder, string name)
    {
        // The names live in the node's mount namespace; stat follows the nsfs bind mount to the namespace itself.
        var stat = Sh.Run("nsenter", "-t", holder, "-m", "--", "stat", "-L", "-c", "%i", "/run/netns/" + name);
        return stat.ExitCode == 0 ? stat.StdOut.Trim() : $"missing ({stat.StdErr.Trim()})";
    }
}
