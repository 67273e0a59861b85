using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Latchkey.Web.Tests.Oidc;

/// <summary>A relying party's back-channel logout endpoint on 127.0.0.1 (a free port): records each logout token and when it came.</summary>
public sealed class LogoutReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LogoutReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Token, TimeSpan At)> Received { get; } = new();

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public string Url => _app.Urls.First() + "/backchannel-logout";

    public static async Task<LogoutReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new LogoutReceiver(app);
        app.MapPost("/backchannel-logout", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            receiver.Received.Enqueue((form["logout_token"].ToString(), receiver.Clock.Elapsed));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
