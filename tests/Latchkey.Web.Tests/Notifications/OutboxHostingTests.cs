using System.Diagnostics;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Latchkey.Web.Tests.Notifications;

public sealed class OutboxHostingTests
{
    [Fact]
    public async Task WebHost_MessageQueuedNoSmtpConfigured_DispatcherWritesItToMailOutbox()
    {
        using var factory = new LatchkeyWebFactory();
        factory.Settings["Latchkey:Outbox:PollInterval"] = "00:00:00.050";
        factory.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().ShouldHaveSingleItem();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue(new OutgoingEmail(UniqueEmail.New(), "Hosted", "text", "<p>html</p>"));
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().SaveChangesAsync();
        }

        var folder = Path.Combine(factory.Store.DataDirectory, PickupDirectoryTransport.FolderName);
        var deadline = Stopwatch.StartNew();
        while (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.eml").Length == 0)
        {
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "no .eml file was written");
            await Task.Delay(25);
        }

        ReceivedMail.Parse(await File.ReadAllTextAsync(Directory.GetFiles(folder, "*.eml").Single())).Header("Subject").ShouldBe("Hosted");
    }
}
