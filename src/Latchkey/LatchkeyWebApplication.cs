using System.Net;
using Latchkey.Api;
using Latchkey.Api.Oidc;
using Latchkey.Core;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Notifications;
using Latchkey.Core.Passwords;
using Latchkey.Core.Sessions;
using Latchkey.Hosting;
using Latchkey.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Latchkey;

/// <summary>The web panel and the REST API in one host.</summary>
internal static class LatchkeyWebApplication
{
    /// <summary>Request bodies larger than this are refused with 413 before they are read (64 KiB).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static WebApplication Build(string[] args)
    {
        // The published binary finds its wwwroot and appsettings.json beside itself, wherever it is started from;
        // an explicit --contentRoot (as the test host passes) wins. ./data stays relative to the working directory.
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = explicitRoot ? null : AppContext.BaseDirectory,
        });
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpsPortsKey]))
        {
            builder.WebHost.UseUrls(WebOptions.DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        AddServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        StoreFiles.EnsureWritable(app.Services.GetRequiredService<IOptions<LatchkeyOptions>>().Value.FullDataDirectory);
        ConfigurationCheck.WarnAboutUnknownKeys(app);
        UsePipeline(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, ConfigurationManager configuration)
    {
        // First of all hosted services: the schema must exist before anything (Data Protection's key ring loader,
        // which AddRazorPages registers) reads the store.
        services.AddHostedService<StoreInitializer>();
        services.AddSingleton<ConsoleAddress>();
        services.AddLatchkeyCore(configuration);
        services.AddLocalization();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/LoginTwoFactor");
            options.Conventions.AllowAnonymousToPage("/Logout");
            options.Conventions.AllowAnonymousToPage("/Setup");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/ForgotPassword");
            options.Conventions.AllowAnonymousToPage("/ResetPassword");
        }).AddMvcOptions(mvc => mvc.Filters.Add<OidcFormTargets>());
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(web => web.KnownProxies.All(proxy => IPAddress.TryParse(proxy, out _)), "Latchkey:Web:KnownProxies must list IP addresses.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebOptions>>((forwarded, web) =>
        {
            // With both lists empty the middleware would trust every sender, so no proxy configured means no headers read.
            forwarded.ForwardedHeaders = web.Value.KnownProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in web.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddProblemDetails();
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddExceptionHandler<LatchkeyExceptionHandler>();
        services.AddSingleton<StoreFaultMonitor>();
        services.AddSingleton<RefusalPacing>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.MaxDepth = 16);
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddLatchkeyOpenApi();
        services.AddSingleton<PostgresSessionListener>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresSessionListener>());
        services.AddHostedService<SessionSignalWatcher>();
        services.AddHostedService<SessionSweeper>();
        services.AddHostedService<Latchkey.Core.Audit.AuditHeadWriter>();
        services.AddHostedService<LoginFailureSweeper>();
        services.AddHostedService<OutboxDispatcher>();
        LatchkeyTelemetry.Add(services, configuration);
        services.AddLatchkeyOidcServer();
        services.AddHostedService(provider => provider.GetRequiredService<PasswordResetWorker>());
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(app.Services.GetRequiredService<RefusalPacing>().InvokeAsync);
        app.Use(ChargeHashingToTheClientAsync);
        app.Use(SecurityHeaders.InvokeAsync);
        app.UseExceptionHandler();
        app.UseWhen(context => ApiPaths.IsApi(context.Request.Path), api => api.UseStatusCodePages(ApiStatusProblems.WriteAsync));
        app.UseWhen(context => !ApiPaths.IsApi(context.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.Use(LimitRequestBody);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<CrossOriginGuard>();
        app.UseAuthentication();

        // After authentication: the signed-in account's language comes first (Localization/LanguageCultureProviders).
        app.UseRequestLocalization(Localization.LanguageCultureProviders.Configure);
        app.UseAuthorization();
        app.Use(ApiScopeGate.InvokeAsync);
        app.Use(PasswordChangeGate.InvokeAsync);
        app.Use(TwoFactorSetupGate.InvokeAsync);
        app.MapRazorPages();
        app.MapLatchkeyApi();
        app.MapConnectEndpoints();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapApiReference();
        LatchkeyTelemetry.Map(app);
    }

    /// <summary>
    /// Hashing reached through Identity's synchronous seam (password changes) waits in the requesting address's share
    /// of the queue, like sign-ins; async, so the value ends with the request.
    /// </summary>
    private static async Task ChargeHashingToTheClientAsync(HttpContext context, Func<Task> next)
    {
        PasswordHashingGate.CurrentClient = RequestInfo.Ip(context);
        await next();
    }

    private static Task LimitRequestBody(HttpContext context, Func<Task> next)
    {
        if (context.Request.ContentLength > MaxRequestBodyBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBodyBytes;
        }

        return next();
    }
}
