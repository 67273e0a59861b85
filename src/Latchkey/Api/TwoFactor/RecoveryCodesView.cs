namespace Latchkey.Api.TwoFactor;

/// <summary>New recovery codes, in this answer only (empty when the account already had some).</summary>
public sealed record RecoveryCodesView(IReadOnlyList<string> RecoveryCodes);
