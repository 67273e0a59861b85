namespace Latchkey.Core.Passwords;

/// <summary>
/// Every rule that needs no stored data: the policy's own rules (lengths, classes, user name). The blocklist joins
/// here once it is wired in. The live check endpoint and the validator both call this, so they cannot disagree.
/// </summary>
public static class PasswordRules
{
    public static IReadOnlyList<string> Evaluate(PasswordPolicy policy, string password, string? email)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.FailedStaticRules(password, email);
    }
}
