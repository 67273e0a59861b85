using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Notifications;

/// <summary>Queues, drains and reads outbox messages through the real services of a <see cref="CoreTestHost"/>.</summary>
internal static class OutboxTestData
{
    /// <summary>The settings of a host sending to <paramref name="server"/> (or writing files when null), polling fast.</summary>
    public static Dictionary<string, string?> Settings(SmtpTestServer? server, int batchSize = 10)
    {
        var settings = server?.Settings() ?? [];
        settings["Latchkey:Outbox:PollInterval"] = "00:00:00.050";
        settings["Latchkey:Outbox:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    public static OutgoingEmail Email(string? to = null, string subject = "Test message") =>
        new(to ?? UniqueEmail.New(), subject, $"Plain text of {subject}.\nSecond line: ünïcödé.", $"<p>HTML of <b>{subject}</b>: ünïcödé.</p>");

    /// <summary>Queues <paramref name="email"/> in a unit of work of its own and commits it.</summary>
    public static async Task<OutboxMessage> EnqueueAsync(CoreTestHost host, OutgoingEmail? email = null)
    {
        await using var scope = host.CreateScope();
        var message = scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue(email ?? Email());
        await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().SaveChangesAsync();
        return message;
    }

    public static async Task<OutboxPass> DrainAsync(CoreTestHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DeliverDueMessagesHandler>().HandleAsync();
    }

    public static async Task<OutboxMessage> ReadAsync(CoreTestHost host, Guid id)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public static async Task<int> CountAsync(CoreTestHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.CountAsync();
    }
}
