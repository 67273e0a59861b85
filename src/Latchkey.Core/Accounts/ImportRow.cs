using Latchkey.Core.Common;
using Latchkey.Core.Data;
namespace Latchkey.Core.Accounts;

/// <summary>One validated CSV row of <see cref="ImportAccountsHandler"/>.</summary>
internal sealed record ImportRow(string Email, string AccountDomain, Role Role, string? RoleDomain, bool Mailbox, string? Password, string? PasswordHash)
{
    public static bool TryParse(IReadOnlyDictionary<string, string> fields, out ImportRow row, out string problem)
    {
        row = null!;
        problem = "";
        if (!EmailAddress.TryNormalize(fields.GetValueOrDefault("email"), out var email, out var accountDomain))
        {
            problem = $"'{fields.GetValueOrDefault("email")}' is not a valid e-mail address";
            return false;
        }

        var roleText = fields.GetValueOrDefault("role");
        var role = Role.User;
        if (!string.IsNullOrWhiteSpace(roleText) && (!Enum.TryParse(roleText.Trim(), ignoreCase: true, out role) || !Enum.IsDefined(role)))
        {
            problem = $"'{roleText}' is not a role";
            return false;
        }

        string? roleDomain = role switch
        {
            Role.Administrator => null,
            Role.User => accountDomain,
            _ => EmailAddress.TryNormalizeDomain(fields.GetValueOrDefault("domain"), out var scoped) ? scoped : "",
        };
        if (roleDomain == "")
        {
            problem = $"a {role} needs a valid domain";
            return false;
        }

        var mailboxText = fields.GetValueOrDefault("mailbox")?.Trim().ToLowerInvariant() ?? "";
        if (mailboxText is not ("" or "true" or "false" or "yes" or "no" or "1" or "0"))
        {
            problem = $"mailbox '{fields["mailbox"]}' must be true, false, yes, no, 1, 0 or empty";
            return false;
        }

        var mailbox = mailboxText is "true" or "yes" or "1";
        var password = NullIfEmpty(fields.GetValueOrDefault("password"));
        var hash = NullIfEmpty(fields.GetValueOrDefault("password_hash"));
        if (password is not null && hash is not null)
        {
            problem = "give password or password_hash, not both";
            return false;
        }

        if (password is { Length: > 1024 } || hash is { Length: > 1024 })
        {
            problem = "the password or hash is too long";
            return false;
        }

        if (hash is not null && Passwords.PasswordHashFormat.Problem(hash) is { } hashProblem)
        {
            problem = $"password_hash {hashProblem}";
            return false;
        }

        row = new ImportRow(email, accountDomain, role, roleDomain, mailbox, password, hash);
        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
