using System.Text;
using Latchkey.Core.Common;
using Latchkey.Core.Sessions;

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

    /// <summary>Passwords over 4 KiB are refused unhashed: Argon2id over megabytes is a denial of service.</summary>
    public static Failure? PasswordTooLong(string field, string password) =>
        Encoding.UTF8.GetByteCount(password) > SignInHandler.MaxPasswordBytes
            ? Failure.Field(ErrorCodes.Validation, field, $"The password is longer than {SignInHandler.MaxPasswordBytes} bytes.")
            : null;
}
