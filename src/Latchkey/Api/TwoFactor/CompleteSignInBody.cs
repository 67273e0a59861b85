namespace Latchkey.Api.TwoFactor;

/// <summary>Body of <c>POST /api/v1/session/two-factor</c>: the challenge from the first step and one of the two codes.</summary>
public sealed record CompleteSignInBody(string? Challenge, string? Code, string? RecoveryCode);
