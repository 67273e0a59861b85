using System.Net;
using Latchkey.Api;
using Latchkey.Core;
using Latchkey.Core.Lockout;
using Latchkey.Core.Notifications;
using Latchkey.Core.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Latchkey.Hosting;

/// <summary>The web panel and the REST API in one host.</summary>
internal static class LatchkeyWebApplication
{
    /// <summary>Request bodies larger than this are refused with 413 before they are read (64 KiB).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public const string DefaultUrl = "http://127.0.0.1:5080";

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
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        AddServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        ConfigurationCheck.WarnAboutUnknownKeys(app);
        UsePipeline(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, ConfigurationManager configuration)
    {
        // First of all hosted services: the schema must exist before anything (Data Protection's key ring loader,
        // which AddRazorPages registers) reads the store.
        services.AddHostedService<StoreInitializer>();
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
        });
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
        services.AddExceptionHandler<LatchkeyExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.MaxDepth = 16);
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddOpenApi();
        services.AddSingleton<PostgresSessionListener>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresSessionListener>());
        services.AddHostedService<SessionSignalWatcher>();
        services.AddHostedService<SessionSweeper>();
        services.AddHostedService<LoginFailureSweeper>();
        services.AddHostedService<OutboxDispatcher>();
        LatchkeyTelemetry.Add(services, configuration);
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseRequestLocalization(options =>
        {
            var cultures = Latchkey.Core.Passwords.PasswordRuleTexts.Cultures.ToArray();
            options.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
        });
        app.Use(SecurityHeaders);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<CrossOriginGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(ApiScopeGate.InvokeAsync);
        app.Use(PasswordChangeGate.InvokeAsync);
        app.Use(TwoFactorSetupGate.InvokeAsync);
        app.MapRazorPages();
        app.MapLatchkeyApi();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        LatchkeyTelemetry.Map(app);
    }

    /// <summary>
    /// Headers every answer carries (ASVS 3.4): no sniffing, no framing, no referrer, scripts and styles only from
    /// this origin, and no caching of anything that may show account data.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
        if (!context.Request.Path.StartsWithSegments("/css", StringComparison.Ordinal) && !context.Request.Path.StartsWithSegments("/js", StringComparison.Ordinal))
        {
            // "no-cache, no-store" (with Pragma) is what antiforgery sets on pages with a form: the same value here
            // means it has nothing to override, and so nothing to warn about.
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
        }

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
