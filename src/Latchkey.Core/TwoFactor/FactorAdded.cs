namespace Latchkey.Core.TwoFactor;

/// <summary>A second factor was turned on; <see cref="RecoveryCodes"/> holds the new recovery codes when this was the first factor (shown once), else is empty.</summary>
public sealed record FactorAdded(string Method, IReadOnlyList<string> RecoveryCodes);
