using Latchkey.Core.Lockout;

namespace Latchkey.Tests.Infrastructure;

/// <summary>
/// Wrong passwords that are distinct to the lockout counter: their 12-bit pwhashes differ (two random passwords
/// share one 1 time in 4096, which would make a "ten distinct failures" test flaky).
/// </summary>
public static class WrongPasswords
{
    public static IReadOnlyList<string> Distinct(string nonce, string login, int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var passwords = new List<string>();
        for (var i = 0; passwords.Count < count; i++)
        {
            var password = $"Wrong-Pass-{i}!";
            if (seen.Add(DovecotPwHash.Compute(nonce, login, password)))
            {
                passwords.Add(password);
            }
        }

        return passwords;
    }
}
