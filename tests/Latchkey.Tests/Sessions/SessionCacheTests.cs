using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Tests.Sessions;

public sealed class SessionCacheTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Set_AfterAnInvalidationSinceTheRead_Dropped()
    {
        var cache = new SessionCache(_clock);
        var epoch = cache.Epoch;
        var session = Session(Guid.NewGuid());

        cache.InvalidateAccount(session.AccountId);
        cache.Set("token", cache.NewEntry(session, _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), epoch);

        cache.TryGet("token", TimeSpan.FromMinutes(5), out _).ShouldBeFalse();
    }

    [Fact]
    public void InvalidateAccount_RemovesOnlyThatAccountsEntries()
    {
        var cache = new SessionCache(_clock);
        var mine = Session(Guid.NewGuid());
        var theirs = Session(Guid.NewGuid());
        cache.Set("mine", cache.NewEntry(mine, _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), cache.Epoch);
        cache.Set("theirs", cache.NewEntry(theirs, _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), cache.Epoch);

        cache.InvalidateAccount(mine.AccountId);

        cache.TryGet("mine", TimeSpan.FromMinutes(5), out _).ShouldBeFalse();
        cache.TryGet("theirs", TimeSpan.FromMinutes(5), out _).ShouldBeTrue();
    }

    [Fact]
    public void TryGet_OlderThanLifetime_Miss()
    {
        var cache = new SessionCache(_clock);
        cache.Set("token", cache.NewEntry(Session(Guid.NewGuid()), _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), cache.Epoch);

        _clock.Advance(TimeSpan.FromMinutes(5));

        cache.TryGet("token", TimeSpan.FromMinutes(5), out _).ShouldBeFalse();
    }

    [Fact]
    public void Disabled_NeitherStoresNorAnswers()
    {
        var cache = new SessionCache(_clock);
        cache.Set("token", cache.NewEntry(Session(Guid.NewGuid()), _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), cache.Epoch);

        cache.Enabled = false;
        cache.Set("other", cache.NewEntry(Session(Guid.NewGuid()), _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), cache.Epoch);

        cache.Count.ShouldBe(0);
        cache.TryGet("token", TimeSpan.FromMinutes(5), out _).ShouldBeFalse();
    }

    private static AuthenticatedSession Session(Guid accountId) =>
        new(Guid.NewGuid(), accountId, "a@example.com", "example.com", false, [new RoleAssignment { Role = Role.User }], new Account { Id = accountId }, []);
}
