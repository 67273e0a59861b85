using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Helpdesk;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Audit;

public sealed class ListAuditEventsHandlerTests : IDisposable
{
    private static readonly Guid _jane = Guid.NewGuid();
    private static readonly Guid _admin = Guid.NewGuid();
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task HandleAsync_AccountByAddressOrId_MatchesWhereItActedOrWasActedOn()
    {
        await SeedAsync();

        var byAddress = await ListAsync(new AuditEventFilter(Account: " Jane@Example.com "));
        var byId = await ListAsync(new AuditEventFilter(Account: _admin.ToString()));

        byAddress.Items.Select(e => e.Detail).ShouldBe(["3", "2", "1"]);
        byId.Items.Select(e => e.Detail).ShouldBe(["3", "2"]);
    }

    [Fact]
    public async Task HandleAsync_TypeOutcomeAndTimeWindow_OnlyThoseEvents()
    {
        var start = await SeedAsync();

        var failures = await ListAsync(new AuditEventFilter(Type: AuditEventTypes.SignIn, Outcome: AuditEventTypes.Failure));
        var window = await ListAsync(new AuditEventFilter(Since: start.AddMinutes(1), Until: start.AddMinutes(2)));
        var otherOffset = await ListAsync(new AuditEventFilter(Since: start.AddMinutes(1).ToOffset(TimeSpan.FromHours(-5))));

        failures.Items.Select(e => e.Detail).ShouldBe(["4"]);
        window.Items.Select(e => e.Detail).ShouldBe(["2"]);
        otherOffset.Total.ShouldBe(3);
    }

    [Fact]
    public async Task HandleAsync_SecondPage_NewestFirstWithTotal()
    {
        await SeedAsync();

        var page = await ListAsync(new AuditEventFilter(), page: 2, pageSize: 3);

        page.Total.ShouldBe(4);
        page.Items.Select(e => e.Detail).ShouldBe(["1"]);
        page.Items[0].Sequence.ShouldBe(1);
        page.Items[0].Hash.Length.ShouldBe(64);
    }

    private async Task<DateTimeOffset> SeedAsync()
    {
        var start = _host.Clock.GetUtcNow();
        var jane = new AuditContext(_jane, "jane@example.com", "203.0.113.7", "Firefox");
        var admin = new AuditContext(_admin, "admin@example.com", "203.0.113.9", "Chromium");
        await AddAsync(AuditEventTypes.SignIn, AuditEventTypes.Success, jane, _jane, "jane@example.com", "1");
        await AddAsync(AuditEventTypes.SessionsRevoked, AuditEventTypes.Success, admin, _jane, "jane@example.com", "2");
        await AddAsync(AuditEventTypes.AccountDisabled, AuditEventTypes.Success, admin, _jane, "jane@example.com", "3");
        await AddAsync(AuditEventTypes.SignIn, AuditEventTypes.Failure, AuditContext.Anonymous("198.51.100.2", "curl"), null, "nobody@example.com", "4");
        return start;
    }

    private async Task AddAsync(string type, string outcome, AuditContext context, Guid? target, string targetEmail, string detail)
    {
        await using var scope = _host.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Add(type, outcome, context, target, targetEmail, detail);
        await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().SaveChangesAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
    }

    private async Task<AuditEventPage> ListAsync(AuditEventFilter filter, int page = 1, int pageSize = 50)
    {
        await using var scope = _host.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ListAuditEventsHandler>().HandleAsync(new ListAuditEventsQuery(filter, page, pageSize), Actor.Console, AuditContext.Cli)).Value!;
    }

    public void Dispose() => _host.Dispose();
}
