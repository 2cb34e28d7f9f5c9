using BenchmarkDotNet.Running;

// BenchmarkDotNet micro benchmarks. Run: dotnet run -c Release --project bench/Zos.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
