using System.Diagnostics;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own, made as test.sh makes the shared one (initdb, pg_ctl on 127.0.0.1 and a
/// free port, run as the postgres user when the tests run as root), so the test can stop it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivatePostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private PrivatePostgres(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=5";
        Port = port;
    }

    public string ConnectionString { get; }

    public int Port { get; }

    public static PrivatePostgres Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderBy(d => d, StringComparer.Ordinal).Last();
        var root = Directory.CreateTempSubdirectory("latchkey-pg-").FullName;
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        if (Environment.UserName == "root")
        {
            Run("chown", "postgres", data);
        }

        var port = FreePorts.Next();
        var cluster = new PrivatePostgres(bin, data, port);
        AsPostgres(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        AsPostgres(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(data, "server.log"), "-w", "-o",
            $"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off", "start");
        return cluster;
    }

    public void Stop() => AsPostgres(Path.Combine(_bin, "pg_ctl"), "-D", _data, "-m", "immediate", "-w", "stop");

    public void Dispose()
    {
        if (File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            Stop();
        }

        Directory.Delete(Path.GetDirectoryName(_data)!, recursive: true);
    }

    private static void AsPostgres(string file, params string[] args)
    {
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", file, .. args]);
        }
        else
        {
            Run(file, args);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }
}
