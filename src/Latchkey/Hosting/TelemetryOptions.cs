using System.ComponentModel.DataAnnotations;

namespace Latchkey.Hosting;

/// <summary>
/// <c>Latchkey:Telemetry</c>: metrics and traces. <see cref="MetricsEnabled"/> (default off) serves <c>/metrics</c> in
/// Prometheus text format on the panel's listener, and only to a scraper sending <c>Authorization: Bearer</c>
/// <see cref="MetricsToken"/> (required, at least 32 characters); everyone else gets 404, as when it is off.
/// <see cref="OtlpEndpoint"/> (default none) exports traces (requests, PostgreSQL commands) and metrics over OTLP;
/// without it no trace is recorded.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Latchkey:Telemetry";

    public const string MetricsPath = "/metrics";

    public const int MinTokenLength = 32;

    public bool MetricsEnabled { get; set; }

    public string? MetricsToken { get; set; }

    /// <summary>An OTLP collector, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>http://127.0.0.1:4318</c> with <see cref="OtlpProtocol"/> <c>HttpProtobuf</c>.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>The <c>service.name</c> resource attribute; default <c>latchkey</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ServiceName { get; set; } = "latchkey";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MetricsEnabled && (MetricsToken is null || MetricsToken.Trim().Length < MinTokenLength))
        {
            yield return new ValidationResult(
                $"Latchkey:Telemetry:MetricsToken (at least {MinTokenLength} characters) is required when Latchkey:Telemetry:MetricsEnabled is true.", [nameof(MetricsToken)]);
        }

        if (OtlpEndpoint is not null && (!OtlpEndpoint.IsAbsoluteUri || OtlpEndpoint.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Latchkey:Telemetry:OtlpEndpoint must be an absolute http:// or https:// URL.", [nameof(OtlpEndpoint)]);
        }

        if (OtlpProtocol is not ("Grpc" or "HttpProtobuf"))
        {
            yield return new ValidationResult("Latchkey:Telemetry:OtlpProtocol must be Grpc or HttpProtobuf.", [nameof(OtlpProtocol)]);
        }
    }
}
