using System.Net;
using System.Security.Cryptography;
using System.Text;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Oidc;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Latchkey.Web.Tests.Oidc;

/// <summary>
/// Every kind of password change that ends all sessions goes through the one pipeline, so each sends the apps a
/// back-channel logout token: the user's own change (signing out everywhere), an administrator's and a reset link.
/// </summary>
public sealed class PasswordChangeLogoutTests(OidcWebFactory factory) : IClassFixture<OidcWebFactory>
{
    private const string Password = "Valid-Pass1";
    private const string NewPassword = "Fresh-Pass-42";
    private const string RedirectUri = "http://127.0.0.1:9/signin-oidc";

    [Theory]
    [InlineData("own")]
    [InlineData("admin")]
    [InlineData("link")]
    public async Task PasswordChanged_SignedOutEverywhere_TheAppGetsALogoutToken(string how)
    {
        await using var receiver = await LogoutReceiver.StartAsync();
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        RegisteredClient registered;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<RegisterClientHandler>()
                .HandleAsync(new RegisterClientCommand("Test app", [RedirectUri], null, receiver.Url, true), Actor.Console, AuditContext.Cli);
            registered = result.Value!;
        }

        using var browser = await factory.SignedInClientAsync(account.Email!, Password);
        await SignInThroughAsync(browser, registered);

        (await ChangeAsync(account, how)).ShouldBeTrue();
        var deadline = receiver.Clock.Elapsed + TimeSpan.FromSeconds(5);
        while (receiver.Received.IsEmpty && receiver.Clock.Elapsed < deadline)
        {
            await Task.Delay(10);
        }

        receiver.Received.TryPeek(out var received).ShouldBeTrue($"no logout token within 5 s of the {how} change");
        new JsonWebToken(received.Token).Subject.ShouldBe(account.Id.ToString());
    }

    private async Task<bool> ChangeAsync(Account account, string how)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        switch (how)
        {
            case "own":
                return (await services.GetRequiredService<ChangePasswordHandler>().HandleAsync(
                    new ChangePasswordCommand(account.Id, null, Password, NewPassword, NewPassword, SignOutEverywhere: true), AuditContext.Cli)).Succeeded;
            case "admin":
                return (await services.GetRequiredService<SetPasswordByAdminHandler>().HandleAsync(
                    new SetPasswordByAdminCommand(account.Id, NewPassword, false, false), Actor.Console, AuditContext.Cli)).Succeeded;
            default:
                var users = services.GetRequiredService<UserManager<Account>>();
                var token = PasswordResetTokens.Encode(account.Id, await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(account.Id.ToString()))!));
                return (await services.GetRequiredService<ConfirmPasswordResetHandler>().HandleAsync(token, NewPassword, NewPassword, AuditContext.Cli)).Succeeded;
        }
    }

    private async Task SignInThroughAsync(HttpClient browser, RegisteredClient registered)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = await browser.GetAsync(
            $"/connect/authorize?client_id={registered.ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&response_type=code"
            + $"&scope={Uri.EscapeDataString("openid email offline_access")}&state=xyz&code_challenge={challenge}&code_challenge_method=S256");
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString();
        using var rp = factory.CreateClient();
        var response = await rp.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = registered.ClientId,
            ["client_secret"] = registered.ClientSecret,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
