namespace Latchkey.Core.Mailboxes;

/// <summary>
/// What <c>latchkey dovecot config</c> was asked for; null means the documented default (see
/// <see cref="WriteDovecotConfigHandler"/>). <see cref="NewSecret"/> rotates the policy secret, nonce and doveadm API key.
/// </summary>
public sealed record DovecotConfigRequest(
    string OutputDirectory,
    string? Listen = null,
    int? ImapPort = null,
    int? SubmissionPort = null,
    string? PolicyUrl = null,
    string? MailUser = null,
    bool NewSecret = false,
    int? DoveadmPort = null);
