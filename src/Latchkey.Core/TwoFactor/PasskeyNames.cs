using Latchkey.Core.Common;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The rule for a passkey's name, at creation and on rename alike: trimmed, not empty, at most
/// <see cref="ColumnWidths.PasskeyName"/> characters. Refusals are <see cref="ErrorCodes.Validation"/> on the <c>name</c> field.
/// </summary>
internal static class PasskeyNames
{
    public const string EmptyMessage = "Give the passkey a name.";
    public const string TooLongMessage = "The name can have at most 64 characters.";

    /// <summary>Null when <paramref name="name"/> (trimmed into <paramref name="trimmed"/>) may be a passkey's name; else the refusal.</summary>
    public static Failure? Check(string? name, out string trimmed)
    {
        trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return Failure.Field(ErrorCodes.Validation, "name", EmptyMessage);
        }

        return trimmed.Length > ColumnWidths.PasskeyName ? Failure.Field(ErrorCodes.Validation, "name", TooLongMessage) : null;
    }
}
