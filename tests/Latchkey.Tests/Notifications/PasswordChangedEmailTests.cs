using Latchkey.Core.Notifications;

namespace Latchkey.Tests.Notifications;

public sealed class PasswordChangedEmailTests
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static readonly DateTimeOffset _when = new(2026, 11, 23, 10, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Create_Change_TextSaysWhenWhereWhichBrowser()
    {
        var email = PasswordChangedEmail.Create("jane@example.com", _when, "203.0.113.7", Firefox, "https://accounts.example.com");

        email.To.ShouldBe("jane@example.com");
        email.Subject.ShouldBe("Your password was changed");
        email.TextBody.ShouldContain("jane@example.com");
        email.TextBody.ShouldContain("2026-11-23 09:30 UTC (Monday, 23 November 2026)");
        email.TextBody.ShouldContain("203.0.113.7");
        email.TextBody.ShouldContain("Firefox on Linux");
        email.TextBody.ShouldContain(Firefox);
    }

    [Fact]
    public void Create_BothParts_SayUpdateEveryDeviceAndWhatToDoIfNotYou()
    {
        var email = PasswordChangedEmail.Create("jane@example.com", _when, "203.0.113.7", Firefox, "https://accounts.example.com/");

        foreach (var part in new[] { email.TextBody, email.HtmlBody })
        {
            part.ShouldContain("Update every device and mail client");
            part.ShouldContain("Outlook, Apple Mail");
            part.ShouldContain("they will fail to sign in");
            part.ShouldContain("may lock your account");
            part.ShouldContain("https://accounts.example.com/forgot-password");
            part.ShouldContain("Contact your administrator");
        }

        email.TextBody.ShouldContain("If this wasn't you:");
        email.HtmlBody.ShouldContain("If this wasn't you:");
        email.HtmlBody.ShouldContain("<a href=\"https://accounts.example.com/forgot-password\">");
        email.HtmlBody.ShouldContain("Firefox on Linux");
        email.HtmlBody.ShouldContain("203.0.113.7");
    }

    [Fact]
    public void Create_PanelUnderAPath_ForgotPasswordLinkKeepsThePath()
    {
        var email = PasswordChangedEmail.Create("jane@example.com", _when, "::1", Firefox, "https://example.com/latchkey");

        email.TextBody.ShouldContain("https://example.com/latchkey/forgot-password");
    }

    [Fact]
    public void Create_HostileUserAgent_HtmlEncodedAndTextOnOneLine()
    {
        const string Hostile = "<script>alert(1)</script>\r\nBcc: victim@example.net \"&'";

        var email = PasswordChangedEmail.Create("jane@example.com", _when, "<b>ip</b>", Hostile, "https://accounts.example.com");

        email.HtmlBody.ShouldNotContain("<script>");
        email.HtmlBody.ShouldNotContain("<b>ip</b>");
        email.HtmlBody.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        email.HtmlBody.ShouldContain("&lt;b&gt;ip&lt;/b&gt;");
        email.HtmlBody.ShouldContain("&quot;&amp;&#39;");
        email.TextBody.ShouldNotContain("\r\nBcc:");
        email.TextBody.ShouldNotContain("\nBcc:");
        email.TextBody.ShouldContain("<script>alert(1)</script>  Bcc: victim@example.net");
    }

    [Fact]
    public void Create_VeryLongUserAgent_QuotedCutShort()
    {
        var email = PasswordChangedEmail.Create("jane@example.com", _when, "203.0.113.7", Firefox + new string('x', 5000), "https://accounts.example.com");

        email.TextBody.Length.ShouldBeLessThan(3000);
        email.TextBody.ShouldContain("Firefox on Linux");
    }

    [Fact]
    public void Create_RelativePanelUrl_Throws()
    {
        Should.Throw<ArgumentException>(() => PasswordChangedEmail.Create("jane@example.com", _when, "203.0.113.7", Firefox, "/account"));
    }

    [Theory]
    [InlineData(Firefox, "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari on macOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("", "an unknown browser")]
    [InlineData("<script>alert(1)</script>", "an unknown browser")]
    public void Describe_CommonUserAgents_ShortReadableName(string userAgent, string expected)
    {
        UserAgentSummary.Describe(userAgent).ShouldBe(expected);
    }
}
