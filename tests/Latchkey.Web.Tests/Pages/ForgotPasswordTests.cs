using System.Net;
using System.Net.Http.Json;
using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Latchkey.Web.Tests.Pages;

public sealed class ForgotPasswordTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task Api_KnownAndUnknownAddress_IdenticalAnswers()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient();

        var known = await client.PostAsJsonAsync("/api/v1/password-resets", new { email = account.Email });
        var unknown = await client.PostAsJsonAsync("/api/v1/password-resets", new { email = "nobody-" + account.Email });

        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await known.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_ForgotThenResetThroughTheLink_SignsInWithTheNewPassword()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await HtmlForms.ParseAsync(await client.GetAsync("/login"));
        login.QuerySelector("a[href='/forgot-password']")!.TextContent.ShouldBe("Forgot your password?");

        var forgot = await HtmlForms.ParseAsync(await client.GetAsync("/forgot-password"));
        HtmlForms.LabelFor(forgot, "Email").ShouldBe("Email");
        var sent = await HtmlForms.ParseAsync(await HtmlForms.SubmitAsync(client, forgot, new Dictionary<string, string> { ["Email"] = account.Email! }));
        sent.QuerySelector("#reset-sent")!.TextContent.ShouldContain("If an account exists");

        // The link is read from the delivered message: once sent, the outbox keeps no body that carries a token.
        var link = (await DeliveredResetMailAsync(account.Email!)).Split('\n').Single(l => l.Contains("/reset-password?token=", StringComparison.Ordinal)).Trim();

        var reset = await HtmlForms.ParseAsync(await client.GetAsync(new Uri(link).PathAndQuery));
        HtmlForms.LabelFor(reset, "NewPassword").ShouldBe("New password");
        HtmlForms.LabelFor(reset, "ConfirmPassword").ShouldBe("Confirm new password");
        reset.QuerySelectorAll("#password-rules li").Length.ShouldBeGreaterThan(5);
        var done = await HtmlForms.SubmitAsync(client, reset, new Dictionary<string, string> { ["NewPassword"] = "Fresh-Start-77", ["ConfirmPassword"] = "Fresh-Start-77" });

        done.Headers.Location!.ToString().ShouldBe("/login?signedOut=password-reset");
        using var signedIn = await factory.SignedInClientAsync(account.Email!, "Fresh-Start-77");
        (await signedIn.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_KnownAddress_AnsweredBeforeTheWorkWhichFollows()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient();

        (await client.PostAsJsonAsync("/api/v1/password-resets", new { email = account.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await DeliveredResetMailAsync(account.Email!)).ShouldContain("/reset-password?token=");
    }

    [Fact]
    public async Task ApiConfirm_BadToken_400Validation()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/password-resets/confirm", new { token = "forged", newPassword = "Fresh-Start-77", confirmPassword = "Fresh-Start-77" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ReadAsync(response, "validation")).GetProperty("errors").TryGetProperty("token", out _).ShouldBeTrue();
    }

    private async Task<string> DeliveredResetMailAsync(string to)
    {
        var folder = Path.Combine(factory.Store.DataDirectory, PickupDirectoryTransport.FolderName);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                var mail = ReceivedMail.Parse(await File.ReadAllTextAsync(file));
                if (mail.Header("To") == to && mail.Header("Subject") == PasswordResetEmail.Subject)
                {
                    return mail.Part("text/plain");
                }
            }

            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the reset message was not delivered");
            await Task.Delay(100);
        }
    }
}
