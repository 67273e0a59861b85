namespace Latchkey.Api.TwoFactor;

/// <summary>Body of <c>PUT /api/v1/domains/{name}/two-factor-policy</c>: <c>require</c> is nobody, privileged or everyone.</summary>
public sealed record TwoFactorPolicyBody(string? Require, int? GraceSignIns, bool? MailNeedsAppPassword);
