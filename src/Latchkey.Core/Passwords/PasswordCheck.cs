namespace Latchkey.Core.Passwords;

/// <summary>
/// The live feedback for a password being typed: each enforced rule met or not, the failed ids, and a strength
/// estimate (zxcvbn score 0–4 with its crack-time text). History is not checked here: it needs the account's
/// hashes and is enforced on submit.
/// </summary>
public sealed record PasswordCheck(IReadOnlyList<PasswordRuleStatus> Rules, IReadOnlyList<string> Failed, int Score, string CrackTime);
