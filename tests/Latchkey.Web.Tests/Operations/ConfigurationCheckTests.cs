using System.Collections.Concurrent;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Latchkey.Web.Tests.Operations;

public sealed class ConfigurationCheckTests
{
    [Fact]
    public async Task Start_TypoInASmtpKey_WarningNamesTheKeyNotTheValue()
    {
        var logs = new CapturedLogs();
        using var factory = new LatchkeyWebFactory();
        factory.Settings["Latchkey:Smtp:Hots"] = "secret-looking-value";
        factory.Settings["Latchkey:Web:KnownProxies:0"] = "127.0.0.1";
        using var configured = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));

        using var client = configured.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        var warnings = logs.Entries.Where(e => e.Category == "Latchkey.Configuration").ToList();
        var warning = warnings.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("Latchkey:Smtp:Hots");
        warning.Message.ShouldNotContain("secret-looking-value");
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
