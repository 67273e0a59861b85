using System.Text.Json;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords;

/// <summary>
/// The policy in force for an address: its domain's own policy when the domain has one, else the global policy
/// from <see cref="PasswordPolicyOptions"/>. The API, the live checklist and every password change use this, so
/// what users are shown is what the server enforces.
/// </summary>
public sealed class PasswordPolicyProvider(LatchkeyDbContext db, IOptions<PasswordPolicyOptions> options)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public PasswordPolicy Global => options.Value.Resolve();

    public async Task<PasswordPolicy> ForDomainAsync(string? domain, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(domain))
        {
            return Global;
        }

        var stored = await db.Domains.AsNoTracking().Where(d => d.Name == domain).Select(d => d.PasswordPolicy).FirstOrDefaultAsync(cancellationToken);
        return Parse(stored) ?? Global;
    }

    public Task<PasswordPolicy> ForEmailAsync(string? email, CancellationToken cancellationToken = default) =>
        EmailAddress.TryNormalize(email, out _, out var domain) ? ForDomainAsync(domain, cancellationToken) : Task.FromResult(Global);

    /// <summary>The address of an account, for pages that know only its id (the reset link); null when unknown.</summary>
    public Task<string?> EmailOfAccountAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Email).FirstOrDefaultAsync(cancellationToken);

    public static PasswordPolicy? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PasswordPolicy>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Serialize(PasswordPolicy policy) => JsonSerializer.Serialize(policy, Json);
}
