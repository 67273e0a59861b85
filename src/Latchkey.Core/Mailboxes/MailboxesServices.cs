using Latchkey.Core.Common;
using Latchkey.Core.Lockout;
using Latchkey.Core.Notifications;
using Latchkey.Core.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Mailboxes;

/// <summary>Dovecot's policy checks and configuration, app passwords, and closing a mailbox's connections.</summary>
internal static class MailboxesServices
{
    public static IServiceCollection AddMailboxes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MailboxOptions>(configuration, MailboxOptions.SectionName);
        services.AddScoped<IOutboxDelivery, DoveadmKickDelivery>();
        services.AddScoped<DovecotPolicySecrets>();
        services.AddScoped<CheckMailLoginHandler>();
        services.AddScoped<ReportMailLoginHandler>();
        services.AddScoped<WriteDovecotConfigHandler>();
        services.AddScoped<CreateAppPasswordHandler>();
        services.AddScoped<ListAppPasswordsHandler>();
        services.AddScoped<RevokeAppPasswordHandler>();
        services.AddScoped<CloseMailConnections>();
        services.AddScoped<ISignOutEverywhereHook>(provider => provider.GetRequiredService<CloseMailConnections>());
        services.AddScoped<IAccountLockedHook>(provider => provider.GetRequiredService<CloseMailConnections>());
        return services;
    }
}
