using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Latchkey.Core.Data;
using Latchkey.Core.Mailboxes;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Mail.Tests.Infrastructure;

/// <summary>
/// The whole mail path, real at every step, on 127.0.0.1 only: a store of its own (SQLite or PostgreSQL, as the run
/// says), a real SMTP server receiving Latchkey's e-mail, a real <c>latchkey serve</c> process with a bootstrap
/// Administrator, a Dovecot configuration written by the real <c>latchkey dovecot config</c> verb, and a real
/// Dovecot running it. Everything is stopped by PID when the fixture ends.
/// </summary>
public sealed class MailSystem : IAsyncLifetime
{
    public const string AdminEmail = "helpdesk@mail-tests.example";
    public const string AdminPassword = "Unlock-Pass-42!";

    private readonly string _root = Directory.CreateTempSubdirectory("latchkey-mail-").FullName;
    private SmtpTestServer? _smtp;
    private ServerProcess? _server;
    private DovecotProcess? _dovecot;

    public TestStore Store { get; } = TestStore.Create();

    public int ImapPort { get; } = FreePorts.Next();

    public int SubmissionPort { get; } = FreePorts.Next();

    public int DoveadmPort { get; } = FreePorts.Next();

    public string ConfigDirectory => Path.Combine(_root, "dovecot");

    public SmtpTestServer Smtp => _smtp ?? throw new InvalidOperationException("Not started.");

    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("Not started.");

    public string DovecotLog => _dovecot?.Log ?? "";

    /// <summary>
    /// The configuration of every Latchkey process here: fast hashing, no failure delay in Dovecot, no per-IP
    /// throttling (every test logs in from 127.0.0.1), quick e-mail, and the bootstrap Administrator.
    /// </summary>
    public Dictionary<string, string?> Settings
    {
        get
        {
            var settings = Store.Settings;
            foreach (var (key, value) in Smtp.Settings())
            {
                settings[key] = value;
            }

            settings["Latchkey:Mailboxes:AuthFailureDelay"] = "00:00:00";
            settings["Latchkey:Lockout:IpDelayAfter"] = "0";
            settings["Latchkey:Lockout:IpRefuseAfter"] = "0";
            settings["Latchkey:Outbox:PollInterval"] = "00:00:00.200";
            settings["Latchkey:Bootstrap:AdminEmail"] = AdminEmail;
            settings["Latchkey:Bootstrap:AdminPassword"] = AdminPassword;
            return settings;
        }
    }

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _server = await ServerProcess.StartAsync(Settings, Store.DataDirectory);
        var (exitCode, output, error) = await RunCliAsync(
            "dovecot", "config", "--out", ConfigDirectory, "--listen", "127.0.0.1",
            "--imap-port", ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--submission-port", SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--policy-url", BaseUrl,
            "--doveadm-port", DoveadmPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"latchkey dovecot config failed ({exitCode}): {output}{error}");
        }

        // Clients on the second loopback address (127.0.0.2, another client address for the lockout tests) are not
        // "secured" for Dovecot, which would refuse their plain-text LOGIN before any password check.
        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "local.conf"), "disable_plaintext_auth = no\n");
        _dovecot = await DovecotProcess.StartAsync(Path.Combine(ConfigDirectory, "dovecot.conf"), ImapPort);
    }

    public async Task DisposeAsync()
    {
        if (_dovecot is not null)
        {
            await _dovecot.DisposeAsync();
        }

        _server?.Dispose();
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        Store.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Runs the real <c>latchkey</c> executable with this servers's configuration.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunCliAsync(params string[] args) => RunCliWithInputAsync(null, args);

    public Task<(int ExitCode, string Output, string Error)> RunCliWithInputAsync(string? input, params string[] args)
    {
        var environment = Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        return ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "latchkey.dll"), .. args], TimeSpan.FromSeconds(60), environment, input);
    }

    /// <summary>A mailbox created with <c>latchkey accounts add --mailbox --password-stdin</c>.</summary>
    public async Task<string> CreateMailboxAsync(string name, string password)
    {
        var email = UniqueEmail.New(name, "mail-tests.example");
        var (exitCode, output, error) = await RunCliWithInputAsync(password + "\n", "accounts", "add", "--email", email, "--role", "User", "--mailbox", "--password-stdin");
        exitCode.ShouldBe(0, output + error);
        return email;
    }

    /// <summary>A client with a fresh session of <paramref name="email"/> on the server.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/v1/session", new { email, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>The policy secret and nonce as the store holds them (and the generated configuration uses).</summary>
    public async Task<DovecotPolicySecret> PolicySecretAsync()
    {
        using var host = new CoreTestHost(Settings, Store, migrate: false);
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DovecotPolicySecrets>().FindAsync() ?? throw new InvalidOperationException("No policy secret.");
    }

    /// <summary>The id of the account <paramref name="email"/>, read from the store.</summary>
    public async Task<Guid> AccountIdAsync(string email)
    {
        using var host = new CoreTestHost(Settings, Store, migrate: false);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.LatchkeyDbContext>();
        return db.Users.Single(a => a.Email == email).Id;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or 20 s pass (Dovecot reports after answering the client).</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }
}
