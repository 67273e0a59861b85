using System.Diagnostics;
using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Notifications;

/// <summary>The background loop of the web host, started by hand, against a real SMTP server.</summary>
public sealed class OutboxDispatcherTests
{
    [Fact]
    public async Task ExecuteAsync_MessageQueued_DeliveredInTheBackground()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var host = new CoreTestHost(OutboxTestData.Settings(server));
        using var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services);
        await dispatcher.StartAsync(CancellationToken.None);

        var queued = await OutboxTestData.EnqueueAsync(host);
        var received = await server.WaitForMessagesAsync(1);
        await dispatcher.StopAsync(CancellationToken.None);

        received.ShouldHaveSingleItem().Header("Message-ID").ShouldBe(queued.MessageId);
    }

    [Fact]
    public async Task ExecuteAsync_ServerDownThenBack_MessageKeptThenDeliveredOnce()
    {
        await using var server = SmtpTestServer.Create();
        using var host = new CoreTestHost(OutboxTestData.Settings(server));
        using var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services);
        await dispatcher.StartAsync(CancellationToken.None);
        var queued = await OutboxTestData.EnqueueAsync(host);

        await WaitUntilAsync(async () => (await OutboxTestData.ReadAsync(host, queued.Id)).Attempts >= 2, () => host.Clock.Advance(TimeSpan.FromMinutes(1)));
        await server.RestartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        await WaitUntilAsync(async () => (await OutboxTestData.ReadAsync(host, queued.Id)).SentAt is not null);
        await dispatcher.StopAsync(CancellationToken.None);

        var received = server.Messages().ShouldHaveSingleItem();
        received.Header("Message-ID").ShouldBe(queued.MessageId);
        (await OutboxTestData.ReadAsync(host, queued.Id)).LastError.ShouldBeNull();
    }

    /// <summary>Polls <paramref name="condition"/> for up to 20 s, running <paramref name="between"/> between tries.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Action? between = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the condition did not come true in time");
            between?.Invoke();
            await Task.Delay(25);
        }
    }
}
