namespace Latchkey.Core.SignIn;

/// <summary>What <see cref="SignInPasswordCheck"/> found.</summary>
public enum PasswordCheckOutcome
{
    /// <summary>The current password (its hash may need an upgrade: <see cref="SignInPasswordCheck"/> did it).</summary>
    Matches,

    /// <summary>The password before the current one: a device with a saved old password, not a guess.</summary>
    Previous,

    /// <summary>Neither, or nothing was compared (unknown address, refused before the check).</summary>
    Wrong,
}
