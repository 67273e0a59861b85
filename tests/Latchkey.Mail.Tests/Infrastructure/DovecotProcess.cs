using System.Diagnostics;
using System.Net.Sockets;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Mail.Tests.Infrastructure;

/// <summary>
/// A real Dovecot (Debian's dovecot-core, -imapd, -submissiond) in the foreground, <c>dovecot -F -c CONFIG</c>, up
/// once its IMAP port greets; stopped with SIGTERM to its PID (Dovecot takes about 3 s to exit).
/// </summary>
public sealed class DovecotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _logPath;

    private DovecotProcess(Process process, string logPath)
    {
        _process = process;
        _logPath = logPath;
    }

    /// <summary>What Dovecot logged so far (its <c>log_path</c>), for failure messages.</summary>
    public string Log => File.Exists(_logPath) ? File.ReadAllText(_logPath) : "";

    public static async Task<DovecotProcess> StartAsync(string configPath, int imapPort)
    {
        var start = new ProcessStartInfo("dovecot") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-F", "-c", configPath })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dovecot.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("dovecot is not installed: apt-get install dovecot-core dovecot-imapd dovecot-submissiond dovecot-sqlite dovecot-pgsql", exception);
        }

        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dovecot = new DovecotProcess(process, Path.Combine(Path.GetDirectoryName(configPath)!, "dovecot.log"));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"dovecot exited with {process.ExitCode} at start: {output}\n{dovecot.Log}");
            }

            if (await GreetsAsync(imapPort))
            {
                return dovecot;
            }

            await Task.Delay(50);
        }

        await dovecot.DisposeAsync();
        throw new TimeoutException($"dovecot did not greet on port {imapPort} within 30 s: {output}\n{dovecot.Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static async Task<bool> GreetsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            using var reader = new StreamReader(client.GetStream());
            return (await reader.ReadLineAsync(timeout.Token))?.StartsWith("* OK", StringComparison.Ordinal) == true;
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
