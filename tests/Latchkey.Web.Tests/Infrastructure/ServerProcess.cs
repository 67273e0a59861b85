using System.Diagnostics;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Infrastructure;

/// <summary>
/// A real <c>latchkey serve</c> process (the built latchkey.dll) on 127.0.0.1 and a free port, with the given
/// settings as environment variables; stopped by its PID.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>What the server wrote to standard output and error so far (warnings and above), line by line.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePorts.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LatchkeyDll());
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start latchkey.");
        var server = new ServerProcess(process, baseUrl);
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new InvalidOperationException($"latchkey exited with {process.ExitCode} at start:\n{string.Join('\n', server.Output.TakeLast(30))}");
            }

            try
            {
                if ((await client.GetAsync(baseUrl + "/healthz")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        server.Dispose();
        throw new TimeoutException("latchkey did not become healthy within 60 s.");
    }

    /// <summary>Ends the process with SIGKILL by its PID, as a crash would, and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>latchkey.dll as built beside this test assembly (a project reference copies it here).</summary>
    private static string LatchkeyDll()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "latchkey.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("latchkey.dll is not beside the tests; build the solution first.", path);
    }
}
