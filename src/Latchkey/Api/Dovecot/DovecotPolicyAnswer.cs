namespace Latchkey.Api.Dovecot;

/// <summary>Dovecot's expected answer: <c>{"status": n, "msg": "…"}</c>.</summary>
public sealed record DovecotPolicyAnswer(int Status, string Msg);
