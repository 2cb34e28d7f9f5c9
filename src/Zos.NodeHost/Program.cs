using Zos.Node;

// zos-node: the node image's one management program. Everything it does is Zos.Node's; see NodeCommandLine.
return await NodeCommandLine.InvokeAsync(args, Console.Error);
