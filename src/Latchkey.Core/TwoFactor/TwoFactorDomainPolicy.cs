namespace Latchkey.Core.TwoFactor;

/// <summary>A domain's second-factor settings: who must have one, the grace in sign-ins, and whether mail needs app passwords when one is on.</summary>
public sealed record TwoFactorDomainPolicy(string Domain, string Require, int GraceSignIns, bool MailNeedsAppPassword);
