namespace Latchkey.Core.Tokens;

/// <summary>Create a token for <see cref="AccountId"/>; <see cref="ExpiresInDays"/> null means the default.</summary>
/// <see cref="SessionId"/> is the signed-in session creating it: with a second factor it needs a fresh step-up
/// (<see cref="Access.StepUp"/>); the console passes none.
public sealed record CreateApiTokenCommand(Guid AccountId, string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays, Guid? SessionId = null);
