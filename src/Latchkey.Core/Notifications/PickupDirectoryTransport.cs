using Latchkey.Core.Data;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Writes each message as an RFC 5322 file <c>&lt;DataDirectory&gt;/mail-outbox/&lt;queued-at&gt;-&lt;id&gt;.eml</c>, used
/// while no SMTP host is configured. A file appears whole or not at all: it is written in a staging folder, flushed
/// to disk and renamed into place. The name depends only on the message, so a repeated delivery replaces the file
/// instead of adding a second one. The folder (0700) and its files (0600) are readable by the service's user only.
/// </summary>
internal sealed class PickupDirectoryTransport(IOptions<LatchkeyOptions> latchkeyOptions, IOptions<SmtpOptions> smtpOptions, TimeProvider timeProvider)
    : IMailTransport
{
    public const string FolderName = "mail-outbox";

    public string Folder => Path.Combine(latchkeyOptions.Value.FullDataDirectory, FolderName);

    public static string FileNameOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"{message.CreatedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{message.Id:N}.eml";
    }

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var folder = Folder;
        CreatePrivateDirectory(folder);
        var staging = Path.Combine(folder, ".staging", Guid.NewGuid().ToString("N"));
        CreatePrivateDirectory(staging);
        try
        {
            var written = Path.Combine(staging, "message.eml");
            using (var mail = MailMessageFactory.Create(message, smtpOptions.Value.SenderAddress(), timeProvider.GetUtcNow()))
            await using (var stream = new FileStream(written, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                StoreFiles.MakePrivate(written);
                await mail.WriteToAsync(MailMessageFactory.FileFormat, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            // Written inside the 0700 staging folder, made 0600 before it moves where others could look.
            StoreFiles.MakePrivate(written);
            File.Move(written, Path.Combine(folder, FileNameOf(message)), overwrite: true);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void CreatePrivateDirectory(string path) => StoreFiles.EnsurePrivateDirectory(path);
}
