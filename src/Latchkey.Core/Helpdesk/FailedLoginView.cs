namespace Latchkey.Core.Helpdesk;

/// <summary>
/// One recent failed login. <see cref="SamePasswordAsBefore"/> marks a retry of a wrong password already tried (it
/// did not count again): typically a device with an old saved password, rather than someone guessing.
/// </summary>
public sealed record FailedLoginView(DateTimeOffset At, string Ip, string Protocol, bool SamePasswordAsBefore);
