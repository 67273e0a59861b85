using Latchkey.Core.Data;
namespace Latchkey.Core.Mailboxes;

/// <summary>An app password as listed (never the password): the API's <c>{"id","name","createdAt","lastUsedAt",…}</c>.</summary>
public sealed record AppPasswordView(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string? LastUsedIp, string? LastUsedProtocol)
{
    public static AppPasswordView From(AppPassword appPassword)
    {
        ArgumentNullException.ThrowIfNull(appPassword);
        return new AppPasswordView(appPassword.Id, appPassword.Name, appPassword.CreatedAt, appPassword.LastUsedAt, appPassword.LastUsedIp, appPassword.LastUsedProtocol);
    }
}
