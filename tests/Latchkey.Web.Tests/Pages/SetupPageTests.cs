using System.Net;
using Latchkey.Core.Accounts;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Pages;

public sealed class SetupPageTests
{
    [Fact]
    public async Task SetupLink_CreatesFirstAdministratorOnceThenAnswers404()
    {
        using var factory = new LatchkeyWebFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = factory.Services.GetRequiredService<SetupToken>().Issue();

        (await client.GetAsync("/setup?token=wrong")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/setup?token=" + token));
        var created = await HtmlForms.SubmitAsync(client, page, new Dictionary<string, string> { ["Email"] = "first@example.com", ["Password"] = "Strong-Pass-42" });

        created.Headers.Location!.ToString().ShouldBe("/login");
        (await client.GetAsync("/setup?token=" + token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var admin = await factory.SignedInClientAsync("first@example.com", "Strong-Pass-42");
        (await admin.GetStringAsync("/api/v1/me")).ShouldContain("\"role\":\"Administrator\"");
    }
}
