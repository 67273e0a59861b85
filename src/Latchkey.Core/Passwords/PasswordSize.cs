using System.Text;
using Latchkey.Core.Common;

namespace Latchkey.Core.Passwords;

/// <summary>
/// The one size limit on a typed password, checked before any hashing wherever a password comes in (sign-in, own
/// change, reset link, an administrator's reset, the API and the pages): Argon2id over megabytes is a denial of
/// service. Longer input is refused with <see cref="TooLongMessage"/>, a fixed sentence the pages translate.
/// </summary>
public static class PasswordSize
{
    /// <summary>Longest password accepted, in UTF-8 bytes (4 KiB).</summary>
    public const int MaxBytes = 4096;

    /// <summary>The one refusal of a password over <see cref="MaxBytes"/>.</summary>
    public const string TooLongMessage = "The password is too long.";

    public static bool IsTooLong(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Encoding.UTF8.GetByteCount(password) > MaxBytes;
    }

    /// <summary>A validation failure on <paramref name="field"/> when <paramref name="password"/> is too long, else null.</summary>
    public static Failure? Check(string field, string? password) =>
        password is not null && IsTooLong(password) ? Failure.Field(ErrorCodes.Validation, field, TooLongMessage) : null;
}
