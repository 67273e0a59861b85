using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Tests.Notifications;

/// <summary>
/// MailKit against a real aiosmtpd with a certificate made in the test: STARTTLS and implicit TLS with SMTP AUTH, the
/// self-signed certificate accepted only when pinned (by fingerprint or PEM file), refused otherwise.
/// </summary>
public sealed class SmtpTlsDeliveryTests
{
    private static readonly (string, string) _login = ("latchkey-relay", "relay-secret-1");

    [Fact]
    public async Task HandleAsync_StartTlsWithPinnedFingerprint_DeliveredEncryptedAndAuthenticated()
    {
        using var certificate = TestCertificate.Create();
        await using var server = SmtpTestServer.Create(SmtpTestServerMode.StartTls, certificate, _login);
        await server.RestartAsync();
        var settings = OutboxTestData.Settings(server);
        settings["Latchkey:Smtp:TrustedCertificateSha256"] = certificate.Sha256;
        using var host = new CoreTestHost(settings);
        var queued = await OutboxTestData.EnqueueAsync(host);

        var pass = await OutboxTestData.DrainAsync(host);

        pass.ShouldBe(new OutboxPass(1, 1, 0));
        var mail = (await server.WaitForMessagesAsync(1)).ShouldHaveSingleItem();
        mail.Header("X-Test-Tls").ShouldBe("yes");
        mail.Header("X-Test-Login").ShouldBe("latchkey-relay");
        mail.Header("Message-ID").ShouldBe(queued.MessageId);
        mail.Header("Auto-Submitted").ShouldBe("auto-generated");
    }

    [Fact]
    public async Task HandleAsync_ImplicitTlsWithPinnedPemFile_Delivered()
    {
        using var certificate = TestCertificate.Create();
        await using var server = SmtpTestServer.Create(SmtpTestServerMode.Tls, certificate, _login);
        await server.RestartAsync();
        var settings = OutboxTestData.Settings(server);
        settings["Latchkey:Smtp:TrustedCertificateFile"] = certificate.CertificatePath;
        using var host = new CoreTestHost(settings);
        await OutboxTestData.EnqueueAsync(host);

        (await OutboxTestData.DrainAsync(host)).Delivered.ShouldBe(1);

        (await server.WaitForMessagesAsync(1)).ShouldHaveSingleItem().Header("X-Test-Tls").ShouldBe("yes");
    }

    [Fact]
    public async Task HandleAsync_UntrustedSelfSignedCertificate_RefusedNothingSent()
    {
        using var certificate = TestCertificate.Create();
        await using var server = SmtpTestServer.Create(SmtpTestServerMode.StartTls, certificate, _login);
        await server.RestartAsync();
        using var host = new CoreTestHost(OutboxTestData.Settings(server));
        var queued = await OutboxTestData.EnqueueAsync(host);

        var pass = await OutboxTestData.DrainAsync(host);

        pass.ShouldBe(new OutboxPass(1, 0, 1));
        (await OutboxTestData.ReadAsync(host, queued.Id)).LastError!.ShouldStartWith("SslHandshakeException");
        server.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_PinOfAnotherCertificate_Refused()
    {
        using var certificate = TestCertificate.Create();
        using var other = TestCertificate.Create();
        await using var server = SmtpTestServer.Create(SmtpTestServerMode.Tls, certificate, _login);
        await server.RestartAsync();
        var settings = OutboxTestData.Settings(server);
        settings["Latchkey:Smtp:TrustedCertificateSha256"] = other.Sha256;
        using var host = new CoreTestHost(settings);
        await OutboxTestData.EnqueueAsync(host);

        (await OutboxTestData.DrainAsync(host)).Failed.ShouldBe(1);

        server.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_StartTlsRequiredServerWithoutIt_RefusedNothingSent()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var settings = OutboxTestData.Settings(server);
        settings["Latchkey:Smtp:Security"] = "StartTls";
        using var host = new CoreTestHost(settings);
        var queued = await OutboxTestData.EnqueueAsync(host);

        (await OutboxTestData.DrainAsync(host)).Failed.ShouldBe(1);

        (await OutboxTestData.ReadAsync(host, queued.Id)).LastError!.ShouldStartWith("NotSupportedException");
        server.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_WrongSmtpPassword_RefusedNothingSent()
    {
        using var certificate = TestCertificate.Create();
        await using var server = SmtpTestServer.Create(SmtpTestServerMode.StartTls, certificate, _login);
        await server.RestartAsync();
        var settings = OutboxTestData.Settings(server);
        settings["Latchkey:Smtp:TrustedCertificateSha256"] = certificate.Sha256;
        settings["Latchkey:Smtp:Password"] = "not-the-password";
        using var host = new CoreTestHost(settings);
        var queued = await OutboxTestData.EnqueueAsync(host);

        (await OutboxTestData.DrainAsync(host)).Failed.ShouldBe(1);

        (await OutboxTestData.ReadAsync(host, queued.Id)).LastError!.ShouldStartWith("AuthenticationException");
        server.Messages().ShouldBeEmpty();
    }
}
