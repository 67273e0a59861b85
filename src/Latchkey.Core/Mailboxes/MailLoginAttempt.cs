namespace Latchkey.Core.Mailboxes;

/// <summary>
/// One login attempt as Dovecot's auth-policy client describes it. <see cref="Stale"/>: the previous-password
/// passdb matched. <see cref="AppPasswordId"/>: the app-password passdb matched. <see cref="Success"/> and
/// <see cref="PolicyReject"/> come with reports only (a <c>nologin</c> row, such as a locked or stale one, is
/// reported as a success).
/// </summary>
public sealed record MailLoginAttempt(
    string Login,
    string PwHash,
    string Ip,
    string Protocol,
    string? DeviceId,
    bool Stale = false,
    Guid? AppPasswordId = null,
    bool? Success = null,
    bool PolicyReject = false);
