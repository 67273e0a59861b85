using System.Net.Sockets;
using System.Text;

namespace Latchkey.Mail.Tests.Infrastructure;

/// <summary>
/// Real mail clients over raw sockets to 127.0.0.1: an IMAP <c>LOGIN</c> (optionally after an <c>ID</c> naming the
/// device, as phones send) and an SMTP submission <c>AUTH PLAIN</c>. Each call is one connection, bounded to 30 s.
/// <c>from</c> binds the client to another loopback address (127.0.0.2 …), so Dovecot sees another client address.
/// </summary>
public static class MailClients
{
    /// <summary>The tagged answer to LOGIN, e.g. <c>b OK [CAPABILITY …] Logged in</c> or <c>b NO [ALERT] …</c>.</summary>
    public static async Task<string> ImapLoginAsync(int port, string user, string password, string? deviceName = null, string? from = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = Client(from);
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        (await reader.ReadLineAsync(timeout.Token)).ShouldNotBeNull().ShouldStartWith("* OK");
        if (deviceName is not null)
        {
            await SendAsync(stream, $"a ID (\"name\" {Quote(deviceName)} \"version\" \"1.0\")", timeout.Token);
            await ReadTaggedAsync(reader, "a", timeout.Token);
        }

        await SendAsync(stream, $"b LOGIN {Quote(user)} {Quote(password)}", timeout.Token);
        var answer = await ReadTaggedAsync(reader, "b", timeout.Token);
        if (answer.StartsWith("b OK", StringComparison.Ordinal))
        {
            await SendAsync(stream, "c LOGOUT", timeout.Token);
            await ReadTaggedAsync(reader, "c", timeout.Token);
        }

        return answer;
    }

    /// <summary>The reply to <c>AUTH PLAIN</c>: <c>235 2.7.0 Logged in.</c>, <c>535 …</c>, <c>525 …</c>.</summary>
    public static async Task<string> SubmissionAuthAsync(int port, string user, string password, string? from = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = Client(from);
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        (await ReadReplyAsync(reader, timeout.Token)).ShouldStartWith("220");
        await SendAsync(stream, "EHLO latchkey-test", timeout.Token);
        (await ReadReplyAsync(reader, timeout.Token)).ShouldStartWith("250");
        var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
        await SendAsync(stream, $"AUTH PLAIN {plain}", timeout.Token);
        var reply = await ReadReplyAsync(reader, timeout.Token);
        await SendAsync(stream, "QUIT", timeout.Token);
        return reply;
    }

    private static TcpClient Client(string? from) =>
        from is null ? new TcpClient() : new TcpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(from), 0));

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static async Task SendAsync(NetworkStream stream, string line, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);

    private static async Task<string> ReadTaggedAsync(StreamReader reader, string tag, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("The IMAP server closed the connection.");
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    /// <summary>The last line of a (possibly multi-line) SMTP reply.</summary>
    private static async Task<string> ReadReplyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("The SMTP server closed the connection.");
            if (line.Length < 4 || line[3] != '-')
            {
                return line;
            }
        }
    }
}
