using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Latchkey.Tests.Notifications;

public sealed class SmtpOptionsTests
{
    [Fact]
    public void Value_HostWithoutFrom_RefusedAtStart()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:Smtp:Host"] = "smtp.example.com" }, migrate: false);

        var error = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value);

        error.Message.ShouldContain("Latchkey:Smtp:From is required");
    }

    [Fact]
    public void Value_HostOnly_PortAndStartTlsDefaultToSubmission()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:Smtp:Host"] = "smtp.example.com", ["Latchkey:Smtp:From"] = "no-reply@example.com" }, migrate: false);

        var options = host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;

        options.EffectivePort.ShouldBe(587);
        options.Security.ShouldBe(SmtpSecurity.StartTls);
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("Latchkey:Smtp:From", "not an address")]
    [InlineData("Latchkey:Smtp:UserName", "only-a-user")]
    [InlineData("Latchkey:Smtp:TrustedCertificateSha256", "AB:CD")]
    [InlineData("Latchkey:Smtp:TrustedCertificateFile", "/nonexistent/cert.pem")]
    [InlineData("Latchkey:Outbox:MaxRetryDelay", "00:00:01")]
    [InlineData("Latchkey:Outbox:ClaimLease", "00:00:30")]
    public void Value_InvalidSetting_Refused(string key, string value)
    {
        using var host = new CoreTestHost(new() { [key] = value }, migrate: false);

        Should.Throw<OptionsValidationException>(() =>
        {
            _ = host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;
        });
    }

    [Fact]
    public void Value_ImplicitTls_PortDefaultsTo465()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:Smtp:Host"] = "smtp.example.com", ["Latchkey:Smtp:From"] = "no-reply@example.com", ["Latchkey:Smtp:Security"] = "Tls" }, migrate: false);

        host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value.EffectivePort.ShouldBe(465);
    }

    [Fact]
    public void Value_CredentialsInClearToAnotherHost_Refused()
    {
        using var host = new CoreTestHost(new()
        {
            ["Latchkey:Smtp:Host"] = "smtp.example.com",
            ["Latchkey:Smtp:From"] = "no-reply@example.com",
            ["Latchkey:Smtp:Security"] = "None",
            ["Latchkey:Smtp:UserName"] = "latchkey",
            ["Latchkey:Smtp:Password"] = "secret",
        }, migrate: false);

        var error = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value);

        error.Message.ShouldContain("in clear");
    }
}
