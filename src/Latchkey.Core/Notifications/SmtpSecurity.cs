namespace Latchkey.Core.Notifications;

/// <summary>How the connection to the SMTP server is protected (<c>Latchkey:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Connect in clear and upgrade with STARTTLS; a server that does not offer it is refused (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte, "implicit TLS" or SMTPS (port 465).</summary>
    Tls,

    /// <summary>No TLS at all: only for a relay on the same machine, and never with credentials to another host.</summary>
    None,
}
