using Latchkey.Core.Passwords.Blocklist;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Every rule that needs no per-account data: the policy's own rules (lengths, classes, user name) and the
/// blocklist. The live check endpoint and the validator both call this, so what the checklist ticks is what the
/// server enforces. (History needs the account's hashes; the validator adds it.)
/// </summary>
public sealed class PasswordRules(PasswordBlocklist blocklist)
{
    public IReadOnlyList<string> Evaluate(PasswordPolicy policy, string password, string? email)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(password);
        var failed = policy.FailedStaticRules(password, email);
        if (!policy.Blocklist || password.Length == 0 || !blocklist.Contains(password))
        {
            return failed;
        }

        return [.. failed, PasswordRuleIds.Blocklist];
    }
}
