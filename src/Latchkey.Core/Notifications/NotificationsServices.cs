using Latchkey.Core.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>The outbox, its deliveries and transports, and the security team's notices.</summary>
internal static class NotificationsServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SecurityTeamOptions>(configuration, SecurityTeamOptions.SectionName);
        services.AddValidatedOptions<SmtpOptions>(configuration, SmtpOptions.SectionName);
        services.AddValidatedOptions<OutboxOptions>(configuration, OutboxOptions.SectionName);
        services.AddScoped<SecurityTeamNotices>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<DeliverDueMessagesHandler>();
        services.AddScoped<OutboxDeliveries>();
        services.AddScoped<MailConnectionKicks>();
        services.AddScoped<PurgeSentMessagesHandler>();

        // SMTP once Latchkey:Smtp:Host is set; until then .eml files in the data directory. The dispatcher that drains
        // the outbox (OutboxDispatcher) is added by the web host only, never by a CLI verb.
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<PickupDirectoryTransport>();
        services.AddSingleton<IMailTransport>(provider => provider.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured
            ? provider.GetRequiredService<SmtpMailTransport>()
            : provider.GetRequiredService<PickupDirectoryTransport>());
        return services;
    }
}
