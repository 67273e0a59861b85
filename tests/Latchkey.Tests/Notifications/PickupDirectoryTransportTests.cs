using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Notifications;

/// <summary>No SMTP host configured: messages become .eml files in the data directory.</summary>
public sealed class PickupDirectoryTransportTests
{
    [Fact]
    public async Task HandleAsync_NoSmtpConfigured_EmlFileInDataMailOutbox()
    {
        using var host = new CoreTestHost(OutboxTestData.Settings(server: null));
        var email = PasswordChangedEmail.Create(UniqueEmail.New("jane"), host.Clock.GetUtcNow(), "198.51.100.4", "curl/8.5.0", "https://accounts.example.com");
        var queued = await OutboxTestData.EnqueueAsync(host, email);

        var pass = await OutboxTestData.DrainAsync(host);

        pass.Delivered.ShouldBe(1);
        var folder = Path.Combine(host.Store.DataDirectory, "mail-outbox");
        var file = Directory.GetFiles(folder, "*.eml").ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldBe($"20261123T090000Z-{queued.Id:N}.eml");
        var mail = ReceivedMail.Parse(await File.ReadAllTextAsync(file));
        mail.Header("To").ShouldBe(email.To);
        mail.Header("From").ShouldBe("Latchkey <latchkey@localhost>");
        mail.Header("Auto-Submitted").ShouldBe("auto-generated");
        mail.Raw.ShouldContain("\r\n");
        mail.Header("Subject").ShouldBe(email.Subject);
        mail.Header("Message-ID").ShouldBe(queued.MessageId);
        mail.Part("text/plain").ShouldBe(email.TextBody);
        mail.Part("text/html").ShouldBe(email.HtmlBody);
        Directory.GetDirectories(Path.Combine(folder, ".staging")).ShouldBeEmpty();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task SendAsync_SameMessageTwice_StillOneFile()
    {
        using var host = new CoreTestHost();
        var queued = await OutboxTestData.EnqueueAsync(host);
        var transport = host.Services.GetRequiredService<IMailTransport>().ShouldBeOfType<PickupDirectoryTransport>();

        await transport.SendAsync(queued, CancellationToken.None);
        await transport.SendAsync(queued, CancellationToken.None);

        Directory.GetFiles(transport.Folder, "*.eml").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task AddLatchkeyCore_SmtpHostSet_SendsOverSmtp()
    {
        await using var server = SmtpTestServer.Create();
        using var host = new CoreTestHost(server.Settings());

        host.Services.GetRequiredService<IMailTransport>().ShouldBeOfType<SmtpMailTransport>();
    }
}
