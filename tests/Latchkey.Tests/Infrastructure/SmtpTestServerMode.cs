namespace Latchkey.Tests.Infrastructure;

/// <summary>How a <see cref="SmtpTestServer"/> protects its connections.</summary>
public enum SmtpTestServerMode
{
    Plain,
    StartTls,
    Tls,
}
