using Latchkey.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Lockout;

/// <summary>Deletes failed logins past their retention once an hour in the server.</summary>
public sealed class LoginFailureSweeper(IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<LoginFailureSweeper> logger)
    : HourlyJob(scopes, timeProvider)
{
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var swept = await services.GetRequiredService<FailureCounter>().PurgeAsync(cancellationToken);
        LockoutLog.Swept(logger, swept);
    }

    protected override void Failed(Exception exception) => LockoutLog.SweepFailed(logger, exception);
}
