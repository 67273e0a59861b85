namespace Latchkey.Core.Data;

/// <summary>
/// <c>Latchkey</c>: where the store and the mail outbox live (<see cref="DataDirectory"/>, default <c>./data</c>),
/// and the address people reach the panel at (<see cref="PublicUrl"/>, default <c>http://127.0.0.1:5080</c>), the one
/// setting for it (<see cref="PublicUrlSetting"/>): links inside e-mail, the allowed origin, the passkey relying party,
/// the OIDC issuer unless set apart, and the address printed at start.
/// </summary>
public sealed class LatchkeyOptions
{
    public const string SectionName = "Latchkey";

    public string DataDirectory { get; set; } = "data";

    [System.ComponentModel.DataAnnotations.Url]
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    /// <summary>The key file outside the database (<see cref="StoreKeyFile"/>); default <c>&lt;DataDirectory&gt;/latchkey.key</c>.</summary>
    public string? KeyFile { get; set; }

    public string FullKeyFile => Path.GetFullPath(string.IsNullOrWhiteSpace(KeyFile) ? Path.Combine(FullDataDirectory, "latchkey.key") : KeyFile);
}
