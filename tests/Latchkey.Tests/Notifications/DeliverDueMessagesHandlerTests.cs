using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Notifications;

/// <summary>The outbox drained into a real SMTP server (aiosmtpd), on the store the suite runs on.</summary>
public sealed class DeliverDueMessagesHandlerTests
{
    [Fact]
    public async Task HandleAsync_SmtpServerUp_DeliveredWithHeadersAndBothParts()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var host = new CoreTestHost(OutboxTestData.Settings(server));
        var email = PasswordChangedEmail.Create(UniqueEmail.New("jane"), host.Clock.GetUtcNow(), "203.0.113.7",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "https://accounts.example.com");
        var queued = await OutboxTestData.EnqueueAsync(host, email);

        var pass = await OutboxTestData.DrainAsync(host);

        pass.ShouldBe(new OutboxPass(1, 1, 0));
        var mail = (await server.WaitForMessagesAsync(1)).ShouldHaveSingleItem();
        mail.Header("X-Envelope-To").ShouldBe(email.To);
        mail.Header("To").ShouldBe(email.To);
        mail.Header("From").ShouldBe("Latchkey <latchkey@example.com>");
        mail.Header("X-Test-Tls").ShouldBe("no");
        mail.Header("Subject").ShouldBe("Your password was changed");
        mail.Header("Message-ID").ShouldBe(queued.MessageId);
        queued.MessageId.ShouldMatch(@"^<[0-9a-f]{32}@example\.com>$");
        mail.Header("Date").ShouldNotBeNullOrEmpty();
        mail.Header("Auto-Submitted").ShouldBe("auto-generated");
        mail.Header("Content-Type")!.ShouldStartWith("multipart/alternative");
        mail.Parts().Select(p => p.MediaType).ShouldBe(["text/plain", "text/html"]);
        mail.Part("text/plain").ShouldBe(email.TextBody);
        mail.Part("text/html").ShouldBe(email.HtmlBody);
        var stored = await OutboxTestData.ReadAsync(host, queued.Id);
        stored.SentAt.ShouldBe(host.Clock.GetUtcNow());
        stored.Attempts.ShouldBe(1);
        stored.ClaimToken.ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_SmtpServerDown_RecordsFailureBacksOffAndKeepsTheMessage()
    {
        await using var server = SmtpTestServer.Create();
        using var host = new CoreTestHost(OutboxTestData.Settings(server));
        var queued = await OutboxTestData.EnqueueAsync(host);
        var start = host.Clock.GetUtcNow();

        var first = await OutboxTestData.DrainAsync(host);

        first.ShouldBe(new OutboxPass(1, 0, 1));
        var failed = await OutboxTestData.ReadAsync(host, queued.Id);
        failed.Attempts.ShouldBe(1);
        failed.SentAt.ShouldBeNull();
        failed.ClaimToken.ShouldBeNull();
        failed.LastError.ShouldBe("SocketException(ConnectionRefused)");
        failed.NextAttemptAt.ShouldBeInRange(start + TimeSpan.FromSeconds(4), start + TimeSpan.FromSeconds(5));
        (await OutboxTestData.DrainAsync(host)).Claimed.ShouldBe(0);

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        (await OutboxTestData.DrainAsync(host)).ShouldBe(new OutboxPass(1, 0, 1));

        var again = await OutboxTestData.ReadAsync(host, queued.Id);
        again.Attempts.ShouldBe(2);
        again.NextAttemptAt.ShouldBeInRange(host.Clock.GetUtcNow() + TimeSpan.FromSeconds(8), host.Clock.GetUtcNow() + TimeSpan.FromSeconds(10));
        (await OutboxTestData.CountAsync(host)).ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_ServerBackAfterFailures_DeliveredExactlyOnce()
    {
        await using var server = SmtpTestServer.Create();
        using var host = new CoreTestHost(OutboxTestData.Settings(server));
        var queued = await OutboxTestData.EnqueueAsync(host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await OutboxTestData.DrainAsync(host)).Failed.ShouldBe(1);
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await server.RestartAsync();
        var delivered = await OutboxTestData.DrainAsync(host);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var afterwards = await OutboxTestData.DrainAsync(host);

        delivered.Delivered.ShouldBe(1);
        afterwards.Claimed.ShouldBe(0);
        var mail = (await server.WaitForMessagesAsync(1)).ShouldHaveSingleItem();
        mail.Header("Message-ID").ShouldBe(queued.MessageId);
        server.Messages().Count.ShouldBe(1);
        var stored = await OutboxTestData.ReadAsync(host, queued.Id);
        stored.Attempts.ShouldBe(4);
        stored.LastError.ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_TwoNodesDrainingAtOnce_EachMessageDeliveredOnce()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var nodeA = new CoreTestHost(OutboxTestData.Settings(server, batchSize: 3));
        using var nodeB = new CoreTestHost(OutboxTestData.Settings(server, batchSize: 3), nodeA.Store, migrate: false);
        var queued = new List<OutboxMessage>();
        for (var i = 0; i < 24; i++)
        {
            queued.Add(await OutboxTestData.EnqueueAsync(i % 2 == 0 ? nodeA : nodeB));
        }

        var passes = await Task.WhenAll(DrainUntilEmptyAsync(nodeA), DrainUntilEmptyAsync(nodeB), DrainUntilEmptyAsync(nodeA), DrainUntilEmptyAsync(nodeB));

        passes.Sum().ShouldBe(24);
        var received = server.Messages();
        received.Count.ShouldBe(24);
        received.Select(m => m.Header("Message-ID")).ShouldBe(queued.Select(m => m.MessageId), ignoreOrder: true);
        await using var scope = nodeA.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.CountAsync(m => m.SentAt == null)).ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_ClaimLeftByADeadNode_TakenOverOnceTheLeaseLapses()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var host = new CoreTestHost(OutboxTestData.Settings(server));
        var queued = await OutboxTestData.EnqueueAsync(host);
        var leaseEnd = host.Clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        await using (var scope = host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.Where(m => m.Id == queued.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimToken, Guid.NewGuid()).SetProperty(m => m.ClaimedUntil, leaseEnd));
        }

        var whileHeld = await OutboxTestData.DrainAsync(host);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var afterLease = await OutboxTestData.DrainAsync(host);

        whileHeld.Claimed.ShouldBe(0);
        afterLease.Delivered.ShouldBe(1);
        (await server.WaitForMessagesAsync(1)).ShouldHaveSingleItem().Header("Message-ID").ShouldBe(queued.MessageId);
    }

    [Fact]
    public async Task HandleAsync_MoreDueThanABatch_OldestFirstRestLeftForTheNextPass()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var host = new CoreTestHost(OutboxTestData.Settings(server, batchSize: 2));
        var first = await OutboxTestData.EnqueueAsync(host);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await OutboxTestData.EnqueueAsync(host);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await OutboxTestData.EnqueueAsync(host);

        var pass = await OutboxTestData.DrainAsync(host);

        pass.ShouldBe(new OutboxPass(2, 2, 0));
        (await OutboxTestData.ReadAsync(host, first.Id)).SentAt.ShouldNotBeNull();
        (await OutboxTestData.ReadAsync(host, second.Id)).SentAt.ShouldNotBeNull();
        (await OutboxTestData.ReadAsync(host, third.Id)).SentAt.ShouldBeNull();
        (await OutboxTestData.DrainAsync(host)).ShouldBe(new OutboxPass(1, 1, 0));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(8, 640)]
    [InlineData(9, 900)]
    [InlineData(500, 900)]
    public void After_Failures_DoublesFromFiveSecondsUpToFifteenMinutes(int failures, int seconds)
    {
        var options = new OutboxOptions();

        RetryBackoff.After(failures, options, jitter: 0).ShouldBe(TimeSpan.FromSeconds(seconds));
        RetryBackoff.After(failures, options, jitter: 1).ShouldBe(TimeSpan.FromSeconds(seconds * 0.8));
    }

    [Fact]
    public void DescribeFailure_NestedExceptions_TypesAndCodesOnly()
    {
        var exception = new MailKit.Net.Smtp.SmtpCommandException(MailKit.Net.Smtp.SmtpErrorCode.MessageNotAccepted, MailKit.Net.Smtp.SmtpStatusCode.TransactionFailed,
            "secret server text", new IOException("more text", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));

        DeliverDueMessagesHandler.DescribeFailure(exception).ShouldBe("SmtpCommandException(554) <- IOException <- SocketException(ConnectionRefused)");
    }

    private static async Task<int> DrainUntilEmptyAsync(CoreTestHost node)
    {
        var delivered = 0;
        while (true)
        {
            var pass = await OutboxTestData.DrainAsync(node);
            pass.Failed.ShouldBe(0);
            delivered += pass.Delivered;
            if (pass.Claimed == 0)
            {
                return delivered;
            }
        }
    }
}
