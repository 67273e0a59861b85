using System.Globalization;
using Latchkey.Core.Lockout;
using Latchkey.Core.TwoFactor;

namespace Latchkey.Tests.Infrastructure;

/// <summary>
/// Wrong passwords (and second-factor codes) that are distinct to the lockout counter: their 12-bit pwhashes differ
/// (two random guesses share one 1 time in 4096, so ten of them count as nine about once in a hundred runs, which
/// would make a "ten distinct failures" test flaky).
/// </summary>
public static class WrongPasswords
{
    public static IReadOnlyList<string> Distinct(string nonce, string login, int count) =>
        Pick(Enumerable.Range(0, int.MaxValue).Select(i => $"Wrong-Pass-{i}!"), guess => guess, nonce, login, count);

    /// <summary>Six-digit codes other than <paramref name="right"/>, fingerprinted as the counter fingerprints a wrong code.</summary>
    public static IReadOnlyList<string> DistinctCodes(string nonce, string login, string right, int count) =>
        Pick(
            Enumerable.Range(0, 1_000_000).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)).Where(code => code != right),
            SecondFactorFailures.PwHashInput, nonce, login, count);

    private static List<string> Pick(IEnumerable<string> guesses, Func<string, string> counted, string nonce, string login, int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return guesses.Where(guess => seen.Add(DovecotPwHash.Compute(nonce, login, counted(guess)))).Take(count).ToList();
    }
}
