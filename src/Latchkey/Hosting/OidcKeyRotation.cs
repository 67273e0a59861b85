using Latchkey.Core.Data;
using Latchkey.Core.Oidc;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Latchkey.Hosting;

/// <summary>
/// Keeps this node's OpenIddict keys in step with the store: every <see cref="OidcOptions.KeyCheckInterval"/> it asks
/// <see cref="OidcKeyRing"/> for the keys (which makes the successor when one is due, once for all nodes) and, when the
/// set or the current key changed, drops OpenIddict's cached options so the next request builds them with the new
/// keys (discovery and JWKS included). Requests already running keep the options they started with.
/// </summary>
internal sealed partial class OidcKeyRotation(
    IServiceScopeFactory scopes,
    IOptionsMonitorCache<OpenIddictServerOptions> cache,
    IOptions<OidcOptions> options,
    TimeProvider timeProvider,
    ILogger<OidcKeyRotation> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _loaded;

    /// <summary>Reads the keys now; true when they changed and the next request uses the new ones.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var ring = scope.ServiceProvider.GetRequiredService<OidcKeyRing>();
            var signing = await ring.KeysAsync(OidcKey.Signing, cancellationToken);
            var encryption = await ring.KeysAsync(OidcKey.Encryption, cancellationToken);
            var fingerprint = string.Join(',', signing.Select(k => k.KeyId)) + ";" + string.Join(',', encryption.Select(k => k.KeyId));
            if (_loaded == fingerprint)
            {
                return false;
            }

            // The first pass drops the options too: they may have been built just before a rotation.
            var changed = _loaded is not null;
            _loaded = fingerprint;
            cache.TryRemove(Options.DefaultName);
            if (changed)
            {
                KeysChanged(logger, signing[0].KeyId, signing.Count);
            }

            return changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store outage must not end the loop; the keys in use stay valid meanwhile.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                CheckFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.Value.KeyCheckInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "OpenID Connect keys changed: signing with {KeyId}, {Count} signing keys published")]
    private static partial void KeysChanged(ILogger logger, string keyId, int count);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Checking the OpenID Connect keys failed")]
    private static partial void CheckFailed(ILogger logger, Exception exception);
}
