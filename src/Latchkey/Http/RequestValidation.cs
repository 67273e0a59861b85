using Latchkey.Core.Common;
using Latchkey.Core.Passwords;

namespace Latchkey.Http;

/// <summary>Checks of request bodies made before any handler (and any hashing) runs.</summary>
internal static class RequestValidation
{
    private static readonly string[] _requiredCode = ["required"];

    public static Failure? Required(params (string Field, string? Value)[] fields)
    {
        var missing = fields.Where(f => string.IsNullOrEmpty(f.Value)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        return new Failure(
            ErrorCodes.Validation,
            "Required: " + string.Join(", ", missing.Select(f => f.Field)) + ".",
            missing.ToDictionary(f => f.Field, f => _requiredCode));
    }

    /// <summary>Passwords over <see cref="PasswordSize.MaxBytes"/> are refused unhashed, by Core's one rule and message.</summary>
    public static Failure? PasswordTooLong(string field, string password) => PasswordSize.Check(field, password);
}
