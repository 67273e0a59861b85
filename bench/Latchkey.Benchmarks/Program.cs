using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Latchkey.Benchmarks -- --filter '*Blocklist*'   (results: docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Latchkey.Benchmarks.Passwords.Blocklist.PasswordBlocklistBenchmarks).Assembly).Run(args);
