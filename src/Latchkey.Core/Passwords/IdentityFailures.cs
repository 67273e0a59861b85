using Latchkey.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Passwords;

/// <summary>Turns Identity's errors into Latchkey's codes: password rules become <see cref="ErrorCodes.PasswordPolicy"/>.</summary>
internal static class IdentityFailures
{
    public static Failure ToFailure(IdentityResult result, string passwordField)
    {
        ArgumentNullException.ThrowIfNull(result);
        var passwordErrors = result.Errors.Where(e => PasswordRuleIds.All.Contains(e.Code)).ToList();
        if (passwordErrors.Count > 0)
        {
            return new Failure(
                ErrorCodes.PasswordPolicy,
                string.Join(" ", passwordErrors.Select(e => e.Description)),
                new Dictionary<string, string[]> { [passwordField] = [.. passwordErrors.Select(e => e.Code)] });
        }

        return new Failure(ErrorCodes.Validation, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
