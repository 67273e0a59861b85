namespace Latchkey.Core.Helpdesk;

/// <summary>A refused sign-in, from the audit log: when, from where, and why (never the password).</summary>
public sealed record SignInFailureView(DateTimeOffset At, string? Ip, string? UserAgent, string? Reason);
