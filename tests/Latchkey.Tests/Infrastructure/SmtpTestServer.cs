using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Latchkey.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's python3-aiosmtpd on 127.0.0.1 and a port of its own, with a handler that
/// saves every accepted message, as received, to <see cref="MailDirectory"/> (one <c>.eml</c> file each, renamed into
/// place once whole, before the server answers 250). It can be stopped (the process is killed) and started again on
/// the same port, as an SMTP server that goes down and comes back.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";

    private const string ScriptName = "latchkey_test_smtp.py";

    // aiosmtpd's own SMTP class, served by asyncio: plain, STARTTLS (required when offered) or implicit TLS, and AUTH
    // PLAIN/LOGIN for one user when asked. The handler writes the envelope, whether the session was encrypted and who
    // authenticated as extra header lines above the message, so tests can check them.
    private const string ScriptSource = """
        import asyncio
        import os
        import ssl
        import sys
        import uuid

        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        host, port, directory, mode, cert, key, user, password = sys.argv[1:9]


        class SaveToDirectory:
            async def handle_DATA(self, server, session, envelope):
                name = uuid.uuid4().hex
                temporary = os.path.join(directory, "." + name + ".tmp")
                content = envelope.original_content or envelope.content
                if isinstance(content, str):
                    content = content.encode("utf-8")
                encrypted = server.transport.get_extra_info("ssl_object") is not None
                login = session.auth_data.login.decode() if session.authenticated else ""
                with open(temporary, "wb") as stream:
                    stream.write(("X-Envelope-From: %s\r\n" % envelope.mail_from).encode("utf-8"))
                    stream.write(("X-Envelope-To: %s\r\n" % ", ".join(envelope.rcpt_tos)).encode("utf-8"))
                    stream.write(("X-Test-Tls: %s\r\n" % ("yes" if encrypted else "no")).encode("utf-8"))
                    stream.write(("X-Test-Login: %s\r\n" % login).encode("utf-8"))
                    stream.write(content)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.rename(temporary, os.path.join(directory, name + ".eml"))
                return "250 2.0.0 Saved"


        def authenticate(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
            return AuthResult(success=ok, handled=False, auth_data=data if ok else None)


        context = None
        if mode != "none":
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)


        def factory():
            return SMTP(
                SaveToDirectory(),
                hostname="smtp.test",
                tls_context=context if mode == "starttls" else None,
                require_starttls=mode == "starttls",
                authenticator=authenticate if user else None,
                auth_required=bool(user),
                auth_require_tls=mode == "starttls")  # implicit TLS: aiosmtpd cannot tell, the socket is encrypted


        async def main():
            loop = asyncio.get_running_loop()
            server = await loop.create_server(factory, host, int(port), ssl=context if mode == "tls" else None)
            async with server:
                await server.serve_forever()


        asyncio.run(main())
        """;

    private readonly string _root;
    private Process? _process;

    private readonly SmtpTestServerMode _mode;
    private readonly TestCertificate? _certificate;
    private readonly (string User, string Password)? _login;

    private SmtpTestServer(string root, int port, SmtpTestServerMode mode, TestCertificate? certificate, (string, string)? login)
    {
        _root = root;
        Port = port;
        _mode = mode;
        _certificate = certificate;
        _login = login;
        MailDirectory = Path.Combine(root, "received");
        Directory.CreateDirectory(MailDirectory);
        File.WriteAllText(Path.Combine(root, ScriptName), ScriptSource);
    }

    public int Port { get; }

    public string MailDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The settings that point Latchkey at this server: its TLS mode and login, no certificate trusted.</summary>
    public Dictionary<string, string?> Settings(string from = "Latchkey <latchkey@example.com>") => new()
    {
        ["Latchkey:Smtp:Host"] = Host,
        ["Latchkey:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Latchkey:Smtp:Security"] = _mode switch { SmtpTestServerMode.StartTls => "StartTls", SmtpTestServerMode.Tls => "Tls", _ => "None" },
        ["Latchkey:Smtp:UserName"] = _login?.User,
        ["Latchkey:Smtp:Password"] = _login?.Password,
        ["Latchkey:Smtp:From"] = from,
        ["Latchkey:Smtp:Timeout"] = "00:00:15",
    };

    /// <summary>A server on a free port, running.</summary>
    public static async Task<SmtpTestServer> StartAsync()
    {
        var server = Create();
        await server.RestartAsync();
        return server;
    }

    /// <summary>A server with a free port reserved for it, not running yet: connections are refused until <see cref="RestartAsync"/>.</summary>
    public static SmtpTestServer Create() => Create(SmtpTestServerMode.Plain, certificate: null);

    /// <summary>
    /// A server not running yet, speaking <paramref name="mode"/> with <paramref name="certificate"/> (required for the
    /// TLS modes), and requiring AUTH as <paramref name="login"/> when given.
    /// </summary>
    public static SmtpTestServer Create(SmtpTestServerMode mode, TestCertificate? certificate, (string User, string Password)? login = null)
    {
        if (mode != SmtpTestServerMode.Plain && certificate is null)
        {
            throw new ArgumentException("A TLS mode needs a certificate.", nameof(certificate));
        }

        return new(Directory.CreateTempSubdirectory("latchkey-smtp-").FullName, FreePorts.Next(), mode, certificate, login);
    }

    /// <summary>Starts the server on its port and returns once it accepts connections.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        var mode = _mode switch { SmtpTestServerMode.StartTls => "starttls", SmtpTestServerMode.Tls => "tls", _ => "none" };
        foreach (var argument in new[]
        {
            ScriptName, Host, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), MailDirectory, mode,
            _certificate?.CertificatePath ?? "", _certificate?.KeyPath ?? "", _login?.User ?? "", _login?.Password ?? "",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONPATH"] = _root;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3 with aiosmtpd.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}; is python3-aiosmtpd installed?");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on {Host}:{Port} within 20 s.");
    }

    /// <summary>Kills the server, as a crash would; the port then refuses connections.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Messages() =>
        [.. new DirectoryInfo(MailDirectory).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).Select(f => ReceivedMail.Parse(File.ReadAllText(f.FullName)))];

    /// <summary>Waits, up to <paramref name="timeout"/> (default 20 s), until at least <paramref name="count"/> messages are in.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (Directory.GetFiles(MailDirectory, "*.eml").Length < count)
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException($"{Directory.GetFiles(MailDirectory, "*.eml").Length} of {count} messages arrived.");
            }

            await Task.Delay(25);
        }

        return Messages();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }
}
