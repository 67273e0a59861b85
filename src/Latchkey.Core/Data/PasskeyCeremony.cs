namespace Latchkey.Core.Data;

/// <summary>
/// One WebAuthn ceremony in progress (registration, second step, passwordless sign-in or step-up), kept in the store so any
/// node can finish it: the options sent to the browser, keyed by the SHA-256 of their random challenge (the browser
/// signs the challenge into its client data, which is how the answer finds its ceremony), bound to the account
/// (none for a passwordless sign-in) and to the sign-in challenge it completes, single-use and short-lived
/// (<c>PasskeyCeremonies.Lifetime</c>).
/// </summary>
public sealed class PasskeyCeremony
{
    public Guid Id { get; set; }

    public string Kind { get; set; } = "";

    public byte[] ChallengeHash { get; set; } = [];

    public Guid? AccountId { get; set; }

    public Guid? TwoFactorChallengeId { get; set; }

    public string Options { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
