using System.ComponentModel.DataAnnotations;
using Latchkey.Core.Data;

namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// <c>Latchkey:Passwords:Blocklist</c>. <see cref="FilterPath"/> defaults to <c>&lt;DataDirectory&gt;/blocklist.filter</c>,
/// where <c>latchkey blocklist import</c> writes; <see cref="ReloadInterval"/> defaults to 1 minute. The shipped list of
/// common passwords is always on; an imported filter is checked in addition to it.
/// </summary>
public sealed class BlocklistOptions
{
    public const string SectionName = "Latchkey:Passwords:Blocklist";

    public const string DefaultFileName = "blocklist.filter";

    /// <summary>The imported filter. Relative paths are taken from the working directory. Default: <c>&lt;DataDirectory&gt;/blocklist.filter</c>.</summary>
    public string? FilterPath { get; set; }

    /// <summary>How often a running process looks whether the imported filter was replaced or removed (one file-system stat).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The absolute path of the imported filter under these options.</summary>
    public string FullFilterPath(LatchkeyOptions latchkey)
    {
        ArgumentNullException.ThrowIfNull(latchkey);
        return string.IsNullOrWhiteSpace(FilterPath)
            ? Path.Combine(latchkey.FullDataDirectory, DefaultFileName)
            : Path.GetFullPath(FilterPath);
    }
}
