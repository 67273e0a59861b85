using Latchkey.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Sessions;

/// <summary>Runs <see cref="SweepSessionsHandler"/> once an hour in the server.</summary>
public sealed class SessionSweeper(IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<SessionSweeper> logger)
    : HourlyJob(scopes, timeProvider)
{
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var swept = await services.GetRequiredService<SweepSessionsHandler>().HandleAsync(cancellationToken);
        SessionsLog.Swept(logger, swept);
    }

    protected override void Failed(Exception exception) => SessionsLog.SweepFailed(logger, exception);
}
