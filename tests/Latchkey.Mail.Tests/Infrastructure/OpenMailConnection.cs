using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Latchkey.Mail.Tests.Infrastructure;

/// <summary>
/// A mail client that stays connected after logging in, as a phone's IMAP IDLE or a desktop's open SMTP session does,
/// so a test can watch the server close it.
/// </summary>
public sealed class OpenMailConnection : IDisposable
{
    private readonly TcpClient _client = new();
    private StreamReader _reader = null!;
    private NetworkStream _stream = null!;

    public static async Task<OpenMailConnection> ImapAsync(int port, string user, string password)
    {
        var connection = new OpenMailConnection();
        await connection.ConnectAsync(port);
        (await connection.ReadLineAsync()).ShouldNotBeNull().ShouldStartWith("* OK");
        await connection.SendAsync($"b LOGIN \"{user}\" \"{password}\"");
        string? line;
        do
        {
            line = await connection.ReadLineAsync();
        }
        while (line is not null && !line.StartsWith("b ", StringComparison.Ordinal));
        line.ShouldNotBeNull().ShouldStartWith("b OK");
        await connection.SendAsync("c NOOP");
        (await connection.ReadUntilTaggedAsync("c")).ShouldStartWith("c OK");
        return connection;
    }

    public static async Task<OpenMailConnection> SubmissionAsync(int port, string user, string password)
    {
        var connection = new OpenMailConnection();
        await connection.ConnectAsync(port);
        (await connection.ReadReplyAsync()).ShouldStartWith("220");
        await connection.SendAsync("EHLO latchkey-test");
        (await connection.ReadReplyAsync()).ShouldStartWith("250");
        await connection.SendAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}")));
        (await connection.ReadReplyAsync()).ShouldStartWith("235");
        return connection;
    }

    /// <summary>Waits for the server to end the connection; returns how long that took, or null if it stayed open.</summary>
    public async Task<TimeSpan?> WaitClosedAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    return clock.Elapsed;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (IOException)
        {
            return clock.Elapsed;
        }
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _client.Dispose();
    }

    private async Task ConnectAsync(int port)
    {
        await _client.ConnectAsync("127.0.0.1", port);
        _stream = _client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    private async Task SendAsync(string line) => await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    private async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _reader.ReadLineAsync(timeout.Token);
    }

    private async Task<string> ReadUntilTaggedAsync(string tag)
    {
        string? line;
        do
        {
            line = await ReadLineAsync();
        }
        while (line is not null && !line.StartsWith(tag + " ", StringComparison.Ordinal));
        return line ?? "";
    }

    private async Task<string> ReadReplyAsync()
    {
        string? line;
        do
        {
            line = await ReadLineAsync();
        }
        while (line is { Length: > 3 } && line[3] == '-');
        return line ?? "";
    }
}
