namespace Latchkey.Core.Passwords;

/// <summary>A cryptographically random password that meets the policy of the address's domain.</summary>
public sealed class GeneratePasswordHandler(PasswordPolicyProvider policies)
{
    public async Task<string> HandleAsync(string? email, int? length, CancellationToken cancellationToken = default)
    {
        var policy = await policies.ForEmailAsync(email, cancellationToken);
        return PasswordGenerator.Generate(policy, email, length);
    }
}
