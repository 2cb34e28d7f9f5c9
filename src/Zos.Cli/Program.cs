using Zos.Cli;

// The `zos` command: wires the libraries below into verbs and nothing else. The verbs are declared in CommandTree.
return await CommandTree.Build().Parse(args).InvokeAsync();
