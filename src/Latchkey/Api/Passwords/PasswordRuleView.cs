namespace Latchkey.Api.Passwords;

public sealed record PasswordRuleView(string Id, string Text);
