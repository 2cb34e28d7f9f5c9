using Zos.Node;
using Zos.Node.Linux;

var options = new NodeRunOptions(NodeRunOptions.DefaultCmdline, null, NodeRunOptions.DefaultState);
using var cts = new CancellationTokenSource();
var daemon = new NodeDaemon(options, LinuxNodePlatform.Create, Console.Out, TimeProvider.System);
await daemon.RunAsync(cts.Token);
return 0;
