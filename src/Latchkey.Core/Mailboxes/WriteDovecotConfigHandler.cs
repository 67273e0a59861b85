using Latchkey.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Writes a complete Dovecot 2.3 configuration into a folder, for the store this process uses, such that
/// <c>dovecot -F -c DIR/dovecot.conf</c> runs as is. Reuses the policy secret and nonce (so every Dovecot gets the
/// same), generating them on first use or when asked to rotate.
/// </summary>
/// <remarks>
/// Run by a normal user, the configuration runs Dovecot as that user (ports above 1024 by default: 1143, 1587) and
/// also works when Dovecot is started as root. Run by root, it uses Dovecot's packaged users, ports 143 and 587,
/// and the mail user <c>vmail</c> when it exists (else <c>nobody</c>). The files are readable by their owner only,
/// as they hold the policy secret and possibly the database password.
/// </remarks>
public sealed class WriteDovecotConfigHandler(
    LatchkeyDbContext db,
    DovecotPolicySecrets secrets,
    IOptions<MailboxOptions> options,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<WriteDovecotConfigHandler> logger)
{
    public const string DefaultServerUrl = "http://127.0.0.1:5080";
    public const string PolicyPath = "/dovecot/policy";

    public async Task<DovecotConfig> HandleAsync(DovecotConfigRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Dovecot configuration is written on Linux only.");
        }

        var directory = Path.GetFullPath(request.OutputDirectory);
        var root = Environment.IsPrivilegedProcess;
        var mailUser = request.MailUser ?? (root ? (UnixAccounts.Find("vmail") is null ? "nobody" : "vmail") : Environment.UserName);
        var mail = UnixAccounts.Find(mailUser) ?? throw new InvalidOperationException($"There is no system user '{mailUser}' to own the mail; give --mail-user.");
        if (mail.Uid == 0)
        {
            throw new InvalidOperationException("Dovecot refuses to store mail as root; give another --mail-user.");
        }

        var service = root ? null : UnixAccounts.Find(Environment.UserName);
        var secret = request.NewSecret ? await secrets.RotateAsync(cancellationToken) : await secrets.GetOrCreateAsync(cancellationToken);
        var config = new DovecotConfig(
            directory,
            request.Listen ?? "127.0.0.1",
            request.ImapPort ?? (root ? 143 : 1143),
            request.SubmissionPort ?? (root ? 587 : 1587),
            PolicyUrl(request.PolicyUrl),
            secret,
            DovecotStoreConnection.From(db),
            mailUser,
            mail.Group,
            service is null ? null : Environment.UserName,
            service?.Group,
            options.Value.AuthFailureDelay,
            options.Value.PolicyTimeout,
            timeProvider.GetUtcNow(),
            request.DoveadmPort ?? DovecotConfig.DefaultDoveadmPort);
        config = config with { PolicySecret = await secrets.UseDoveadmAsync(secret, config.DoveadmUrl, cancellationToken) };

        // Dovecot's unprivileged processes must be able to reach the folder (base_dir, the mail).
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("755", 8));
        Directory.CreateDirectory(config.MailDirectory);
        if (root)
        {
            UnixAccounts.ChangeOwner(config.MailDirectory, mail.Uid, mail.Gid);
        }

        foreach (var (name, content) in DovecotConfigTemplate.Render(config))
        {
            var path = Path.Combine(directory, name);
            await using (var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            await using (var writer = new StreamWriter(file))
            {
                await writer.WriteAsync(content.AsMemory(), cancellationToken);
            }

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        MailboxesLog.ConfigWritten(logger, config.Store.Driver, directory);
        return config;
    }

    /// <summary>
    /// The policy endpoint's address: the one given, else <c>Latchkey:Mailboxes:PolicyUrl</c>, else the server's
    /// first listening address (<c>urls</c>, a wildcard host read as 127.0.0.1), else http://127.0.0.1:5080; a bare
    /// server address gets <c>/dovecot/policy</c> appended.
    /// </summary>
    private Uri PolicyUrl(string? given)
    {
        var text = given ?? options.Value.PolicyUrl ?? ServerUrl();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"The policy URL '{text}' is not an absolute http(s) address.");
        }

        return url.AbsolutePath is "" or "/" ? new Uri(url, PolicyPath) : url;
    }

    private string ServerUrl()
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(first))
        {
            return DefaultServerUrl;
        }

        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]", "://localhost" })
        {
            first = first.Replace(wildcard, "://127.0.0.1", StringComparison.OrdinalIgnoreCase);
        }

        return first;
    }
}
