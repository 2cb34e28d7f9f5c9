using System.CommandLine;
using Zos.Cli;

// The `zos` command: wires the libraries below into verbs and nothing else. The verbs are declared in CommandTree;
// ZosCli turns parse errors and failures into messages and exit codes.
return await ZosCli.InvokeAsync(args, new InvocationConfiguration());
