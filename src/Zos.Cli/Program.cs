using System.CommandLine;
using System.Reflection;
using Zos.Cli;

// The `zos` command: wires the libraries below into verbs and nothing else.
// Each command group is one ICommandGroup in Commands/, found here by reflection so groups stay independent.
var root = new RootCommand("Zos: Zero-OS v2 farm networking (node daemon, registry and Cockpit, boot server, lab)");
foreach (var group in typeof(ICommandGroup).Assembly.GetTypes()
             .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommandGroup).IsAssignableFrom(t))
             .Select(t => (ICommandGroup)Activator.CreateInstance(t)!)
             .OrderBy(g => g.Order))
{
    group.Register(root);
}

return await root.Parse(args).InvokeAsync();
