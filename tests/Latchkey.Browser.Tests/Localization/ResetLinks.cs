using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Browser.Tests.Localization;

/// <summary>A forgot-password link as the e-mail carries it, without a mail server: asked for, then read from the outbox.</summary>
internal static class ResetLinks
{
    public static async Task<string> CreateAsync(LiveServer server, string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestPasswordResetHandler>().HandleAsync(email, AuditContext.Cli);
        var body = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages
            .Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstAsync();
        var path = body.Split('\n').Single(l => l.Contains("/reset-password?token=", StringComparison.Ordinal)).Trim();
        return server.BaseUrl + new Uri(path).PathAndQuery;
    }
}
