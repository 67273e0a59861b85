using Latchkey.Core.Access;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>The domain's second-factor policy: who must have one, and how many sign-ins without one are allowed first.</summary>
internal sealed class TwoFactorPolicy(LatchkeyDbContext db)
{
    /// <summary>The domain's requirement and grace, compiled once: every web sign-in without a second factor asks.</summary>
    private static readonly CompiledQuery<Func<LatchkeyDbContext, string, CancellationToken, Task<DomainRule?>>> _ruleOf = new(() =>
        EF.CompileAsyncQuery((LatchkeyDbContext context, string domain, CancellationToken _) =>
            context.Domains.AsNoTracking().Where(d => d.Name == domain)
                .Select(d => new DomainRule(d.TwoFactorRequirement, d.TwoFactorGraceSignIns)).SingleOrDefault()));

    public static string Name(TwoFactorRequirement requirement) => requirement.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out TwoFactorRequirement requirement) =>
        Enum.TryParse(value, ignoreCase: true, out requirement) && Enum.IsDefined(requirement) && !int.TryParse(value, out _);

    /// <summary>Whether <paramref name="account"/> (roles loaded) must have a second factor, and the domain's grace.</summary>
    public async Task<(bool Required, int Grace)> ForAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var domain = await _ruleOf.For(db)(db, account.Domain, cancellationToken);
        if (domain is null || !TryParse(domain.TwoFactorRequirement, out var requirement))
        {
            return (false, 0);
        }

        var required = requirement switch
        {
            TwoFactorRequirement.Everyone => true,
            TwoFactorRequirement.Privileged => AccessPolicy.HighestRole(account.Roles) >= Role.Operator,
            _ => false,
        };
        return (required, domain.TwoFactorGraceSignIns);
    }

    private sealed record DomainRule(string TwoFactorRequirement, int TwoFactorGraceSignIns);
}
