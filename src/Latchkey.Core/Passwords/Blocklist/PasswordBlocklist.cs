using Latchkey.Core.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// The common and breached passwords a new password may not be (policy rule <c>blocklist</c>). Two filters are checked:
/// the shipped list of common passwords (embedded, loaded once on first use) and, in addition, the filter that
/// <c>latchkey blocklist import</c> wrote (memory-mapped; looked for again every <see cref="BlocklistOptions.ReloadInterval"/>,
/// so a new import is used without a restart). A password is looked up as given, in lower case, NFKC-normalised, and
/// NFKC-normalised in lower case. Filters never hold the list as strings; a lookup hashes at most four variants with SHA-1
/// and binary-searches a few dozen 4-byte entries. False positives: see docs/blocklist.md (below 1 in 8 million).
/// </summary>
public sealed class PasswordBlocklist : IDisposable
{
    /// <summary>The embedded filter built by tools/blocklist/build-shipped-filter.sh.</summary>
    public const string ShippedResourceName = "Latchkey.Core.Passwords.Blocklist.common-passwords.filter";

    private readonly Lazy<FingerprintFilter> _shipped;
    private readonly string _importedPath;
    private readonly TimeSpan _reloadInterval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PasswordBlocklist> _logger;
    private readonly Lock _reloadLock = new();
    private readonly List<FingerprintFilter> _retired = [];
    private volatile FingerprintFilter? _imported;
    private (DateTime LastWrite, long Length)? _importedStamp;
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;
    private volatile bool _checkedOnce;
    private bool _disposed;

    public PasswordBlocklist(IOptions<BlocklistOptions> options, IOptions<LatchkeyOptions> latchkey, TimeProvider timeProvider, ILogger<PasswordBlocklist> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(latchkey);
        _importedPath = options.Value.FullFilterPath(latchkey.Value);
        _reloadInterval = options.Value.ReloadInterval;
        _timeProvider = timeProvider;
        _logger = logger;
        _shipped = new Lazy<FingerprintFilter>(LoadShipped);
    }

    /// <summary>Entries in the shipped list of common passwords.</summary>
    public long ShippedCount => _shipped.Value.Count;

    /// <summary>Entries in the imported filter, 0 when there is none.</summary>
    public long ImportedCount => CurrentImported()?.Count ?? 0;

    /// <summary>True if the password, or its lower-case or NFKC form, is on the shipped list or the imported one.</summary>
    public bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var shipped = _shipped.Value;
        var imported = CurrentImported();
        foreach (var variant in Variants(password))
        {
            var key = BlocklistKey.Of(variant);
            if (shipped.Contains(key) || (imported?.Contains(key) ?? false))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        lock (_reloadLock)
        {
            _disposed = true;
            _imported?.Dispose();
            _imported = null;
            foreach (var filter in _retired)
            {
                filter.Dispose();
            }

            _retired.Clear();
        }

        if (_shipped.IsValueCreated)
        {
            _shipped.Value.Dispose();
        }
    }

    private static IEnumerable<string> Variants(string password)
    {
        yield return password;
        var lower = password.ToLowerInvariant();
        if (lower != password)
        {
            yield return lower;
        }

        string normalized;
        try
        {
            normalized = password.Normalize(System.Text.NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Not valid UTF-16 (a lone surrogate): there is no normal form to look up.
            yield break;
        }

        if (normalized != password)
        {
            yield return normalized;
            var normalizedLower = normalized.ToLowerInvariant();
            if (normalizedLower != normalized && normalizedLower != lower)
            {
                yield return normalizedLower;
            }
        }
    }

    private FingerprintFilter LoadShipped()
    {
        using var stream = typeof(PasswordBlocklist).Assembly.GetManifestResourceStream(ShippedResourceName)
            ?? throw new InvalidOperationException($"The resource {ShippedResourceName} is missing from Latchkey.Core.");
        var filter = FingerprintFilter.Load(stream);
        BlocklistLog.ShippedLoaded(_logger, filter.Count);
        return filter;
    }

    /// <summary>The imported filter, looking at the file at most once a <see cref="BlocklistOptions.ReloadInterval"/>.</summary>
    private FingerprintFilter? CurrentImported()
    {
        var now = _timeProvider.GetUtcNow();
        if (_checkedOnce)
        {
            if (!_reloadLock.TryEnter())
            {
                // Another thread is looking at the file; use what is loaded meanwhile.
                return _imported;
            }
        }
        else
        {
            _reloadLock.Enter();
        }

        try
        {
            if (!_disposed && now >= _nextCheck)
            {
                Refresh();
                _nextCheck = now + _reloadInterval;
                _checkedOnce = true;
            }
        }
        finally
        {
            _reloadLock.Exit();
        }

        return _imported;
    }

    private void Refresh()
    {
        var file = new FileInfo(_importedPath);
        (DateTime, long)? stamp = file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
        if (stamp == _importedStamp)
        {
            return;
        }

        _importedStamp = stamp;
        FingerprintFilter? next = null;
        if (stamp is not null)
        {
            try
            {
                next = FingerprintFilter.Open(_importedPath);
                BlocklistLog.ImportedLoaded(_logger, _importedPath, next.Count);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                BlocklistLog.ImportedUnusable(_logger, exception, _importedPath);
            }
        }
        else if (_imported is not null)
        {
            BlocklistLog.ImportedRemoved(_logger, _importedPath);
        }

        if (_imported is { } previous)
        {
            // A lookup may still be reading the old mapping: it is unmapped only when the blocklist is disposed.
            _retired.Add(previous);
        }

        _imported = next;
    }
}
