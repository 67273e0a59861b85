namespace Latchkey.Core.Passwords;

/// <summary>One line of the checklist: the rule id, its text, and whether the password meets it.</summary>
public sealed record PasswordRuleStatus(string Id, string Text, bool Met);
