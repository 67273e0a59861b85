using Latchkey.Core.Audit;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Latchkey.Tests.Audit;

/// <summary>Finding 3 of issue 14: the chain head reaches the log on a schedule, as the anchor `audit verify` takes.</summary>
public sealed class AuditHeadWriterTests
{
    [Fact]
    public async Task Start_EventsInTheLog_LogsTheNewestSequenceAndHashAsAnAnchor()
    {
        using var host = new CoreTestHost();
        await host.CreateAccountAsync(UniqueEmail.New(), "Valid-Pass1");
        await host.CreateAccountAsync(UniqueEmail.New(), "Valid-Pass1");
        AuditChainReport report;
        await using (var scope = host.CreateScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<VerifyAuditChainHandler>().HandleAsync();
        }

        var logger = new ListLogger();
        using var writer = new AuditHeadWriter(host.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, logger);

        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200 && logger.Messages.IsEmpty; i++)
        {
            await Task.Delay(50);
        }

        await writer.StopAsync(CancellationToken.None);
        var line = logger.Messages.ShouldHaveSingleItem();
        line.ShouldStartWith("Audit chain head ");
        AuditAnchor.TryParse(line["Audit chain head ".Length..], out var anchor).ShouldBeTrue();
        anchor!.Sequence.ShouldBe(report.HeadSequence);
        anchor.Hash.ShouldBe(report.HeadHash);
    }

    private sealed class ListLogger : ILogger<AuditHeadWriter>
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));
    }
}
