using System.Security.Cryptography;
using System.Text;
using Latchkey.Core.Common;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Latchkey.Hosting;

/// <summary>
/// OpenTelemetry for the web host: Latchkey's meter (<see cref="LatchkeyMetrics"/>), ASP.NET Core's request metrics
/// and the runtime's, served at <c>/metrics</c> behind a token, and traces of requests and PostgreSQL commands
/// exported over OTLP when <see cref="TelemetryOptions.OtlpEndpoint"/> is set. Kestrel's connection meter is left
/// out on purpose: it labels by listening address. Request spans drop the client address.
/// </summary>
internal static class LatchkeyTelemetry
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var settings = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = settings.OtlpEndpoint;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(settings.ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(LatchkeyMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Diagnostics").AddRuntimeInstrumentation();
            if (settings.MetricsEnabled)
            {
                metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            }

            if (otlp is not null)
            {
                metrics.AddOtlpExporter(exporter => Configure(exporter, settings));
            }
        });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(LatchkeyMetrics.MeterName)
                .AddAspNetCoreInstrumentation(aspnet =>
                {
                    aspnet.Filter = context => !context.Request.Path.StartsWithSegments(TelemetryOptions.MetricsPath, StringComparison.Ordinal);
                    aspnet.EnrichWithHttpRequest = (activity, _) => activity.SetTag("client.address", null);
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(exporter => Configure(exporter, settings)));
        }
    }

    public static void Map(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.MetricsEnabled)
        {
            return;
        }

        app.MapPrometheusScrapingEndpoint(TelemetryOptions.MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(RequireTokenAsync), optionsName: null);
    }

    /// <summary>Anything but the configured bearer token gets 404, as if there were no endpoint (the token is compared in constant time).</summary>
    private static Task RequireTokenAsync(HttpContext context, Func<Task> next)
    {
        var expected = context.RequestServices.GetRequiredService<IOptions<TelemetryOptions>>().Value.MetricsToken ?? "";
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next();
    }

    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions settings)
    {
        exporter.Endpoint = settings.OtlpEndpoint!;
        exporter.Protocol = settings.OtlpProtocol == "HttpProtobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}
