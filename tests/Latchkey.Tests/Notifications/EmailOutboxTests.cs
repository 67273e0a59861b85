using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Notifications;

public sealed class EmailOutboxTests
{
    [Fact]
    public async Task Enqueue_SavedWithTheChange_QueuedDueNowWithStableMessageId()
    {
        using var host = new CoreTestHost();
        var email = OutboxTestData.Email();
        await using (var scope = host.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue(email);
            scope.ServiceProvider.GetRequiredService<AuditLog>().Add(AuditEventTypes.SignIn, AuditEventTypes.Success, AuditContext.Cli);
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().SaveChangesAsync();
        }

        await using var check = host.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var stored = await db.OutboxMessages.SingleAsync();
        stored.To.ShouldBe(email.To);
        stored.Subject.ShouldBe(email.Subject);
        stored.TextBody.ShouldBe(email.TextBody);
        stored.HtmlBody.ShouldBe(email.HtmlBody);
        stored.CreatedAt.ShouldBe(host.Clock.GetUtcNow());
        stored.NextAttemptAt.ShouldBe(host.Clock.GetUtcNow());
        stored.MessageId.ShouldBe($"<{stored.Id:N}@localhost>");
        stored.Attempts.ShouldBe(0);
        stored.SentAt.ShouldBeNull();
        (await db.AuditEvents.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Enqueue_TransactionRolledBack_NeverSent()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var host = new CoreTestHost(OutboxTestData.Settings(server));
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue(OutboxTestData.Email());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var scope = host.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue(OutboxTestData.Email());
        }

        var pass = await OutboxTestData.DrainAsync(host);

        pass.Claimed.ShouldBe(0);
        (await OutboxTestData.CountAsync(host)).ShouldBe(0);
        server.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task Enqueue_FromConfigured_MessageIdInTheSendersDomain()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:Smtp:From"] = "Accounts <no-reply@mail.example.org>" });

        var message = await OutboxTestData.EnqueueAsync(host);

        message.MessageId.ShouldBe($"<{message.Id:N}@mail.example.org>");
    }

    [Theory]
    [InlineData("not an address", "Subject")]
    [InlineData("Jane <jane@example.com>", "Subject")]
    [InlineData("jane@example.com, eve@example.net", "Subject")]
    [InlineData("jane@example.com", "Subject\r\nBcc: eve@example.net")]
    public async Task Enqueue_NotOneAddressOrNotOneLine_Throws(string to, string subject)
    {
        using var host = new CoreTestHost();
        await using var scope = host.CreateScope();

        Should.Throw<ArgumentException>(() => scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue(new OutgoingEmail(to, subject, "text", "<p>html</p>")));
    }
}
