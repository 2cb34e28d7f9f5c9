using BenchmarkDotNet.Running;
using Zos.Benchmarks.Netlink;

// Whole-system modes first (run as root): dotnet run -c Release --project bench/Zos.Benchmarks -- netlink 200
if (args.Length > 0 && args[0] == "netlink")
    return NetlinkWholeSystemBenchmark.Run(args[1..]);

// BenchmarkDotNet micro benchmarks. Run: dotnet run -c Release --project bench/Zos.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
